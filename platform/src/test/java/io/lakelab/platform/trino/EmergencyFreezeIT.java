package io.lakelab.platform.trino;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.lakelab.catalog.demo.DemoScenario;
import io.lakelab.catalog.policy.PolicyTarget;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.apache.iceberg.catalog.Catalog;
import org.apache.iceberg.catalog.TableIdentifier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/**
 * Emergency freeze on real processes (runner JVM, Trino, the platform): a lab frozen while its job
 * runs has, within 5 seconds, the job cancelled and its outputs undone, its users denied by Trino and
 * its API writes refused with 409 naming the incident; a dataset frozen for every lab leaves the
 * policies of both engines and refuses jobs and ingestion. Only a second administrator lifts a
 * freeze, and lifting it gives the same access back. Prints the measured seconds.
 */
class EmergencyFreezeIT extends TrinoTestSupport {

    private static final double GOAL_SECONDS = 5.0;
    private static final String SLOW =
            "CREATE TABLE frozen_slow USING iceberg AS SELECT sum(id % 7) AS s FROM range(0, 1000000000000)";
    private static final String ENERGY = "lakelab.datasets." + DemoScenario.ENERGY_CONSUMPTION;

    @Autowired
    Catalog catalog;

    /** A failed test must not leave a lab or dataset frozen for the other Trino ITs of this JVM. */
    @AfterEach
    void liftOpenFreezes() {
        JsonNode open = send(request("admin", "/api/v1/incidents?open=true")
                        .GET()
                        .build())
                .json();
        if (open.isEmpty()) {
            return;
        }
        String second = secondAdmin();
        for (JsonNode incident : open) {
            String kind = incident.get("kind").asString().equals("LAB") ? "labs" : "datasets";
            postAs(
                    second,
                    "/api/v1/" + kind + "/" + incident.get("target").asString() + "/unfreeze",
                    Map.of("resolution", "test cleanup"));
        }
    }

    @Test
    void labFreezeStopsSparkTrinoAndTheApiWithinFiveSecondsAndASecondAdminLiftsIt() throws Exception {
        ensureFixture();
        String secondAdmin = secondAdmin();
        assertThat(query("alice", "SELECT count(*) FROM " + ENERGY)).hasSize(1);
        assertThat(apiWrite("alice").status()).isEqualTo(400); // not frozen: the blank statement is the problem

        String run = submitJob(
                "alice", "freeze-victim", List.of("CREATE TABLE frozen_before USING iceberg AS SELECT 1 AS a", SLOW));
        TableIdentifier before = TableIdentifier.of("lab_lowcarbon", "frozen_before");
        await().atMost(Duration.ofMinutes(3))
                .pollInterval(Duration.ofMillis(300))
                .until(() -> {
                    JsonNode r = job(run);
                    return r.get("state").asString().equals("RUNNING")
                            && r.get("progress").get("message").asString("").contains("frozen_slow");
                });
        assertThat(catalog.tableExists(before)).isTrue();

        long start = System.nanoTime();
        CompletableFuture<Response> freeze = CompletableFuture.supplyAsync(() ->
                post("admin", "/api/v1/labs/lowcarbon/freeze", Map.of("reason", "suspected leak of enterprise data")));
        double api = secondsUntil(start, () -> apiWrite("alice").status() == 409);
        double trinoDenied = secondsUntil(start, () -> denied("alice", "SELECT count(*) FROM " + ENERGY));
        double spark = secondsUntil(
                start, () -> job(run).get("state").asString().equals("CANCELLED") && !catalog.tableExists(before));
        System.out.printf(
                "lab freeze effective in %.2f s (spark %.2f s, trino %.2f s, api %.2f s)%n",
                Math.max(spark, Math.max(trinoDenied, api)), spark, trinoDenied, api);
        assertThat(List.of(spark, trinoDenied, api)).allMatch(s -> s < GOAL_SECONDS);

        Response frozen = freeze.get(30, TimeUnit.SECONDS);
        assertThat(frozen.status()).as(frozen.body()).isEqualTo(200);
        JsonNode incident = frozen.json();
        long id = incident.get("id").asLong();
        assertThat(incident.get("kind").asString()).isEqualTo("LAB");
        assertThat(incident.get("frozenBy").asString()).isEqualTo("admin");
        assertThat(incident.get("stopped").get("runsCancelled").toString()).contains(run);
        assertThat(incident.get("stopped").get("policyTokensRevoked").toString())
                .contains(run);
        assertThat(apiWrite("alice").json().get("detail").asString())
                .contains("Lab lowcarbon is frozen by incident " + id, "suspected leak", "/unfreeze");
        assertThat(post("admin", "/api/v1/labs/lowcarbon/freeze", Map.of("reason", "again"))
                        .json()
                        .get("detail")
                        .asString())
                .contains("already frozen by incident " + id);
        // reads stay possible for administrators; the incident is listed and audited
        assertThat(send(request("admin", "/api/v1/labs/lowcarbon").GET().build())
                        .status())
                .isEqualTo(200);
        assertThat(send(request("rita", "/api/v1/incidents?open=true").GET().build())
                        .body())
                .contains("\"id\":" + id);
        assertThat(send(request("alice", "/api/v1/incidents").GET().build()).status())
                .isEqualTo(403);
        assertThat(send(request("admin", "/api/v1/audit?action=incident.freeze")
                                .GET()
                                .build())
                        .body())
                .contains("\"incident\":" + id);

        // two-person rule: not the administrator who froze it, and not without a resolution note
        Response self = post("admin", "/api/v1/labs/lowcarbon/unfreeze", Map.of("resolution", "false alarm"));
        assertThat(self.status()).isEqualTo(409);
        assertThat(self.json().get("detail").asString()).contains("two-person rule", "second platform administrator");
        Response noNote = postAs(secondAdmin, "/api/v1/labs/lowcarbon/unfreeze", Map.of("resolution", " "));
        assertThat(noNote.status()).isEqualTo(400);
        assertThat(noNote.json().get("detail").asString()).contains("resolution");
        Response lifted = postAs(
                secondAdmin, "/api/v1/labs/lowcarbon/unfreeze", Map.of("resolution", "leak ruled out, keys rotated"));
        assertThat(lifted.status()).as(lifted.body()).isEqualTo(200);
        assertThat(lifted.json().get("resolution").asString()).isEqualTo("leak ruled out, keys rotated");
        assertThat(lifted.json().get("resolvedAt").isNull()).isFalse();

        // the grants were never revoked: the same access comes back
        await().atMost(Duration.ofSeconds(10))
                .pollInterval(Duration.ofMillis(200))
                .until(() -> !denied("alice", "SELECT count(*) FROM " + ENERGY));
        assertThat(apiWrite("alice").status()).isEqualTo(400);
    }

    @Test
    void datasetFreezeWithdrawsItFromEveryLabInBothEnginesAndTheApi() throws Exception {
        ensureFixture();
        String secondAdmin = secondAdmin();
        String registry = "SELECT count(*) FROM lakelab.datasets." + DemoScenario.ENTERPRISE_REGISTRY;
        assertThat(query("eve", "SELECT count(*) FROM " + ENERGY)).hasSize(1);
        assertThat(sparkPolicyOnEnergy()).isTrue();

        long start = System.nanoTime();
        Response frozen = post(
                "admin",
                "/api/v1/datasets/" + DemoScenario.ENERGY_CONSUMPTION + "/freeze",
                Map.of("reason", "the provider withdrew consent"));
        assertThat(frozen.status()).as(frozen.body()).isEqualTo(200);
        long id = frozen.json().get("id").asLong();
        Response job = post(
                "alice",
                "/api/v1/jobs",
                Map.of(
                        "lab",
                        "lowcarbon",
                        "name",
                        "reads-frozen",
                        "statements",
                        List.of("CREATE TABLE f AS SELECT count(*) AS n FROM datasets."
                                + DemoScenario.ENERGY_CONSUMPTION)));
        double api = (System.nanoTime() - start) / 1e9;
        double spark = secondsUntil(start, () -> !sparkPolicyOnEnergy());
        double trinoDenied = secondsUntil(
                start,
                () -> denied("alice", "SELECT count(*) FROM " + ENERGY)
                        && denied("eve", "SELECT count(*) FROM " + ENERGY));
        System.out.printf(
                "dataset freeze effective in %.2f s (spark policies %.2f s, trino %.2f s, api %.2f s)%n",
                Math.max(spark, Math.max(trinoDenied, api)), spark, trinoDenied, api);
        assertThat(List.of(spark, trinoDenied, api)).allMatch(s -> s < GOAL_SECONDS);
        assertThat(job.status()).isEqualTo(409);
        assertThat(job.json().get("detail").asString())
                .contains("Dataset " + DemoScenario.ENERGY_CONSUMPTION + " is frozen by incident " + id);
        Response ingest = post(
                "admin",
                "/api/v1/datasets/" + DemoScenario.ENERGY_CONSUMPTION + "/ingestions",
                Map.of("path", "/nonexistent/energy.csv"));
        assertThat(ingest.status()).as(ingest.body()).isEqualTo(409);
        assertThat(ingest.json().get("detail").asString()).contains("incident " + id, "ingesting into it");
        assertThat(frozen.json().get("stopped").get("labsAffected").toString()).contains("lowcarbon", "shipping");
        // only that dataset: the lab's other grants still work
        assertThat(query("eve", registry)).hasSize(1);

        Response self = post(
                "admin",
                "/api/v1/datasets/" + DemoScenario.ENERGY_CONSUMPTION + "/unfreeze",
                Map.of("resolution", "consent renewed"));
        assertThat(self.json().get("detail").asString()).contains("two-person rule");
        Response lifted = postAs(
                secondAdmin,
                "/api/v1/datasets/" + DemoScenario.ENERGY_CONSUMPTION + "/unfreeze",
                Map.of("resolution", "consent renewed in writing"));
        assertThat(lifted.status()).as(lifted.body()).isEqualTo(200);
        await().atMost(Duration.ofSeconds(10))
                .pollInterval(Duration.ofMillis(200))
                .until(() -> !denied("eve", "SELECT count(*) FROM " + ENERGY));
        assertThat(sparkPolicyOnEnergy()).isTrue();
    }

    /**
     * Seconds from {@code start} until the condition holds. The effects are awaited one after the other
     * from the same start, so each time is an upper bound of when that effect began.
     */
    private static double secondsUntil(long start, Callable<Boolean> condition) {
        await().atMost(Duration.ofSeconds(15))
                .pollInterval(Duration.ofMillis(100))
                .until(condition);
        return (System.nanoTime() - start) / 1e9;
    }

    /** A lab-scoped API write that is harmless: 400 for the blank statement, unless the lab is frozen. */
    private Response apiWrite(String user) {
        return post(user, "/api/v1/jobs", Map.of("lab", "lowcarbon", "name", "probe", "statements", List.of(" ")));
    }

    private boolean denied(String user, String sql) {
        try {
            query(user, sql);
            return false;
        } catch (SQLException e) {
            assertThat(e.getMessage()).contains("Access Denied");
            return true;
        }
    }

    /** Whether the policies Spark runners download still grant a lab the energy dataset. */
    private boolean sparkPolicyOnEnergy() {
        Response r = send(request("admin", "/service/plugins/policies/download/" + PolicyTarget.SPARK.serviceName())
                .GET()
                .build());
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        for (JsonNode p : r.json().get("policies")) {
            if (p.get("name").asString().startsWith("grant-")
                    && p.get("resources").toString().contains("\"" + DemoScenario.ENERGY_CONSUMPTION + "\"")) {
                return true;
            }
        }
        return false;
    }

    private String submitJob(String user, String name, List<String> statements) {
        Response submitted =
                post(user, "/api/v1/jobs", Map.of("lab", "lowcarbon", "name", name, "statements", statements));
        assertThat(submitted.status()).as(submitted.body()).isEqualTo(201);
        return submitted.json().get("id").asString();
    }

    private JsonNode job(String id) {
        return send(request("alice", "/api/v1/jobs/" + id).GET().build()).json();
    }

    /** A second platform administrator (the embedded issuer has one demo admin), as a bearer token. */
    private String secondAdmin() {
        String name = "admin2" + Long.toString(System.nanoTime(), 36);
        Response created = post("admin", "/api/v1/users", Map.of("username", name, "roles", List.of("platform-admin")));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        String basic = Base64.getEncoder()
                .encodeToString(
                        (name + ":" + created.json().get("clientSecret").asString()).getBytes(StandardCharsets.UTF_8));
        Response r = send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/oauth2/token"))
                .header("Authorization", "Basic " + basic)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("grant_type=client_credentials"))
                .build());
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        return r.json().get("access_token").asString();
    }

    private Response postAs(String bearer, String path, Object body) {
        return send(request(null, path)
                .header("Authorization", "Bearer " + bearer)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json.writeValueAsString(body)))
                .build());
    }
}
