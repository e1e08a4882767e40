package io.lakelab.platform.trino;

import io.lakelab.platform.identity.CurrentUser;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** {@code POST /api/v1/query}: SQL through Trino as the caller, under the caller's grants. */
@RestController
@RequestMapping("/api/v1/query")
class QueryController {

    private final QueryService queries;

    QueryController(QueryService queries) {
        this.queries = queries;
    }

    @PostMapping
    QueryResult run(CurrentUser user, @AuthenticationPrincipal Jwt jwt, @RequestBody QueryRequest request) {
        return queries.run(user, jwt.getTokenValue(), request);
    }
}
