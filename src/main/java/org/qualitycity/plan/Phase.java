package org.qualitycity.plan;

import java.time.LocalDate;

/** A phase of the plan (动员部署, 组织实施, 城市自查, 预验收考核, 申请验收). */
public record Phase(String code, int number, String nameZh, String nameEn, LocalDate start, LocalDate end) {
}
