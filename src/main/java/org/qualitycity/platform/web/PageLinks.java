package org.qualitycity.platform.web;

import org.springframework.stereotype.Component;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

/**
 * Links for pagers and sortable headers that keep the current filters: used in templates as
 * {@code ${links.with('page', 2)}} and {@code ${links.sort('username')}}.
 */
@Component
public class PageLinks {

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

    /** The current URL with another path (e.g. an export endpoint), keeping the query. */
    public String withPath(String path) {
        return ServletUriComponentsBuilder.fromCurrentRequest().replacePath(path).replaceQueryParam("page")
                .replaceQueryParam("size").build().toUriString();
    }
}
