package org.qualitycity.plan;

/** Published after a plan was imported, replaced or edited (tasks and indicators re-read it). */
public record PlanChanged(String planId, int version) {
}
