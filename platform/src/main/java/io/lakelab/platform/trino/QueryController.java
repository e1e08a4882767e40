package io.lakelab.platform.trino;

import io.lakelab.platform.identity.CurrentUser;
import io.swagger.v3.oas.annotations.Operation;
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
    @Operation(
            summary = "Run SQL through Trino",
            description = "As the caller, under the caller's lab grants (row filters and masks applied by Trino's"
                    + " Ranger access control). 502 when Trino is not running.")
    QueryResult run(CurrentUser user, @AuthenticationPrincipal Jwt jwt, @RequestBody QueryRequest request) {
        return queries.run(user, jwt.getTokenValue(), request);
    }
}
