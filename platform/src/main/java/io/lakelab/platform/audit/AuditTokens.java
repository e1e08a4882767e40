package io.lakelab.platform.audit;

import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.stereotype.Service;

/**
 * Tokens that let an engine post its query events to the audit ({@code POST
 * /service/audit/trino-events}) and do nothing else: the same kind of credential as the policy
 * download's per-run tokens (random 256 bits, in memory only, never logged), but a separate set, so
 * an event token cannot download policies and a policy token cannot write audit records. The
 * platform issues one to each Trino it starts; a restart invalidates them.
 */
@Service
public class AuditTokens {

    /** Where an event token's holder (Trino's HTTP event listener) posts query events. */
    public static final String TRINO_EVENTS_PATH = "/service/audit/trino-events";

    static final String PREFIX = "lka_";

    private final SecureRandom random = new SecureRandom();
    private final Map<String, String> clientsByToken = new ConcurrentHashMap<>();
    private final Map<String, String> tokensByClient = new ConcurrentHashMap<>();

    /** A new event token for {@code client} (e.g. {@code trino}); issuing again replaces the old one. */
    public String issue(String client) {
        if (client == null || client.isBlank()) {
            throw new IllegalArgumentException("client is required");
        }
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        String token = PREFIX + HexFormat.of().formatHex(bytes);
        String previous = tokensByClient.put(client, token);
        if (previous != null) {
            clientsByToken.remove(previous);
        }
        clientsByToken.put(token, client);
        return token;
    }

    /** The client a live event token was issued to. */
    Optional<String> clientOf(String token) {
        if (token == null || !token.startsWith(PREFIX)) {
            return Optional.empty();
        }
        String client = clientsByToken.get(token);
        if (client == null) {
            return Optional.empty();
        }
        String stored = tokensByClient.get(client);
        return stored != null && MessageDigest.isEqual(stored.getBytes(), token.getBytes())
                ? Optional.of(client)
                : Optional.empty();
    }
}
