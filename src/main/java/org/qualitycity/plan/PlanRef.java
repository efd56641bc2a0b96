package org.qualitycity.plan;

/**
 * Where in the plan text an indicator or group comes from: a section ({@code 三.(一)}), optionally the
 * indicator column (专栏) and its item, or a measure code, with the plan's words quoted.
 */
public record PlanRef(String section, Integer column, Integer item, String measure, String textZh) {
}
