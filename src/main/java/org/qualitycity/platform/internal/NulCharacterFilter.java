package org.qualitycity.platform.internal;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.apache.tomcat.util.http.fileupload.InvalidFileNameException;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

import java.io.IOException;
import java.util.Map;

/**
 * Refuses a U+0000 in any request parameter of the API (query string, form body, multipart fields) with a
 * 400 problem naming the parameter, before any controller or the database sees it. Pages pass on: their
 * forms show the binding error ({@code NulCharacterBinding}) or the friendly error page. Multipart requests are
 * parsed here so that a file name the container refuses is a 400 rather than a 500.
 */
@Component
@Order(-200) // before Spring Security (-100), whose CSRF check reads the parameters too
class NulCharacterFilter extends OncePerRequestFilter {

    private final ProblemResponses problems;

    NulCharacterFilter(ProblemResponses problems) {
        this.problems = problems;
    }

    private static boolean isApi(HttpServletRequest request) {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        return path.startsWith("/api/") || path.startsWith("/open311/");
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        boolean api = isApi(request);
        try {
            String field = api ? parameterWithNul(request) : null;
            if (field != null) {
                problems.invalid(request, response, field, NulCharacter.MESSAGE);
                return;
            }
            String contentType = request.getContentType();
            if (contentType != null && contentType.toLowerCase(java.util.Locale.ROOT).startsWith("multipart/")) {
                request.getParts(); // parsed here once, so that a bad part name is a 400 and not a 500 later
            }
        } catch (InvalidFileNameException e) {
            // the servlet container refuses a file name holding U+0000 while parsing the upload
            if (api) {
                problems.invalid(request, response, "file", "has an invalid file name");
            } else {
                response.sendError(400);
            }
            return;
        } catch (IOException | IllegalStateException | ServletException e) {
            // too large or malformed uploads: left to the multipart handling of the web layer
        }
        chain.doFilter(request, response);
    }

    private static String parameterWithNul(HttpServletRequest request) {
        for (Map.Entry<String, String[]> p : request.getParameterMap().entrySet()) {
            if (NulCharacter.in(p.getKey())) {
                return p.getKey().replace('\0', '?');
            }
            for (String v : p.getValue()) {
                if (NulCharacter.in(v)) {
                    return p.getKey();
                }
            }
        }
        return null;
    }
}
