package org.qualitycity.platform.web;

import org.junit.jupiter.api.Test;
import org.qualitycity.platform.PageResult;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The page numbers of the shared pager: first, last, two on each side of the current page, gaps; only pages that exist. */
class PageLinksWindowTest {

    private final PageLinks links = new PageLinks();

    private List<Integer> window(int page, int size, long total) {
        return links.window(new PageResult<>(List.of(), page, size, total));
    }

    @Test
    void aWindowAroundTheCurrentPageWithTheFirstAndTheLast() {
        assertThat(window(0, 20, 0)).isEmpty();
        assertThat(window(0, 20, 5)).containsExactly(0);
        assertThat(window(1, 20, 40)).containsExactly(0, 1);
        assertThat(window(0, 10, 1000)).containsExactly(0, 1, 2, null, 99);
        assertThat(window(50, 10, 1000)).containsExactly(0, null, 48, 49, 50, 51, 52, null, 99);
        assertThat(window(99, 10, 1000)).containsExactly(0, null, 97, 98, 99);
        // one page left out is shown rather than an ellipsis
        assertThat(window(3, 10, 1000)).containsExactly(0, 1, 2, 3, 4, 5, null, 99);
        assertThat(window(4, 10, 70)).containsExactly(0, 1, 2, 3, 4, 5, 6);
    }

    @Test
    void aPagePastTheEndShowsTheLastPagesOnly() {
        assertThat(window(5000, 10, 1000)).containsExactly(0, null, 97, 98, 99);
        assertThat(window(7, 20, 5)).containsExactly(0);
        assertThat(window(3, 20, 0)).isEmpty();
        for (int page : new int[]{0, 1, 50, 99, 100, 100_000}) {
            assertThat(window(page, 10, 1000)).filteredOn(n -> n != null).allMatch(n -> n >= 0 && n <= 99);
        }
    }
}
