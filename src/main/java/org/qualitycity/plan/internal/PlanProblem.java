package org.qualitycity.plan.internal;

/**
 * One problem of a plan file.
 *
 * @param field  path of the offending field, e.g. {@code indicators[3].target.kind} ("" for the whole file)
 * @param line   1-based line in the YAML file where the field (or its nearest present parent) stands, or
 *               null when unknown (e.g. a JSON upload)
 * @param column 1-based column, or null
 */
public record PlanProblem(String field, Integer line, Integer column, String message) {

    /** The problem in one line for people and logs: line, field path, message. */
    public String describe() {
        StringBuilder sb = new StringBuilder();
        if (line != null) {
            sb.append("line ").append(line).append(", ");
        }
        if (field != null && !field.isEmpty()) {
            sb.append(field).append(": ");
        }
        return sb.append(message).toString();
    }
}
