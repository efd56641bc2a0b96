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

    public boolean hasPrevious() {
        return page > 0;
    }

    public <R> PageResult<R> map(Function<T, R> f) {
        return new PageResult<>(items.stream().map(f).toList(), page, size, total);
    }
}
