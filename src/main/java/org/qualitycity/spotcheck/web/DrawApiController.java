package org.qualitycity.spotcheck.web;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import org.qualitycity.platform.ExcelExport;
import org.qualitycity.platform.ListQuery;
import org.qualitycity.platform.PageResult;
import org.qualitycity.platform.Security;
import org.qualitycity.platform.web.ApiController;
import org.qualitycity.spotcheck.internal.DrawService;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.method.annotation.StreamingResponseBody;

import java.net.URI;
import java.time.Clock;
import java.util.List;

/** 双随机一公开: random draws of enterprises and inspectors, and the inspector pool (issue 14). */
@ApiController("/api/v1/spotchecks")
@Tag(name = "Spot checks")
class DrawApiController {

    private final DrawService draws;
    private final Clock clock;

    DrawApiController(DrawService draws, Clock clock) {
        this.draws = draws;
        this.clock = clock;
    }

    @GetMapping("/random-draws")
    @PreAuthorize("hasAuthority('spotcheck:draw:view')")
    @Operation(summary = "Random draws (double random, one public) of my scope; filters year and q (title or number)")
    PageResult<DrawService.DrawSummary> list(@RequestParam(required = false) Integer year,
                                            @RequestParam(required = false) String q,
                                            @Valid @ModelAttribute ListQuery query) {
        return draws.list(year, q, query, Security.currentUser());
    }

    @GetMapping("/random-draws/export")
    @PreAuthorize("hasAuthority('spotcheck:draw:view')")
    @Operation(summary = "The filtered list of random draws as Excel (every page)")
    ResponseEntity<StreamingResponseBody> export(@RequestParam(required = false) Integer year,
                                                 @RequestParam(required = false) String q,
                                                 @Valid @ModelAttribute ListQuery query) {
        return ExcelExport.response(clock, "random-draws", "draws", DrawExports.COLUMNS,
                draws.all(year, q, query, Security.currentUser()));
    }

    @PostMapping("/random-draws")
    @PreAuthorize("hasAuthority('spotcheck:draw:create')")
    @Operation(summary = "Draw enterprises at random from the filtered list of my scope and assign two inspectors each "
            + "(seed recorded; an enterprise sampled for the same category within 6 months is left out unless overridden "
            + "with a reason)")
    ResponseEntity<DrawService.DrawView> create(@Valid @RequestBody DrawService.NewDraw req) {
        var v = draws.create(req, Security.currentUser());
        return ResponseEntity.status(HttpStatus.CREATED).location(URI.create("/api/v1/spotchecks/random-draws/" + v.id()))
                .body(v);
    }

    @GetMapping("/random-draws/{id}")
    @PreAuthorize("hasAuthority('spotcheck:draw:view')")
    @Operation(summary = "A random draw with its seed, candidate list, exclusions, overrides, inspector pool and picks")
    DrawService.DrawView get(@PathVariable long id) {
        return draws.get(id, Security.currentUser());
    }

    @GetMapping("/random-draws/{id}/verification")
    @PreAuthorize("hasAuthority('spotcheck:draw:view')")
    @Operation(summary = "Recompute a random draw from its recorded seed and lists and say whether it is the same")
    DrawService.Verification verify(@PathVariable long id) {
        return draws.verify(id, Security.currentUser());
    }

    @PostMapping("/random-draws/{id}/publication")
    @PreAuthorize("hasAuthority('spotcheck:draw:create')")
    @Operation(summary = "Publish a random draw kept internal when it was made (once; audited)")
    DrawService.DrawView publish(@PathVariable long id) {
        return draws.publish(id, Security.currentUser());
    }

    @GetMapping("/inspectors")
    @PreAuthorize("hasAuthority('spotcheck:draw:view')")
    @Operation(summary = "The inspector pool: the inspectors of the units in my scope")
    List<DrawService.InspectorRow> inspectors() {
        return draws.inspectors(Security.currentUser());
    }

    @PostMapping("/inspectors")
    @PreAuthorize("hasAuthority('spotcheck:inspector:edit')")
    @Operation(summary = "Add an inspector to the pool")
    ResponseEntity<DrawService.InspectorRow> addInspector(@Valid @RequestBody DrawService.NewInspector req) {
        return ResponseEntity.status(HttpStatus.CREATED).body(draws.addInspector(req, Security.currentUser()));
    }
}
