package org.qualitycity.monitoring;

import java.util.Map;

/**
 * A registered device; attributes hold profile-specific fields (e.g. elevator registration code, 96333 code,
 * address, lat/lon, userUnit, maintenanceUnit, make, firstUseDate; meter enterprise credit code, energy type,
 * unit, coal factor; water section's target class and monitored parameters). Attributes may also carry alarm
 * thresholds that rules refer to by name.
 */
public record Device(long id, DeviceProfile profile, String code, String name, long unitId,
                     Map<String, String> attributes, boolean demo) {

    public Device {
        attributes = attributes == null ? Map.of() : Map.copyOf(attributes);
    }
}
