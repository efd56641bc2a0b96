package org.qualitycity.plan;

import java.time.LocalDate;

/**
 * A phase of the plan (动员部署, 组织实施, 城市自查, 预验收考核, 申请验收). Dates are inclusive.
 *
 * @param ref      the plan's section, e.g. {@code 五.(二)}
 * @param periodZh the period as the plan writes it, e.g. {@code 2017年5月—2018年7月}
 * @param textZh   what the plan says happens in the phase
 */
public record Phase(String code, int number, String nameZh, String nameEn, LocalDate start, LocalDate end,
                    String ref, String periodZh, String textZh) {

    /** A phase without the plan's wording (the original contract). */
    public Phase(String code, int number, String nameZh, String nameEn, LocalDate start, LocalDate end) {
        this(code, number, nameZh, nameEn, start, end, null, null, null);
    }

    public boolean contains(LocalDate day) {
        return !day.isBefore(start) && !day.isAfter(end);
    }
}
