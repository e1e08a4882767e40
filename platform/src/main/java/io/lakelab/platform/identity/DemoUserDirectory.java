package io.lakelab.platform.identity;

import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.security.oauth2.server.authorization.client.InMemoryRegisteredClientRepository;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;
import org.springframework.security.oauth2.server.authorization.settings.TokenSettings;

/**
 * The demo users of the embedded issuer. Each user is a client-credentials client whose secret is
 * random per start and known only to this process and the owner-only credentials file written
 * for {@code ./lakelab token USER}; it never appears in a log.
 */
public final class DemoUserDirectory {

    private final Map<String, IdentityProperties.DemoUser> users = new LinkedHashMap<>();
    private final Map<String, String> secrets = new LinkedHashMap<>();
    private final IdentityProperties identity;

    DemoUserDirectory(IdentityProperties identity) {
        this.identity = identity;
        SecureRandom random = new SecureRandom();
        for (IdentityProperties.DemoUser user : identity.demoUsers()) {
            byte[] bytes = new byte[24];
            random.nextBytes(bytes);
            users.put(user.username(), user);
            secrets.put(user.username(), HexFormat.of().formatHex(bytes));
        }
    }

    public Optional<IdentityProperties.DemoUser> user(String username) {
        return Optional.ofNullable(users.get(username));
    }

    /** Client secrets by user name, for the credentials file and in-process demo clients. */
    public Map<String, String> secrets() {
        return Map.copyOf(secrets);
    }

    RegisteredClientRepository clientRepository() {
        if (users.isEmpty()) {
            // Spring Authorization Server needs at least one client; this one can never authenticate.
            return new InMemoryRegisteredClientRepository(client("lakelab-nobody", UUID.randomUUID() + "!"));
        }
        return new InMemoryRegisteredClientRepository(users.keySet().stream()
                .map(name -> client(name, secrets.get(name)))
                .toList());
    }

    private RegisteredClient client(String clientId, String secret) {
        return RegisteredClient.withId(
                        UUID.nameUUIDFromBytes(clientId.getBytes()).toString())
                .clientId(clientId)
                .clientSecret("{noop}" + secret)
                .clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_BASIC)
                .clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_POST)
                .authorizationGrantType(AuthorizationGrantType.CLIENT_CREDENTIALS)
                .tokenSettings(TokenSettings.builder()
                        .accessTokenTimeToLive(identity.tokenTtl())
                        .build())
                .build();
    }
}
