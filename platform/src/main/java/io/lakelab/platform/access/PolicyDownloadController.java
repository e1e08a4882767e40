package io.lakelab.platform.access;

import io.lakelab.catalog.LakeLabException;
import io.lakelab.catalog.policy.PolicyJson;
import io.lakelab.catalog.policy.PolicyTarget;
import io.lakelab.platform.audit.AuditService;
import io.lakelab.platform.identity.Authorizer;
import io.lakelab.platform.identity.CurrentUser;
import io.lakelab.platform.identity.Operation;
import jakarta.servlet.http.HttpServletRequest;
import java.net.URI;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.apache.ranger.plugin.util.RangerRoles;
import org.apache.ranger.plugin.util.RangerUserStore;
import org.apache.ranger.plugin.util.ServicePolicies;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtException;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Ranger Admin's plugin-facing download API, served from the platform's grants so stock Ranger
 * plugins (Trino's) and LakeLab job runners pull policies, roles and the user store: 200 with
 * Ranger-shaped JSON (Ranger's own Jackson 2 model) when the caller's version is not the current
 * one, 304 when it is. Callers present a bearer token: a platform administrator's JWT or a per-run
 * {@link PolicyTokens policy token}; anonymous calls get 401. Full downloads and refusals are audited.
 */
@RestController
class PolicyDownloadController {

    private final PolicyService policies;
    private final PolicyTokens tokens;
    private final JwtDecoder jwtDecoder;
    private final AuditService audit;
    private final Authorizer authorizer;

    PolicyDownloadController(
            PolicyService policies,
            PolicyTokens tokens,
            JwtDecoder jwtDecoder,
            AuditService audit,
            Authorizer authorizer) {
        this.policies = policies;
        this.tokens = tokens;
        this.jwtDecoder = jwtDecoder;
        this.audit = audit;
        this.authorizer = authorizer;
    }

    @GetMapping({"/service/plugins/policies/download/{service}", "/service/plugins/secure/policies/download/{service}"})
    @io.swagger.v3.oas.annotations.Operation(
            summary = "Download compiled Ranger policies",
            description = "Ranger Admin's plugin download API for lakelab_spark or lakelab_trino: 200 with"
                    + " ServicePolicies, 304 when lastKnownVersion is current.")
    ResponseEntity<?> policies(
            HttpServletRequest http,
            @PathVariable String service,
            @RequestParam(defaultValue = "-1") long lastKnownVersion) {
        return serve(http, service, "policies", target -> {
            ServicePolicies p = policies.policies(target);
            return new Document(p.getPolicyVersion(), lastKnownVersion, p);
        });
    }

    @GetMapping({"/service/roles/download/{service}", "/service/roles/secure/download/{service}"})
    @io.swagger.v3.oas.annotations.Operation(
            summary = "Download Ranger roles",
            description = "Always empty: LakeLab uses groups; 304 when current.")
    ResponseEntity<?> roles(
            HttpServletRequest http,
            @PathVariable String service,
            @RequestParam(defaultValue = "-1") long lastKnownRoleVersion) {
        return serve(http, service, "roles", target -> {
            RangerRoles r = policies.roles(target);
            return new Document(r.getRoleVersion(), lastKnownRoleVersion, r);
        });
    }

    @GetMapping({"/service/xusers/download/{service}", "/service/xusers/secure/download/{service}"})
    @io.swagger.v3.oas.annotations.Operation(
            summary = "Download the Ranger user store",
            description = "Which users are in which lab_<code> group; 304 when current.")
    ResponseEntity<?> userStore(
            HttpServletRequest http,
            @PathVariable String service,
            @RequestParam(defaultValue = "-1") long lastKnownUserStoreVersion) {
        return serve(http, service, "userstore", target -> {
            RangerUserStore u = policies.userStore(target);
            return new Document(u.getUserStoreVersion(), lastKnownUserStoreVersion, u);
        });
    }

    private record Document(long version, long lastKnown, Object body) {}

    private ResponseEntity<?> serve(
            HttpServletRequest http, String service, String kind, Function<PolicyTarget, Document> load) {
        String resource = "ranger:" + service + "/" + kind;
        Caller caller;
        try {
            caller = caller(http.getHeader("Authorization"));
        } catch (LakeLabException e) {
            audit.record(
                    "anonymous",
                    "policy.download",
                    resource,
                    AuditService.Outcome.DENIED,
                    Map.of("reason", e.getMessage()));
            return problem(HttpStatus.UNAUTHORIZED, e.getMessage());
        }
        if (!caller.allowed()) {
            audit.record(
                    caller.name(),
                    "policy.download",
                    resource,
                    AuditService.Outcome.DENIED,
                    Map.of("reason", "not a platform administrator"));
            return problem(
                    HttpStatus.FORBIDDEN,
                    "Downloading policies needs a platform administrator's token or a job run's policy token.");
        }
        PolicyTarget target;
        try {
            target = PolicyTarget.ofService(service);
        } catch (LakeLabException e) {
            return problem(HttpStatus.NOT_FOUND, e.getMessage());
        }
        Document doc = load.apply(target);
        if (doc.version() == doc.lastKnown()) {
            return ResponseEntity.status(HttpStatus.NOT_MODIFIED).build();
        }
        audit.record(
                caller.name(),
                "policy.download",
                resource,
                AuditService.Outcome.ALLOWED,
                Map.of("version", doc.version(), "lastKnownVersion", doc.lastKnown()));
        return ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON).body(PolicyJson.write(doc.body()));
    }

    /** Who is calling ({@code run:<id>} for a policy token) and whether they may download. */
    private record Caller(String name, boolean allowed) {}

    /** The caller of a request; throws for a missing or invalid token. */
    private Caller caller(String authorization) {
        if (authorization != null && authorization.regionMatches(true, 0, "Basic ", 0, 6)) {
            // Ranger's stock REST client (Trino's plugin) only sends HTTP Basic: the password must
            // be a live policy token (the platform issues one to the Trino it starts).
            return new Caller(
                    "run:" + basicPolicyToken(authorization.substring(6).strip()), true);
        }
        if (authorization == null || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            throw LakeLabException.badRequest(
                    "No bearer token: send 'Authorization: Bearer <token>' with an administrator's token or a"
                            + " job run's policy token (or HTTP Basic with a policy token as the password).");
        }
        String token = authorization.substring(7).strip();
        Optional<String> run = tokens.runOf(token);
        if (run.isPresent()) {
            return new Caller("run:" + run.get(), true);
        }
        try {
            CurrentUser user = CurrentUser.fromJwt(jwtDecoder.decode(token));
            return new Caller(user.username(), authorizer.allows(user, Operation.DOWNLOAD_POLICIES, null));
        } catch (JwtException e) {
            throw LakeLabException.badRequest("The bearer token is neither a live policy token nor a valid JWT.");
        }
    }

    private String basicPolicyToken(String credentials) {
        String decoded;
        try {
            decoded = new String(
                    java.util.Base64.getDecoder().decode(credentials), java.nio.charset.StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            decoded = "";
        }
        int colon = decoded.indexOf(':');
        return tokens.runOf(colon < 0 ? "" : decoded.substring(colon + 1))
                .orElseThrow(() ->
                        LakeLabException.badRequest("The basic credentials' password is not a live policy token."));
    }

    private static ResponseEntity<ProblemDetail> problem(HttpStatus status, String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setType(URI.create("https://lakelab.io/problems/"
                + (status == HttpStatus.UNAUTHORIZED
                        ? "unauthorized"
                        : status == HttpStatus.FORBIDDEN ? "forbidden" : "not-found")));
        return ResponseEntity.status(status)
                .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .body(problem);
    }
}
