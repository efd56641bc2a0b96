package org.qualitycity.monitoring.web;

import org.qualitycity.monitoring.internal.AlarmService;
import org.qualitycity.monitoring.internal.DeviceService;
import org.qualitycity.monitoring.internal.IngestPipeline;
import org.qualitycity.platform.CurrentUser;
import org.qualitycity.platform.ListQuery;
import org.qualitycity.platform.Security;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The operations page: devices on a map by state (online, offline, in alarm), the active alarms with their
 * acknowledgement, the ingestion queue; its live part reloads itself every few seconds (htmx), the page does not.
 */
@Controller
class MonitoringPageController {

    /** A device placed on the map (x, y in the SVG's 0–1000 × 0–600 box). */
    record Marker(DeviceService.DeviceView device, double x, double y) {
    }

    private final DeviceService devices;
    private final AlarmService alarms;
    private final IngestPipeline pipeline;
    private final String mapUrl;

    MonitoringPageController(DeviceService devices, AlarmService alarms, IngestPipeline pipeline,
                             @org.springframework.beans.factory.annotation.Value("${qc.city.map}") String mapUrl) {
        this.devices = devices;
        this.alarms = alarms;
        this.pipeline = pipeline;
        this.mapUrl = mapUrl;
    }

    @GetMapping("/monitoring")
    @PreAuthorize("hasAuthority('monitoring:device:view')")
    String page(Model model) {
        live(model);
        // slot 5: the district map (ECharts over the city's GeoJSON, as on the dashboard) and the running rescue orders
        // of the elevator module (its own fragment, loaded by URL: no dependency from monitoring on elevator)
        model.addAttribute("mapUrl", mapUrl);
        model.addAttribute("canRescue", Security.currentUser().can("elevator:elevator:view"));
        return "monitoring/operations";
    }

    @GetMapping("/monitoring/live")
    @PreAuthorize("hasAuthority('monitoring:device:view')")
    String live(Model model) {
        CurrentUser user = Security.currentUser();
        List<DeviceService.DeviceView> all = devices.all(user, null);
        Map<String, Long> byState = new LinkedHashMap<>();
        for (String s : List.of("ONLINE", "OFFLINE", "ALARM")) {
            byState.put(s, all.stream().filter(d -> d.state().equals(s)).count());
        }
        model.addAttribute("byState", byState);
        model.addAttribute("markers", markers(all));
        model.addAttribute("mapData", mapData(all));
        model.addAttribute("devices", all.stream().limit(200).toList());
        model.addAttribute("deviceTotal", all.size());
        model.addAttribute("alarms", user.can("monitoring:alarm:view")
                ? alarms.list(user, "ACTIVE", null, new ListQuery(0, 50, "raisedAt", "desc")).items() : List.of());
        model.addAttribute("canAck", user.can("monitoring:alarm:ack"));
        model.addAttribute("queued", pipeline.queued());
        model.addAttribute("capacity", pipeline.capacity());
        return "monitoring/operations :: live";
    }

    @PostMapping("/monitoring/alarms/{id}/ack")
    @PreAuthorize("hasAuthority('monitoring:alarm:ack')")
    String ack(@PathVariable long id) {
        alarms.acknowledge(id, Security.currentUser());
        return "redirect:/monitoring";
    }

    /** The devices with a map point (lat/lon attributes) for the district map, and the states' names. */
    static Map<String, Object> mapData(List<DeviceService.DeviceView> all) {
        List<Map<String, Object>> points = new ArrayList<>();
        for (DeviceService.DeviceView d : all) {
            try {
                double lat = Double.parseDouble(d.attributes().getOrDefault("lat", ""));
                double lon = Double.parseDouble(d.attributes().getOrDefault("lon", ""));
                if (Math.abs(lat) <= 90 && Math.abs(lon) <= 180) {
                    points.add(Map.of("id", d.id(), "name", d.name(), "lat", lat, "lng", lon, "state", d.state(),
                            "alarms", d.activeAlarms()));
                }
            } catch (NumberFormatException e) {
                // not on the map
            }
        }
        Map<String, String> states = new LinkedHashMap<>();
        for (String s : List.of("ONLINE", "OFFLINE", "ALARM")) {
            states.put(s, org.qualitycity.platform.Texts.msg("monitoring.state." + s));
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("points", points);
        out.put("states", states);
        return out;
    }

    /** Devices with a lat/lon attribute, projected into the map box over the devices' own extent. */
    static List<Marker> markers(List<DeviceService.DeviceView> all) {
        List<double[]> coords = new ArrayList<>();
        List<DeviceService.DeviceView> placed = new ArrayList<>();
        for (DeviceService.DeviceView d : all) {
            try {
                double lat = Double.parseDouble(d.attributes().getOrDefault("lat", ""));
                double lon = Double.parseDouble(d.attributes().getOrDefault("lon", ""));
                if (Math.abs(lat) <= 90 && Math.abs(lon) <= 180) {
                    coords.add(new double[]{lat, lon});
                    placed.add(d);
                }
            } catch (NumberFormatException e) {
                // not on the map
            }
        }
        if (placed.isEmpty()) {
            return List.of();
        }
        double minLat = coords.stream().mapToDouble(c -> c[0]).min().orElse(0);
        double maxLat = coords.stream().mapToDouble(c -> c[0]).max().orElse(0);
        double minLon = coords.stream().mapToDouble(c -> c[1]).min().orElse(0);
        double maxLon = coords.stream().mapToDouble(c -> c[1]).max().orElse(0);
        double spanLat = Math.max(maxLat - minLat, 1e-6);
        double spanLon = Math.max(maxLon - minLon, 1e-6);
        List<Marker> out = new ArrayList<>();
        for (int i = 0; i < placed.size(); i++) {
            double x = 40 + (coords.get(i)[1] - minLon) / spanLon * 920;
            double y = 560 - (coords.get(i)[0] - minLat) / spanLat * 520;
            out.add(new Marker(placed.get(i), Math.round(x * 10) / 10.0, Math.round(y * 10) / 10.0));
        }
        return out;
    }
}
