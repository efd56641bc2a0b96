package org.qualitycity.enterprise.web;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import org.qualitycity.enterprise.internal.ExportRecords;
import org.qualitycity.platform.Security;
import org.qualitycity.platform.Texts;
import org.qualitycity.platform.ValidationException;
import org.qualitycity.platform.web.ApiController;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;

/** P5's records: export notifications and export batch counts, imported from Excel all or nothing (issue 14). */
@ApiController("/api/v1")
@Tag(name = "Export notifications")
class ExportApiController {

    private final ExportRecords records;

    ExportApiController(ExportRecords records) {
        this.records = records;
    }

    private static MultipartFile file(jakarta.servlet.http.HttpServletRequest request) {
        MultipartFile file = request instanceof org.springframework.web.multipart.MultipartHttpServletRequest m
                ? m.getFile("file") : null;
        if (file == null || file.isEmpty()) {
            throw new ValidationException("file", Texts.msg("enterprise.error.choose-an-xlsx-file"));
        }
        return file;
    }

    @GetMapping("/export-notifications")
    @PreAuthorize("hasAuthority('enterprise:enterprise:view')")
    @Operation(summary = "Export notifications of a year in my scope (unit: a unit code and below)")
    List<ExportRecords.NotificationView> notifications(@RequestParam @Min(2000) @Max(2100) int year,
                                                       @RequestParam(required = false) String unit) {
        return records.notifications(year, unit, Security.currentUser());
    }

    @PostMapping("/export-notifications/import")
    @PreAuthorize("hasAuthority('enterprise:enterprise:import')")
    @Operation(summary = "Import export notifications from .xlsx (date, importing country, product, credit code, reason), "
            + "all or nothing; 400 lists every bad row as row[n].column")
    ExportRecords.Result importNotifications(jakarta.servlet.http.HttpServletRequest request) throws IOException {
        try (InputStream in = file(request).getInputStream()) {
            return records.importNotifications(in, Security.currentUser());
        }
    }

    @GetMapping("/export-batches")
    @PreAuthorize("hasAuthority('enterprise:enterprise:view')")
    @Operation(summary = "Export batch counts of a year per unit in my scope")
    List<ExportRecords.BatchesView> batches(@RequestParam @Min(2000) @Max(2100) int year) {
        return records.batches(year, Security.currentUser());
    }

    @PostMapping("/export-batches/import")
    @PreAuthorize("hasAuthority('enterprise:enterprise:import')")
    @Operation(summary = "Import export batch counts from .xlsx (unit code, year, batches, source), all or nothing; a row "
            + "replaces the unit's count of that year")
    ExportRecords.Result importBatches(jakarta.servlet.http.HttpServletRequest request) throws IOException {
        try (InputStream in = file(request).getInputStream()) {
            return records.importBatches(in, Security.currentUser());
        }
    }
}
