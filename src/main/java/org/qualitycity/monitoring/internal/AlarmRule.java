package org.qualitycity.monitoring.internal;

import org.qualitycity.monitoring.Device;
import org.qualitycity.monitoring.DeviceProfile;

/** One alarm rule of a profile (table monitoring_alarm_rule). */
public record AlarmRule(long id, DeviceProfile profile, String code, String severity, Kind kind, String metric,
                        String operator, Double threshold, String thresholdAttribute, Integer durationSeconds,
                        Integer repeatCount, Integer windowSeconds, String clearOperator, Double clearThreshold,
                        String clearThresholdAttribute, boolean enabled) {

    public enum Kind { SIMPLE, DURATION, REPEATING, NO_DATA }

    /** The threshold for this device: the number, or the device attribute it names (null: the rule does not apply). */
    Double thresholdFor(Device d) {
        return resolve(threshold, thresholdAttribute, d);
    }

    Double clearThresholdFor(Device d) {
        return resolve(clearThreshold, clearThresholdAttribute, d);
    }

    boolean hasClearCondition() {
        return clearOperator != null;
    }

    private static Double resolve(Double value, String attribute, Device d) {
        if (attribute != null) {
            String v = d.attributes().get(attribute);
            if (v == null) {
                return null;
            }
            try {
                return Double.valueOf(v.trim());
            } catch (NumberFormatException e) {
                return null;
            }
        }
        return value;
    }

    static boolean compare(double value, String operator, double threshold) {
        return switch (operator) {
            case ">" -> value > threshold;
            case ">=" -> value >= threshold;
            case "<" -> value < threshold;
            case "<=" -> value <= threshold;
            default -> false;
        };
    }
}
