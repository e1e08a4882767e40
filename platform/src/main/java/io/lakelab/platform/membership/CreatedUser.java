package io.lakelab.platform.membership;

import io.swagger.v3.oas.annotations.media.Schema;
import java.util.List;

/**
 * A user just created, with the only copy of their client secret: the platform keeps a hash. The
 * secret never appears in {@link #toString()}.
 */
@Schema(description = "The created user. clientSecret is shown this once; the platform stores only its hash.")
public record CreatedUser(
        @Schema(example = "carol") String username,
        @Schema(example = "[\"analyst\"]") List<String> roles,
        @Schema(example = "[\"shipping\"]") List<String> labs,

        @Schema(description = "The OAuth2 client id: the user name", example = "carol")
        String clientId,

        @Schema(description = "The OAuth2 client secret; store it now, it cannot be shown again")
        String clientSecret,

        @Schema(description = "Where to get a token (client_credentials grant)", example = "/oauth2/token")
        String tokenPath) {

    public CreatedUser {
        roles = List.copyOf(roles);
        labs = List.copyOf(labs);
    }

    @Override
    public String toString() {
        return "CreatedUser[username=" + username + ", roles=" + roles + ", labs=" + labs + ", clientSecret=****]";
    }
}
