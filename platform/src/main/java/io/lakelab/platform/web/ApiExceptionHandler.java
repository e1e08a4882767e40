package io.lakelab.platform.web;

import io.lakelab.catalog.ErrorCategory;
import io.lakelab.catalog.LakeLabException;
import java.net.URI;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.multipart.support.MissingServletRequestPartException;
import org.springframework.web.servlet.resource.NoResourceFoundException;
import tools.jackson.databind.exc.UnrecognizedPropertyException;

/**
 * The one place where exceptions become HTTP responses: RFC 9457 problem details with a status
 * from the error's category. Client errors are logged quietly, server errors loudly with an
 * error id the user can quote; a user never sees a stack trace.
 */
@RestControllerAdvice
class ApiExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ApiExceptionHandler.class);

    @ExceptionHandler(LakeLabException.class)
    ProblemDetail handle(LakeLabException e) {
        HttpStatus status = statusOf(e.category());
        if (status.is5xxServerError()) {
            return serverError(e, status);
        }
        log.debug("Request refused ({}): {}", status.value(), e.getMessage());
        ProblemDetail problem = problem(status, e.getMessage(), e.category().name());
        if (e instanceof io.lakelab.catalog.iceberg.IngestionException ingestion) {
            problem.setProperty("violations", ingestion.violations());
            problem.setProperty("totalViolations", ingestion.totalViolations());
        }
        return problem;
    }

    @ExceptionHandler(MethodArgumentNotValidException.class)
    ProblemDetail handle(MethodArgumentNotValidException e) {
        String detail = e.getBindingResult().getFieldErrors().stream()
                .map(f -> f.getField() + ": " + f.getDefaultMessage())
                .collect(Collectors.joining("; "));
        return problem(HttpStatus.BAD_REQUEST, "The request body is invalid: " + detail + ".", "BAD_REQUEST");
    }

    @ExceptionHandler(HttpMessageNotReadableException.class)
    ProblemDetail handle(HttpMessageNotReadableException e) {
        if (e.getMostSpecificCause() instanceof UnrecognizedPropertyException unknown) {
            return problem(
                    HttpStatus.BAD_REQUEST,
                    "The request body has a field this API does not know: '" + unknown.getPropertyName()
                            + "'. Known fields here: " + unknown.getKnownPropertyIds()
                            + ". Fix its spelling or remove it: unknown fields are refused, so that a misspelled"
                            + " restriction never widens what a request does. See /v3/api-docs for the schema.",
                    "BAD_REQUEST");
        }
        String cause = e.getMostSpecificCause().getMessage();
        return problem(
                HttpStatus.BAD_REQUEST,
                "The request body could not be read as JSON of the expected shape: "
                        + (cause == null
                                ? "unreadable body"
                                : cause.lines().findFirst().orElse(cause))
                        + ". See /v3/api-docs for the schema.",
                "BAD_REQUEST");
    }

    @ExceptionHandler({
        MissingServletRequestParameterException.class,
        MissingServletRequestPartException.class,
        MethodArgumentTypeMismatchException.class
    })
    ProblemDetail handleBadParameter(Exception e) {
        return problem(
                HttpStatus.BAD_REQUEST, e.getMessage() + ". See /v3/api-docs for the parameters.", "BAD_REQUEST");
    }

    @ExceptionHandler(NoResourceFoundException.class)
    ProblemDetail handle(NoResourceFoundException e) {
        return problem(HttpStatus.NOT_FOUND, "No such endpoint: " + e.getResourcePath(), "NOT_FOUND");
    }

    @ExceptionHandler(org.springframework.web.HttpRequestMethodNotSupportedException.class)
    ProblemDetail handle(org.springframework.web.HttpRequestMethodNotSupportedException e) {
        return problem(HttpStatus.METHOD_NOT_ALLOWED, e.getMessage(), "BAD_REQUEST");
    }

    /**
     * Spring's own refusals of a request (unsupported Content-Type 415, unacceptable Accept 406, a
     * missing multipart boundary 400, ...) carry their status: a client's mistake, never a 500.
     */
    @ExceptionHandler({
        org.springframework.web.HttpMediaTypeNotSupportedException.class,
        org.springframework.web.HttpMediaTypeNotAcceptableException.class,
        org.springframework.web.multipart.MultipartException.class
    })
    ProblemDetail handleRequestShape(Exception e) {
        HttpStatus status = e instanceof org.springframework.web.ErrorResponse response
                ? HttpStatus.valueOf(response.getStatusCode().value())
                : HttpStatus.BAD_REQUEST;
        return problem(
                status,
                e.getMessage() + ". Send JSON (Content-Type: application/json) or, for file uploads,"
                        + " multipart/form-data with a boundary; see /v3/api-docs.",
                "BAD_REQUEST");
    }

    @ExceptionHandler(Exception.class)
    ProblemDetail handle(Exception e) {
        return serverError(e, HttpStatus.INTERNAL_SERVER_ERROR);
    }

    private static ProblemDetail serverError(Exception e, HttpStatus status) {
        String errorId = java.util.UUID.randomUUID().toString();
        log.error("Request failed, error id {}", errorId, e);
        String detail = e instanceof LakeLabException
                ? e.getMessage() + " (error id " + errorId + ")"
                : "An internal error occurred (error id " + errorId + "); the platform log has the details.";
        ProblemDetail problem = problem(status, detail, status == HttpStatus.BAD_GATEWAY ? "EXTERNAL" : "INTERNAL");
        problem.setProperty("errorId", errorId);
        return problem;
    }

    static HttpStatus statusOf(ErrorCategory category) {
        return switch (category) {
            case BAD_REQUEST -> HttpStatus.BAD_REQUEST;
            case NOT_FOUND -> HttpStatus.NOT_FOUND;
            case CONFLICT -> HttpStatus.CONFLICT;
            case FORBIDDEN -> HttpStatus.FORBIDDEN;
            case EXTERNAL -> HttpStatus.BAD_GATEWAY;
            case INTERNAL -> HttpStatus.INTERNAL_SERVER_ERROR;
        };
    }

    private static ProblemDetail problem(HttpStatus status, String detail, String category) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setType(URI.create(
                "https://lakelab.io/problems/" + category.toLowerCase().replace('_', '-')));
        problem.setProperty("category", category);
        return problem;
    }
}
