package org.qualitycity.monitoring;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The device register. */
public interface Devices {

    Optional<Device> byId(long id);

    Optional<Device> byCode(String code);

    List<Device> byProfile(DeviceProfile profile);

    /** Registers a device (audited); credential stored hashed. Used by demo data of other modules too. */
    Device register(DeviceProfile profile, String code, String name, long unitId, String credential,
                    Map<String, String> attributes, boolean demo);
}
