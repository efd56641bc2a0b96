package org.qualitycity.platform.web;

import org.qualitycity.platform.ListQuery;
import org.qualitycity.platform.PageResult;
import org.springframework.stereotype.Component;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Links for pagers and sortable headers that keep the current filters: used in templates as
 * {@code ${links.with('page', 2)}} and {@code ${links.sort('username')}}.
 */
@Component
public class PageLinks {

    /** The page sizes a pager offers (bounded by {@link ListQuery#MAX_SIZE}). */
    static final List<Integer> SIZES = List.of(20, 50, 100, ListQuery.MAX_SIZE);
    /** Pages shown on each side of the current page. */
    static final int RADIUS = 2;
    /** The pager form's 1-based page number; {@code PageJumpFilter} turns it into {@code page}. */
    public static final String PAGE_NO = "pageNo";

    public String with(String name, Object value) {
        return ServletUriComponentsBuilder.fromCurrentRequest().replaceQueryParam(name, value).build()
                .toUriString();
    }

    /** Sorts by {@code key}, toggling the direction when already sorted by it, back to the first page. */
    public String sort(String key) {
        var b = ServletUriComponentsBuilder.fromCurrentRequest();
        var current = b.build().getQueryParams();
        boolean sameKey = key.equals(current.getFirst("sort"));
        String dir = sameKey && !"desc".equals(current.getFirst("dir")) ? "desc" : "asc";
        return b.replaceQueryParam("sort", key).replaceQueryParam("dir", dir).replaceQueryParam("page", 0).build()
                .toUriString();
    }

    /** ▲ or ▼ when the list is sorted by {@code key}, else nothing. */
    public String sortMark(String key) {
        var q = ServletUriComponentsBuilder.fromCurrentRequest().build().getQueryParams();
        if (!key.equals(q.getFirst("sort"))) {
            return "";
        }
        return "desc".equals(q.getFirst("dir")) ? "▼" : "▲";
    }

    /** "ascending"/"descending"/"none" for {@code aria-sort} of a sortable header. */
    public String ariaSort(String key) {
        String mark = sortMark(key);
        return mark.isEmpty() ? "none" : "▼".equals(mark) ? "descending" : "ascending";
    }

    /** The current URL with another path (e.g. an export endpoint), keeping the query. */
    public String withPath(String path) {
        return ServletUriComponentsBuilder.fromCurrentRequest().replacePath(path).replaceQueryParam("page")
                .replaceQueryParam("size").build().toUriString();
    }

    /** As {@link #withPath(String)}, with one more parameter (e.g. {@code mine=true} of a list whose path implies it). */
    public String withPath(String path, String name, Object value) {
        return ServletUriComponentsBuilder.fromCurrentRequest().replacePath(path).replaceQueryParam("page")
                .replaceQueryParam("size").replaceQueryParam(name, value).build().toUriString();
    }

    /** The current request's path (the action of the pager's form). */
    public String path() {
        return ServletUriComponentsBuilder.fromCurrentRequest().replaceQuery(null).build().getPath();
    }

    /**
     * The page numbers (0-based) a pager shows: the first, the last and {@value #RADIUS} on each side of the
     * current page; {@code null} where pages are left out (an ellipsis). Only pages that exist.
     */
    public List<Integer> window(PageResult<?> page) {
        int last = page.totalPages() - 1;
        List<Integer> out = new ArrayList<>();
        if (last < 0) {
            return out;
        }
        int current = Math.max(0, Math.min(page.page(), last));
        TreeSet<Integer> shown = new TreeSet<>(List.of(0, last));
        for (int n = current - RADIUS; n <= current + RADIUS; n++) {
            if (n >= 0 && n <= last) {
                shown.add(n);
            }
        }
        Integer previous = null;
        for (int n : shown) {
            if (previous != null && n - previous == 2) {
                out.add(previous + 1); // one page left out: show it rather than an ellipsis
            } else if (previous != null && n - previous > 2) {
                out.add(null);
            }
            out.add(n);
            previous = n;
        }
        return out;
    }

    /** The page sizes to offer: the usual ones and the current one. */
    public List<Integer> sizes(PageResult<?> page) {
        TreeSet<Integer> s = new TreeSet<>(SIZES);
        if (page.size() >= 1 && page.size() <= ListQuery.MAX_SIZE) {
            s.add(page.size());
        }
        return List.copyOf(s);
    }

    /**
     * The current query's parameters except paging ({@code page}, {@code size}, {@code pageNo}), decoded, for
     * the hidden fields of the pager's form: jumping or changing the page size keeps every filter and sort.
     */
    public List<Map.Entry<String, String>> kept() {
        List<Map.Entry<String, String>> out = new ArrayList<>();
        var attributes = RequestContextHolder.getRequestAttributes();
        if (!(attributes instanceof ServletRequestAttributes servlet)) {
            return out;
        }
        servlet.getRequest().getParameterMap().forEach((name, values) -> {
            if (!Set.of("page", "size", PAGE_NO, "_csrf").contains(name)) {
                for (String v : values) {
                    out.add(new AbstractMap.SimpleImmutableEntry<>(name, v));
                }
            }
        });
        return out;
    }
}
