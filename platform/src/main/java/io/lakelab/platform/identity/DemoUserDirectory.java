package io.lakelab.platform.identity;

import io.lakelab.catalog.ErrorCategory;
import io.lakelab.catalog.LabCode;
import io.lakelab.catalog.LakeLabException;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;
import org.springframework.security.oauth2.server.authorization.settings.TokenSettings;

/**
 * The users of the embedded issuer, kept in PostgreSQL with their roles and lab memberships: the
 * demo users of {@code lakelab.identity.demo-users} (seeded on first start; later changes through
 * the API win over the configuration) and the users administrators create. Each user is a
 * client-credentials client. A demo user's secret is random per start and known only to this
 * process and the owner-only credentials file written for {@code ./lakelab token USER}; a created
 * user's secret is shown once to the administrator and stored only as a bcrypt hash. No secret
 * ever appears in a log.
 */
public final class DemoUserDirectory {

    /** Who created the seeded demo users. */
    public static final String SEEDED_BY = "system:demo-users";

    private static final Logger log = LoggerFactory.getLogger(DemoUserDirectory.class);

    private final EmbeddedUserRepository repository;
    private final IdentityProperties identity;
    private final Map<String, String> secrets = new LinkedHashMap<>();
    private final SecureRandom random = new SecureRandom();
    private final BCryptPasswordEncoder bcrypt = new BCryptPasswordEncoder();

    DemoUserDirectory(IdentityProperties identity, EmbeddedUserRepository repository) {
        this.identity = identity;
        this.repository = repository;
        for (IdentityProperties.DemoUser user : identity.demoUsers()) {
            seed(user);
            if (repository.secretHash(user.username()).isEmpty()) {
                secrets.put(user.username(), newSecret());
            }
        }
    }

    public Optional<EmbeddedUser> user(String username) {
        return repository.find(username);
    }

    /** Every user, sorted by name. */
    public List<EmbeddedUser> users() {
        return repository.findAll();
    }

    /** Client secrets of the configured demo users by user name, for the credentials file and in-process clients. */
    public Map<String, String> secrets() {
        return Map.copyOf(secrets);
    }

    /**
     * Creates a user with their roles and lab memberships and returns their new client secret, the
     * only time it exists outside a hash. Callers authorize, validate the name and check the labs.
     */
    public String create(String username, Set<Role> roles, Collection<LabCode> labs, String createdBy) {
        String secret = newSecret();
        if (!repository.insert(username, roles, labs, "{bcrypt}" + bcrypt.encode(secret), createdBy)) {
            throw new LakeLabException(
                    ErrorCategory.CONFLICT,
                    "User '" + username + "' exists already: GET /api/v1/users lists the users; choose another name.");
        }
        return secret;
    }

    /** Makes an existing user a member of the lab; adding a member twice is not an error. */
    public void addMember(LabCode lab, String username) {
        if (!repository.exists(username)) {
            throw new LakeLabException(
                    ErrorCategory.NOT_FOUND,
                    "No user '" + username + "' in the embedded issuer: create it first (POST /api/v1/users, or"
                            + " ./lakelab user add " + username + " --role analyst --lab " + lab.value() + ").");
        }
        repository.addMember(lab, username);
    }

    /** Ends a membership; NOT_FOUND when there is none. */
    public void removeMember(LabCode lab, String username) {
        if (!repository.removeMember(lab, username)) {
            throw new LakeLabException(
                    ErrorCategory.NOT_FOUND,
                    username + " is not a member of lab " + lab.value() + ": GET /api/v1/labs/" + lab.value()
                            + "/members lists its members.");
        }
    }

    /** User names of the lab's members, sorted. */
    public List<String> members(LabCode lab) {
        return repository.members(lab);
    }

    /**
     * The clients Spring Authorization Server authenticates, read from the store on every token
     * request so that a created user can log in at once.
     */
    RegisteredClientRepository clientRepository() {
        return new RegisteredClientRepository() {
            @Override
            public void save(RegisteredClient client) {
                // Spring Authorization Server re-encodes a {noop} demo secret after a successful
                // login; the directory keeps its own secrets, so there is nothing to save.
            }

            @Override
            public RegisteredClient findById(String id) {
                return users().stream()
                        .map(EmbeddedUser::username)
                        .filter(name -> registrationId(name).equals(id))
                        .findFirst()
                        .map(this::findByClientId)
                        .orElse(null);
            }

            @Override
            public RegisteredClient findByClientId(String clientId) {
                Optional<String> hash = repository.secretHash(clientId);
                if (hash.isPresent()) {
                    return client(clientId, hash.get());
                }
                String secret = secrets.get(clientId);
                return secret == null || !repository.exists(clientId) ? null : client(clientId, "{noop}" + secret);
            }
        };
    }

    private void seed(IdentityProperties.DemoUser user) {
        Set<Role> roles = EnumSet.noneOf(Role.class);
        for (String role : user.roles()) {
            Role.fromClaim(role)
                    .ifPresentOrElse(
                            roles::add,
                            () -> log.warn("Demo user {}: ignoring unknown role '{}'", user.username(), role));
        }
        List<LabCode> labs = new ArrayList<>();
        for (String group : user.groups()) {
            String g = group.startsWith("/") ? group : "/" + group;
            try {
                if (!g.startsWith(CurrentUser.LAB_GROUP_PREFIX)) {
                    throw new IllegalArgumentException("not a lab group");
                }
                labs.add(new LabCode(g.substring(CurrentUser.LAB_GROUP_PREFIX.length())));
            } catch (RuntimeException e) {
                log.warn(
                        "Demo user {}: ignoring group '{}': only lab groups /labs/<code> are kept",
                        user.username(),
                        group);
            }
        }
        if (repository.insert(user.username(), roles, labs, null, SEEDED_BY)) {
            log.info("Seeded demo user {} (roles {}, labs {})", user.username(), user.roles(), labs);
        }
    }

    private RegisteredClient client(String clientId, String encodedSecret) {
        return RegisteredClient.withId(registrationId(clientId))
                .clientId(clientId)
                .clientSecret(encodedSecret)
                .clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_BASIC)
                .clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_POST)
                .authorizationGrantType(AuthorizationGrantType.CLIENT_CREDENTIALS)
                .tokenSettings(TokenSettings.builder()
                        .accessTokenTimeToLive(identity.tokenTtl())
                        .build())
                .build();
    }

    private static String registrationId(String username) {
        return UUID.nameUUIDFromBytes(username.getBytes(StandardCharsets.UTF_8)).toString();
    }

    private String newSecret() {
        byte[] bytes = new byte[24];
        random.nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }
}
