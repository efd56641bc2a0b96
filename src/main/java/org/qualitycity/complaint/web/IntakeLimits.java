package org.qualitycity.complaint.web;

import org.qualitycity.platform.PersonalData;
import org.qualitycity.platform.RateLimits;
import org.springframework.stereotype.Component;

/**
 * The complaint entries' named limits of {@link RateLimits} (configured under {@code qc.rate-limits}): submissions
 * and tracking per address, submissions per phone (its keyed hash, computed once here: no phone is stored in plain
 * text), Open311 reads per address.
 */
@Component
class IntakeLimits {

    private final RateLimits limits;
    private final PersonalData personalData;
    private final RateLimits.Limit perIp;
    private final RateLimits.Limit perPhone;
    private final RateLimits.Limit readsPerIp;

    IntakeLimits(RateLimits limits, PersonalData personalData) {
        this.limits = limits;
        this.personalData = personalData;
        this.perIp = limits.limit("complaint-per-ip");
        this.perPhone = limits.limit("complaint-per-phone");
        this.readsPerIp = limits.limit("complaint-reads-per-ip");
    }

    /**
     * A submission: the address, then (while the address is within its limit) the phone, in one statement. Returns
     * the phone's keyed hash (null without a phone), for the intake to store: it is computed once per submission.
     */
    String submission(String ip, String phone) {
        String phoneHash = personalData.phoneHash(phone);
        limits.hit(perIp.key(ip), perPhone.key(phoneHash));
        return phoneHash;
    }

    /** A tracking look-up counts against the address's submissions. */
    void tracking(String ip) {
        limits.hit(perIp.key(ip));
    }

    /** A public Open311 read. */
    void read(String ip) {
        limits.hit(readsPerIp.key(ip));
    }
}
