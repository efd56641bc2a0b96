package org.qualitycity.platform.internal;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.security.web.firewall.RequestRejectedException;
import org.springframework.security.web.firewall.RequestRejectedHandler;
import org.springframework.stereotype.Component;

import java.io.IOException;

/**
 * A URL that Spring Security's firewall refuses (an encoded dot segment, CR/LF, a semicolon…) is a 400
 * problem on the API, like every other bad input there; pages get the container's 400.
 */
@Component
class FirewallRejections implements RequestRejectedHandler {

    private final ProblemResponses problems;

    FirewallRejections(ProblemResponses problems) {
        this.problems = problems;
    }

    @Override
    public void handle(HttpServletRequest request, HttpServletResponse response, RequestRejectedException e)
            throws IOException {
        String path = request.getRequestURI();
        if (path.startsWith("/api/") || path.startsWith("/open311/")) {
            problems.write(request, response, 400, "invalid-url", "The request URL is not allowed.");
        } else {
            response.sendError(400);
        }
    }
}
