package io.lakelab.jobs.governance;

import io.lakelab.catalog.policy.LakeLabAccess;
import io.lakelab.catalog.policy.PolicyJson;
import io.lakelab.catalog.policy.PolicyTarget;
import io.lakelab.jobs.PolicyRefresh;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Polls the platform's Ranger-compatible download API ({@code GET
 * <url>/service/plugins/policies/download/lakelab_spark?lastKnownVersion=N}, bearer token) and swaps
 * new policies into the engine at once; {@code 304} means unchanged. A failed poll keeps the last
 * policies (as Ranger's own plugins do) and is retried at the next tick. Expiry needs no poll:
 * Ranger's validity schedules end a grant by time alone.
 */
public final class PolicyRefresher implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(PolicyRefresher.class);

    private final PolicyRefresh settings;
    private final LakeLabAccess access;
    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "lakelab-policy-refresher");
        t.setDaemon(true);
        return t;
    });

    private PolicyRefresher(PolicyRefresh settings, LakeLabAccess access) {
        this.settings = settings;
        this.access = access;
    }

    public static PolicyRefresher start(PolicyRefresh settings, LakeLabAccess access) {
        PolicyRefresher refresher = new PolicyRefresher(settings, access);
        refresher.timer.scheduleWithFixedDelay(
                refresher::pollQuietly, settings.intervalMs(), settings.intervalMs(), TimeUnit.MILLISECONDS);
        return refresher;
    }

    private void pollQuietly() {
        try {
            poll();
        } catch (Exception e) {
            LOG.warn("Policy refresh from {} failed (keeping the current policies): {}", settings.url(), e.toString());
        }
    }

    /** One poll; true when new policies were installed. */
    public boolean poll() throws Exception {
        String url = settings.url().replaceAll("/+$", "") + "/service/plugins/policies/download/"
                + PolicyTarget.SPARK.serviceName() + "?lastKnownVersion=" + access.policyVersion()
                + "&supportsPolicyDeltas=false";
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url))
                .timeout(Duration.ofSeconds(5))
                .GET();
        if (settings.token() != null && !settings.token().isBlank()) {
            request.header("Authorization", "Bearer " + settings.token());
        }
        HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() == 304) {
            return false;
        }
        if (response.statusCode() != 200) {
            throw new IllegalStateException("HTTP " + response.statusCode());
        }
        access.update(PolicyJson.policies(response.body()), null);
        return true;
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
