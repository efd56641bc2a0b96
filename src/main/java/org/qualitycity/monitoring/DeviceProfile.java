package org.qualitycity.monitoring;

/** Device profiles: each has its own alarm rules and attributes. */
public enum DeviceProfile {
    AIR_STATION, WATER_SECTION, DRINKING_WATER_SOURCE, ENERGY_METER, ELEVATOR
}
