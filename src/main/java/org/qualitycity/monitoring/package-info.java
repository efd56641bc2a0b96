/**
 * Monitoring: devices by profile (air and water stations, drinking-water sources, energy meters, elevators), each
 * with its own credential; telemetry ingestion over HTTP, MQTT and HJ 212-2017 TCP through one bounded queue with
 * back-pressure into time-partitioned PostgreSQL tables with hourly and daily roll-ups; alarm rules with a
 * raised, acknowledged, cleared lifecycle. The public API ({@link org.qualitycity.monitoring.Devices},
 * {@link org.qualitycity.monitoring.TelemetryWriter}, {@link org.qualitycity.monitoring.TelemetryQuery},
 * {@link org.qualitycity.monitoring.TelemetryListener}, {@link org.qualitycity.monitoring.AlarmChanged}) is what the
 * environment and elevator modules build on.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Monitoring and early warning",
        allowedDependencies = {"platform", "platform :: web", "jobs"})
package org.qualitycity.monitoring;
