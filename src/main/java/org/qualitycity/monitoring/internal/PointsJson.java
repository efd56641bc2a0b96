package org.qualitycity.monitoring.internal;

import org.qualitycity.monitoring.Point;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The message body of the MQTT and Kafka receivers: {@code {"points": [{"metric", "time", "value", "flag"}]}} (or the
 * bare array) of one device. Empty when anything in it is invalid: a message is stored whole or not at all.
 */
final class PointsJson {

    private PointsJson() {
    }

    static Optional<List<Point>> parse(ObjectMapper json, long deviceId, byte[] payload) {
        List<Point> points = new ArrayList<>();
        try {
            JsonNode root = json.readTree(payload);
            JsonNode list = root.isArray() ? root : root.path("points");
            for (JsonNode p : list) {
                String metric = p.path("metric").asString(null);
                String time = p.path("time").asString(null);
                JsonNode value = p.path("value");
                String flag = p.path("flag").asString(null);
                if (metric == null || !metric.matches(HttpIngest.METRIC) || time == null || !value.isNumber()
                        || flag != null && !flag.matches("[A-Za-z]{1,4}")) {
                    return Optional.empty();
                }
                double v = value.asDouble();
                if (!Double.isFinite(v)) {
                    return Optional.empty();
                }
                points.add(new Point(deviceId, metric, Instant.parse(time), v, flag));
            }
        } catch (RuntimeException e) {
            return Optional.empty();
        }
        return Optional.of(points);
    }
}
