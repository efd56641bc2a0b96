package org.qualitycity.platform;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Pattern;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Paging and sorting of any list, bound from request parameters {@code page} (0-based), {@code size},
 * {@code sort} (a key the list declares) and {@code dir} (asc/desc). Controllers take it as
 * {@code @Valid @ModelAttribute ListQuery q}; out-of-range values are also clamped, never trusted.
 */
public record ListQuery(@Min(0) @Max(MAX_PAGE) Integer page,
                        @Min(1) @Max(MAX_SIZE) Integer size,
                        @Pattern(regexp = "[A-Za-z][A-Za-z0-9]{0,39}") String sort,
                        @Pattern(regexp = "(?i)asc|desc") String dir) {

    public static final int DEFAULT_SIZE = 20;
    public static final int MAX_SIZE = 200;
    /** Highest page number any list accepts (0-based); beyond it a list answers 400, never 500. */
    public static final int MAX_PAGE = 100_000;
    /** Most rows an export of a whole list returns (repositories' {@code all(...)} methods). */
    public static final int EXPORT_LIMIT = 100_000;

    public int pageNumber() {
        return page == null ? 0 : Math.max(0, page);
    }

    public int pageSize() {
        return size == null ? DEFAULT_SIZE : Math.min(MAX_SIZE, Math.max(1, size));
    }

    public int offset() {
        return Math.min(MAX_PAGE, pageNumber()) * pageSize();
    }

    public boolean descending() {
        return "desc".equalsIgnoreCase(dir);
    }

    /**
     * An ORDER BY clause from a whitelist: {@code allowed} maps the sort keys a list offers to SQL
     * expressions written by the repository. An unknown key is a 400 naming the field. A unique
     * tie-breaker keeps paging stable.
     */
    public String orderBy(Map<String, String> allowed, String defaultKey, String tieBreaker) {
        String key = sort == null || sort.isBlank() ? defaultKey : sort;
        String column = allowed.get(key);
        if (column == null) {
            throw new ValidationException("sort", Texts.msg("platform.error.sort-key", key, String.join(", ", new java.util.TreeSet<>(allowed.keySet()))));
        }
        return " ORDER BY " + column + (descending() ? " DESC" : " ASC") + ", " + tieBreaker + " ";
    }

    /**
     * Every row of a list as the user sees it filtered and sorted (the sort and direction of {@code q}; its page and
     * size are ignored), read page after page through the list's own query, so that an export holds exactly the
     * filtered rows of every page within the caller's scope; at most {@link #EXPORT_LIMIT}.
     */
    public static <T> List<T> allPages(ListQuery q, Function<ListQuery, PageResult<T>> list) {
        List<T> out = new ArrayList<>();
        for (int page = 0; out.size() < EXPORT_LIMIT; page++) {
            PageResult<T> r = list.apply(new ListQuery(page, MAX_SIZE, q == null ? null : q.sort(),
                    q == null ? null : q.dir()));
            out.addAll(r.items());
            if (!r.hasNext() || r.items().isEmpty()) {
                break;
            }
        }
        return out.size() > EXPORT_LIMIT ? List.copyOf(out.subList(0, EXPORT_LIMIT)) : out;
    }
}
