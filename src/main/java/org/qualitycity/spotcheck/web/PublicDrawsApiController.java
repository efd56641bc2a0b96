package org.qualitycity.spotcheck.web;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Size;
import org.qualitycity.platform.ListQuery;
import org.qualitycity.platform.PageResult;
import org.qualitycity.platform.web.ApiController;
import org.qualitycity.spotcheck.internal.DrawService;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;

/** 双随机一公开 for everyone (no login): the published random draws with their seeds, picks and results. */
@ApiController("/api/v1/public/random-draws")
@Tag(name = "Public")
class PublicDrawsApiController {

    private final DrawService draws;

    PublicDrawsApiController(DrawService draws) {
        this.draws = draws;
    }

    @GetMapping
    @Operation(summary = "Published random draws (double random, one public), newest first: plan, filter, seed, "
            + "drawn enterprises with their inspectors and inspection results (no login)")
    PageResult<DrawService.PublicDraw> list(@RequestParam(required = false) @Min(2000) @Max(2999) Integer year,
                                           @RequestParam(required = false) @Size(max = 100) String q,
                                           @Valid @ModelAttribute ListQuery query) {
        return draws.published(year, q, query);
    }

    @GetMapping("/{id}")
    @Operation(summary = "One published random draw with its sorted candidate list, to recompute it from the seed "
            + "(no login)")
    DrawService.PublicDraw get(@PathVariable long id) {
        return draws.publishedDraw(id);
    }
}
