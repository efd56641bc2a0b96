package org.qualitycity.monitoring.web;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import org.qualitycity.monitoring.internal.AlarmRule;
import org.qualitycity.monitoring.internal.AlarmRules;
import org.qualitycity.monitoring.internal.AlarmService;
import org.qualitycity.monitoring.internal.DeviceService;
import org.qualitycity.monitoring.internal.HttpIngest;
import org.qualitycity.platform.ListQuery;
import org.qualitycity.platform.PageResult;
import org.qualitycity.platform.Security;
import org.qualitycity.platform.Texts;
import org.qualitycity.platform.ValidationException;
import org.qualitycity.platform.web.ApiController;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;

import java.net.URI;
import java.time.Instant;
import java.util.List;

@ApiController("/api/v1")
@Tag(name = "Monitoring")
class MonitoringApiController {

    private final DeviceService devices;
    private final HttpIngest ingest;
    private final AlarmService alarms;
    private final AlarmRules rules;

    MonitoringApiController(DeviceService devices, HttpIngest ingest, AlarmService alarms, AlarmRules rules) {
        this.devices = devices;
        this.ingest = ingest;
        this.alarms = alarms;
        this.rules = rules;
    }

    @GetMapping("/alarms")
    @PreAuthorize("hasAuthority('monitoring:alarm:view')")
    @Operation(summary = "Alarms in my scope (state ACTIVE: raised or acknowledged; ALL; RAISED; ACKNOWLEDGED; CLEARED)")
    PageResult<AlarmService.AlarmView> alarms(@RequestParam(required = false) String state,
                                              @RequestParam(required = false) Long deviceId,
                                              @Valid @ModelAttribute ListQuery page) {
        return alarms.list(Security.currentUser(), state, deviceId, page);
    }

    @GetMapping("/alarms/{id}")
    @PreAuthorize("hasAuthority('monitoring:alarm:view')")
    @Operation(summary = "An alarm with its history (raised, acknowledged, cleared)")
    AlarmService.AlarmDetail alarm(@PathVariable long id) {
        return alarms.get(id, Security.currentUser());
    }

    @PostMapping("/alarms/{id}/ack")
    @PreAuthorize("hasAuthority('monitoring:alarm:ack')")
    @Operation(summary = "Acknowledge a raised alarm")
    AlarmService.AlarmDetail ack(@PathVariable long id) {
        return alarms.acknowledge(id, Security.currentUser());
    }

    @GetMapping("/alarm-rules")
    @PreAuthorize("hasAuthority('monitoring:alarm:view')")
    @Operation(summary = "The alarm rules of every profile")
    List<AlarmRule> rules() {
        return rules.all();
    }

    @PostMapping("/alarm-rules")
    @PreAuthorize("hasAuthority('monitoring:rule:edit')")
    @Operation(summary = "Add an alarm rule to a profile (simple, duration, repeating or no data)")
    ResponseEntity<AlarmRule> rule(@Valid @RequestBody AlarmRules.NewRule req) {
        return ResponseEntity.status(HttpStatus.CREATED).body(rules.create(req));
    }

    @GetMapping("/devices")
    @PreAuthorize("hasAuthority('monitoring:device:view')")
    @Operation(summary = "Devices in my scope, by profile and text")
    PageResult<DeviceService.DeviceView> list(@RequestParam(required = false) String profile,
                                              @RequestParam(required = false) String q,
                                              @Valid @ModelAttribute ListQuery page) {
        if (profile != null && !profile.isBlank() && !profile.matches(
                "AIR_STATION|WATER_SECTION|DRINKING_WATER_SOURCE|ENERGY_METER|ELEVATOR")) {
            throw new ValidationException("profile", Texts.msg("monitoring.error.profile"));
        }
        return devices.list(Security.currentUser(), profile, q, page);
    }

    @PostMapping("/devices")
    @PreAuthorize("hasAuthority('monitoring:device:edit')")
    @Operation(summary = "Register a device with its own credential (an HJ 212 station: code = MN, credential = PW)")
    ResponseEntity<DeviceService.DeviceView> register(@Valid @RequestBody DeviceService.NewDevice req) {
        return ResponseEntity.status(HttpStatus.CREATED).body(devices.register(req, Security.currentUser()));
    }

    @GetMapping("/devices/{id}")
    @PreAuthorize("hasAuthority('monitoring:device:view')")
    @Operation(summary = "A device with its state")
    DeviceService.DeviceView get(@PathVariable long id) {
        return devices.get(id, Security.currentUser());
    }

    @GetMapping("/devices/{id}/telemetry")
    @PreAuthorize("hasAuthority('monitoring:device:view')")
    @Operation(summary = "A device's measurements of one metric: raw points, or hourly or daily roll-ups (N values only)")
    DeviceService.Telemetry telemetry(@PathVariable long id, @RequestParam String metric,
                                      @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME) Instant from,
                                      @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME) Instant to,
                                      @RequestParam(required = false, defaultValue = "raw") String resolution) {
        return devices.telemetry(id, metric, from, to, resolution, Security.currentUser());
    }

    @PostMapping("/telemetry")
    @Operation(summary = "Ingest measurements of one or many devices, each authenticated by its own credential; "
            + "answered after they are durably stored (503 with Retry-After when the queue is full)")
    HttpIngest.Accepted telemetry(@Valid @RequestBody HttpIngest.Batch batch) {
        int n = batch.devices().stream().mapToInt(d -> d.points().size()).sum();
        if (n > ingest.maxPoints()) {
            throw new ValidationException("devices", Texts.msg("monitoring.error.too-many", ingest.maxPoints()));
        }
        HttpIngest.Outcome outcome = ingest.ingest(batch);
        if (outcome instanceof HttpIngest.Stored s) {
            return s.accepted();
        }
        throw new Refused(outcome);
    }

    /** A batch that was not enqueued: no credential (401) or no room (503). */
    static final class Refused extends RuntimeException {
        final transient HttpIngest.Outcome outcome;

        Refused(HttpIngest.Outcome outcome) {
            super(null, null, false, false);
            this.outcome = outcome;
        }
    }

    @ExceptionHandler(Refused.class)
    ResponseEntity<ProblemDetail> refused(Refused e) {
        if (e.outcome instanceof HttpIngest.Unauthenticated u) {
            ProblemDetail p = ProblemDetail.forStatusAndDetail(HttpStatus.UNAUTHORIZED,
                    Texts.msg("monitoring.error.credential", u.code()));
            p.setType(URI.create("urn:qualitycity:problem:unauthenticated"));
            return ResponseEntity.status(HttpStatus.UNAUTHORIZED).header("WWW-Authenticate", "DeviceCredential")
                    .body(p);
        }
        HttpIngest.Busy busy = (HttpIngest.Busy) e.outcome;
        ProblemDetail p = ProblemDetail.forStatusAndDetail(HttpStatus.SERVICE_UNAVAILABLE,
                Texts.msg("monitoring.error.busy", busy.retryAfterSeconds()));
        p.setType(URI.create("urn:qualitycity:problem:busy"));
        return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
                .header("Retry-After", Integer.toString(busy.retryAfterSeconds())).body(p);
    }
}
