package io.lakelab.platform.membership;

import io.lakelab.platform.identity.CurrentUser;
import io.lakelab.platform.identity.EmbeddedUser;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** HTTP for the embedded issuer's users. */
@RestController
@RequestMapping("/api/v1/users")
class UserController {

    private final UserService users;

    UserController(UserService users) {
        this.users = users;
    }

    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    @io.swagger.v3.oas.annotations.Operation(
            summary = "Create a user of the embedded issuer (platform-admin)",
            description = "Returns the client secret once; the platform stores only its hash. 409 with Keycloak.")
    CreatedUser create(CurrentUser user, @RequestBody CreateUserRequest request) {
        return users.create(user, request);
    }

    @GetMapping
    @io.swagger.v3.oas.annotations.Operation(
            summary = "List the users of the embedded issuer with their roles and labs (platform-admin)")
    List<EmbeddedUser> list(CurrentUser user) {
        return users.list(user);
    }
}
