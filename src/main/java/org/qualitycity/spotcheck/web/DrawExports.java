package org.qualitycity.spotcheck.web;

import org.qualitycity.platform.ExcelExport;
import org.qualitycity.spotcheck.internal.DrawService;

import java.util.List;

/** The columns of the random-draw list export (API and page). */
final class DrawExports {

    private DrawExports() {
    }

    static final List<ExcelExport.Column<DrawService.DrawSummary>> COLUMNS = List.of(
            new ExcelExport.Column<>("spotcheck.draw.no", DrawService.DrawSummary::drawNo),
            new ExcelExport.Column<>("spotcheck.draw.title", DrawService.DrawSummary::title),
            new ExcelExport.Column<>("spotcheck.draw.drawnOn", d -> d.drawnOn().toString()),
            new ExcelExport.Column<>("spotcheck.category", DrawService.DrawSummary::categoryName),
            new ExcelExport.Column<>("spotcheck.draw.sampleSize", DrawService.DrawSummary::sampleSize),
            new ExcelExport.Column<>("spotcheck.draw.candidates", DrawService.DrawSummary::candidates),
            new ExcelExport.Column<>("spotcheck.draw.picks", DrawService.DrawSummary::picks),
            new ExcelExport.Column<>("spotcheck.unit", DrawService.DrawSummary::unitName));
}
