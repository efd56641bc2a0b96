package org.qualitycity.platform.internal;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.qualitycity.platform.ListQuery;
import org.qualitycity.platform.web.PageLinks;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.util.UriComponentsBuilder;

import java.io.IOException;

/**
 * The pager's "go to page" form of list pages sends the page number people read ({@code pageNo}, from 1); this
 * answers such a GET with a redirect to the same list at {@code page} (from 0), every other parameter kept, so
 * that links and bookmarks carry {@code page} only. An empty number is the first page; anything but a number
 * from 1 to {@link ListQuery#MAX_PAGE} + 1 is a 400 (the friendly error page). API paths are left alone.
 */
@Component
class PageJumpFilter extends OncePerRequestFilter {

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        return !"GET".equals(request.getMethod()) || path.startsWith("/api/") || path.startsWith("/open311/")
                || request.getParameter(PageLinks.PAGE_NO) == null;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String typed = request.getParameter(PageLinks.PAGE_NO).strip();
        Integer page = null;
        if (!typed.isEmpty()) {
            if (!typed.matches("\\d{1,7}") || Integer.parseInt(typed) < 1
                    || Integer.parseInt(typed) > ListQuery.MAX_PAGE + 1) {
                response.sendError(HttpServletResponse.SC_BAD_REQUEST);
                return;
            }
            page = Integer.parseInt(typed) - 1;
        }
        var target = UriComponentsBuilder.fromPath(request.getRequestURI().replaceFirst("^/+", "/")).query(request.getQueryString())
                .replaceQueryParam(PageLinks.PAGE_NO);
        target = page == null ? target.replaceQueryParam("page") : target.replaceQueryParam("page", page);
        response.sendRedirect(target.build().toUriString());
    }
}
