package io.lakelab.platform.membership;

import io.swagger.v3.oas.annotations.media.ArraySchema;
import io.swagger.v3.oas.annotations.media.Schema;
import java.util.List;

/** What an administrator gives to create a user of the embedded issuer. */
@Schema(
        description = "A new user of the embedded issuer: a client-credentials client whose token carries the roles"
                + " and the lab groups. Only with the embedded issuer; with Keycloak, users are created in Keycloak.",
        example = "{\"username\": \"carol\", \"roles\": [\"analyst\"], \"labs\": [\"shipping\"]}")
public record CreateUserRequest(
        @Schema(
                description =
                        "1-100 lower-case letters, digits, '.', '_', '@' or '-', starting with a letter or" + " digit",
                example = "carol",
                requiredMode = Schema.RequiredMode.REQUIRED)
        String username,

        @ArraySchema(
                arraySchema = @Schema(description = "Realm roles, at least one", example = "[\"analyst\"]"),
                schema = @Schema(allowableValues = {"platform-admin", "lab-engineer", "analyst", "reviewer"}),
                minItems = 1)
        List<String> roles,

        @ArraySchema(
                arraySchema =
                        @Schema(
                                description = "Codes of existing labs to make the user a member of (may be empty)",
                                example = "[\"shipping\"]"))
        List<String> labs) {

    public CreateUserRequest {
        roles = roles == null ? List.of() : List.copyOf(roles);
        labs = labs == null ? List.of() : List.copyOf(labs);
    }
}
