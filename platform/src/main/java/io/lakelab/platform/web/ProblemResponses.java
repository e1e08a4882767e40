package io.lakelab.platform.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * Writes RFC 9457 problem details for failures that happen before a controller runs: a missing,
 * expired or invalid token (401) and a refused request (403).
 */
@Component
public class ProblemResponses {

    private final JsonMapper json;

    public ProblemResponses(JsonMapper json) {
        this.json = json;
    }

    public void unauthorized(HttpServletRequest request, HttpServletResponse response, AuthenticationException e)
            throws IOException {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(
                HttpStatus.UNAUTHORIZED,
                "A valid bearer token is required: " + e.getMessage()
                        + ". Obtain one from the identity provider (embedded default: ./lakelab token USER)"
                        + " and send it as 'Authorization: Bearer <token>'.");
        problem.setTitle("Authentication required");
        problem.setType(URI.create("https://lakelab.io/problems/unauthorized"));
        problem.setInstance(URI.create(request.getRequestURI()));
        response.setHeader("WWW-Authenticate", "Bearer");
        write(response, problem);
    }

    public void forbidden(HttpServletRequest request, HttpServletResponse response, AccessDeniedException e)
            throws IOException {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(
                HttpStatus.FORBIDDEN, "You are not allowed to do this: " + e.getMessage());
        problem.setTitle("Forbidden");
        problem.setType(URI.create("https://lakelab.io/problems/forbidden"));
        problem.setInstance(URI.create(request.getRequestURI()));
        write(response, problem);
    }

    private void write(HttpServletResponse response, ProblemDetail problem) throws IOException {
        response.setStatus(problem.getStatus());
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        response.getWriter().write(json.writeValueAsString(problem));
    }
}
