package io.lakelab.platform.access;

import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.stereotype.Service;

/**
 * Per-run tokens for the policy download API: the job launcher issues one when it starts a run,
 * hands it to the runner inside the JobSpec ({@code policyRefresh.token}), and revokes it when the
 * run ends. A token only lets its holder download policies and the user store; it is random (256
 * bits), kept in memory only (a restart invalidates every token, and runs do not outlive the
 * platform), and never logged.
 */
@Service
public class PolicyTokens {

    private final SecureRandom random = new SecureRandom();
    private final Map<String, String> runsByToken = new ConcurrentHashMap<>();
    private final Map<String, String> tokensByRun = new ConcurrentHashMap<>();

    /** A new token for the run; a run has at most one token, issuing again replaces it. */
    public String issue(String runId) {
        if (runId == null || runId.isBlank()) {
            throw new IllegalArgumentException("runId is required");
        }
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        String token = "lkp_" + HexFormat.of().formatHex(bytes);
        String previous = tokensByRun.put(runId, token);
        if (previous != null) {
            runsByToken.remove(previous);
        }
        runsByToken.put(token, runId);
        return token;
    }

    /** Invalidates the run's token, if it has one; whether it had a live token. */
    public boolean revoke(String runId) {
        String token = tokensByRun.remove(runId);
        if (token != null) {
            runsByToken.remove(token);
        }
        return token != null;
    }

    /** The run a token was issued for, if it is a live token. */
    public Optional<String> runOf(String token) {
        if (token == null || !token.startsWith("lkp_")) {
            return Optional.empty();
        }
        // Compare in constant time against the stored token to avoid leaking matches through timing.
        String run = runsByToken.get(token);
        if (run == null) {
            return Optional.empty();
        }
        String stored = tokensByRun.get(run);
        return stored != null && MessageDigest.isEqual(stored.getBytes(), token.getBytes())
                ? Optional.of(run)
                : Optional.empty();
    }
}
