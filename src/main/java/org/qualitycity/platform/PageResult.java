package org.qualitycity.platform;

import java.util.List;
import java.util.function.Function;

/** One page of a list, with what a pager needs. */
public record PageResult<T>(List<T> items, int page, int size, long total) {

    public int totalPages() {
        return size == 0 ? 0 : (int) ((total + size - 1) / size);
    }

    public boolean hasNext() {
        return page + 1 < totalPages();
    }

    /** Whether a previous page exists (the first page has none; a page past the end links to the last page). */
    public boolean hasPrevious() {
        return page > 0 && totalPages() > 0;
    }

    /** The page a "previous" link goes to: the one before, or the last page when this one is past the end. */
    public int previousPage() {
        return Math.max(0, Math.min(page - 1, totalPages() - 1));
    }

    public <R> PageResult<R> map(Function<T, R> f) {
        return new PageResult<>(items.stream().map(f).toList(), page, size, total);
    }
}
