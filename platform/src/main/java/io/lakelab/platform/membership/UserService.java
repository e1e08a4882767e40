package io.lakelab.platform.membership;

import io.lakelab.catalog.ErrorCategory;
import io.lakelab.catalog.LabCode;
import io.lakelab.catalog.LakeLabException;
import io.lakelab.platform.audit.AuditService;
import io.lakelab.platform.identity.Authorizer;
import io.lakelab.platform.identity.CurrentUser;
import io.lakelab.platform.identity.DemoUserDirectory;
import io.lakelab.platform.identity.EmbeddedUser;
import io.lakelab.platform.identity.Operation;
import io.lakelab.platform.identity.Role;
import io.lakelab.platform.lab.LabService;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Service;

/**
 * Users of the embedded issuer: platform administrators create them (with roles and lab
 * memberships) and list them. Every attempt past authorization is audited, never with the secret.
 * With Keycloak there is no such directory and both operations say where users are managed.
 */
@Service
public class UserService {

    private final ObjectProvider<DemoUserDirectory> directory;
    private final LabService labs;
    private final Authorizer authorizer;
    private final AuditService audit;

    UserService(
            ObjectProvider<DemoUserDirectory> directory, LabService labs, Authorizer authorizer, AuditService audit) {
        this.directory = directory;
        this.labs = labs;
        this.authorizer = authorizer;
        this.audit = audit;
    }

    public CreatedUser create(CurrentUser user, CreateUserRequest request) {
        authorizer.authorizeOrThrow(user, Operation.MANAGE_USERS);
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("roles", request.roles());
        details.put("labs", request.labs());
        String resource = "user:" + request.username();
        try {
            DemoUserDirectory users = requireEmbedded();
            Username name = new Username(request.username());
            Set<Role> roles = roles(request.roles());
            Set<LabCode> memberOf = new LinkedHashSet<>();
            for (String code : request.labs()) {
                memberOf.add(labs.require(new LabCode(code)).code());
            }
            String secret = users.create(name.value(), roles, memberOf, user.username());
            audit.record(user.username(), "user.create", resource, AuditService.Outcome.SUCCEEDED, details);
            return new CreatedUser(
                    name.value(),
                    roles.stream().map(Role::claimValue).toList(),
                    memberOf.stream().map(LabCode::value).toList(),
                    name.value(),
                    secret,
                    "/oauth2/token");
        } catch (RuntimeException e) {
            details.put("error", String.valueOf(e.getMessage()));
            audit.record(user.username(), "user.create", resource, AuditService.Outcome.FAILED, details);
            throw e;
        }
    }

    public List<EmbeddedUser> list(CurrentUser user) {
        authorizer.authorizeOrThrow(user, Operation.MANAGE_USERS);
        return requireEmbedded().users();
    }

    private DemoUserDirectory requireEmbedded() {
        DemoUserDirectory users = directory.getIfAvailable();
        if (users == null) {
            throw new LakeLabException(
                    ErrorCategory.CONFLICT,
                    "Users are managed in Keycloak on this platform (lakelab.identity.issuer-uri is set): create the"
                            + " user there, then add them to a lab with POST /api/v1/labs/{code}/members/{username}.");
        }
        return users;
    }

    private static Set<Role> roles(List<String> values) {
        if (values.isEmpty()) {
            throw LakeLabException.badRequest("A user needs at least one role in 'roles': one of " + known() + ".");
        }
        Set<Role> roles = EnumSet.noneOf(Role.class);
        for (String value : values) {
            roles.add(Role.fromClaim(value)
                    .orElseThrow(() ->
                            LakeLabException.badRequest("'" + value + "' is not a role: use one of " + known() + ".")));
        }
        return roles;
    }

    private static String known() {
        return EnumSet.allOf(Role.class).stream().map(Role::claimValue).collect(Collectors.joining(", "));
    }
}
