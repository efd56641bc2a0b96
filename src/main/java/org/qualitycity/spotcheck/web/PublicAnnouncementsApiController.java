package org.qualitycity.spotcheck.web;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.qualitycity.platform.web.ApiController;
import org.qualitycity.spotcheck.internal.AnnouncementService;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;

import java.util.List;

@ApiController("/api/v1/public/announcements")
@Tag(name = "Public")
class PublicAnnouncementsApiController {

    private final AnnouncementService announcements;

    PublicAnnouncementsApiController(AnnouncementService announcements) {
        this.announcements = announcements;
    }

    @GetMapping
    @Operation(summary = "Published spot-check result announcements (no login)")
    List<AnnouncementService.AnnouncementView> list() {
        return announcements.list(true, 100);
    }

    @GetMapping("/{id}")
    @Operation(summary = "One published announcement (no login)")
    AnnouncementService.AnnouncementView get(@PathVariable long id) {
        return announcements.get(id, true);
    }
}
