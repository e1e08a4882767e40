package io.lakelab.platform.access;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.lakelab.catalog.LabCode;
import io.lakelab.catalog.TableRef;
import io.lakelab.catalog.policy.LakeLabAccess;
import io.lakelab.catalog.policy.PolicyJson;
import io.lakelab.catalog.policy.PolicyTarget;
import io.lakelab.platform.grant.GrantService;
import io.lakelab.platform.support.PlatformTestSupport;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/**
 * The access workflow end to end on the real application: requests, approvals that narrow,
 * rejections, validation of row filters and masks, not-open refusal, agreement gating, expiry by
 * time alone, and the Ranger download API whose policies Ranger's own engine evaluates.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class GovernedAccessIT extends PlatformTestSupport {

    static final String LAB = "lowcarbon";
    static final String SPARK_DOWNLOAD = "/service/plugins/policies/download/lakelab_spark";

    @Autowired
    GrantService grants;

    @Autowired
    PolicyTokens policyTokens;

    @Autowired
    RunnerAudit runnerAudit;

    @BeforeAll
    void labsExist() {
        for (String code : List.of(LAB, "shipping")) {
            ensureLab(code);
        }
    }

    /** Registers a dataset with a fixed schema; openCategory null means SOCIAL. */
    String dataset(String openCategory) {
        String name = unique("ga_");
        Map<String, Object> body = new HashMap<>(Map.of(
                "name", name,
                "titleZh", "企业登记",
                "titleEn", "Enterprise registry",
                "kind", openCategory == null ? "SOCIAL" : "PUBLIC",
                "provider", "Shanghai Big Data Center",
                "grade", "GENERAL",
                "columns",
                        List.of(
                                column("credit_code", "string"),
                                column("name", "string"),
                                column("phone", "string"),
                                column("region", "string"),
                                column("founded", "date"),
                                column("capital", "double"))));
        if (openCategory != null) {
            body.put("openCategory", openCategory);
        }
        Response r = post("admin", "/api/v1/datasets", body);
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        return name;
    }

    static Map<String, Object> column(String name, String type) {
        return Map.of("name", name, "type", type, "required", false);
    }

    static Map<String, Object> column(String name, String type, String tag) {
        return Map.of("name", name, "type", type, "required", false, "tags", List.of(tag));
    }

    /** A social dataset with PII-tagged columns of three types, and untagged ones. */
    String piiDataset() {
        String name = unique("pii_");
        Response r = post(
                "admin",
                "/api/v1/datasets",
                Map.of(
                        "name", name,
                        "titleZh", "联系人",
                        "titleEn", "Contacts",
                        "kind", "SOCIAL",
                        "provider", "Shanghai Big Data Center",
                        "grade", "GENERAL",
                        "columns",
                                List.of(
                                        column("name", "string"),
                                        column("phone", "string", "PII"),
                                        column("birth", "date", "PII"),
                                        column("income", "double", "PII"),
                                        column("region", "string"))));
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        return name;
    }

    Response request(String user, String dataset, List<String> columns, int days) {
        return post(
                user,
                "/api/v1/access-requests",
                Map.of(
                        "lab",
                        LAB,
                        "dataset",
                        dataset,
                        "purpose",
                        "carbon accounting",
                        "columns",
                        columns,
                        "days",
                        days));
    }

    Response directGrant(String dataset, Map<String, Object> options) {
        Map<String, Object> body = new HashMap<>(options);
        body.put("lab", LAB);
        body.put("dataset", dataset);
        return post("admin", "/api/v1/grants", body);
    }

    @Test
    void misspelledGrantFieldsAreRefusedNotDropped() {
        String ds = dataset(null);
        int grantsBefore = get("admin", "/api/v1/grants?lab=" + LAB).json().size();
        Response r = directGrant(ds, Map.of("rowFliter", "region = 'SH'", "colums", List.of("name")));
        assertThat(r.status()).as(r.body()).isEqualTo(400);
        assertThat(r.json().get("detail").asString())
                .containsAnyOf("'rowFliter'", "'colums'")
                .contains("Known fields here", "rowFilter", "unknown fields are refused");
        assertThat(get("admin", "/api/v1/grants?lab=" + LAB).json().size()).isEqualTo(grantsBefore);
    }

    @Test
    void requestIsApprovedWithNarrowingAndBecomesTheGrant() {
        String ds = dataset(null);
        assertThat(request("bob", ds, List.of("name"), 30).status()).isEqualTo(403);
        assertThat(request("eve", ds, List.of("name"), 30).status()).isEqualTo(403);
        Response requested = request("alice", ds, List.of("credit_code", "name", "phone", "region", "founded"), 30);
        assertThat(requested.status()).as(requested.body()).isEqualTo(201);
        JsonNode req = requested.json();
        assertThat(req.get("state").asString()).isEqualTo("PENDING");
        long id = req.get("id").asLong();
        assertThat(get("alice", "/api/v1/access-requests?lab=" + LAB + "&state=PENDING")
                        .json()
                        .findValuesAsString("dataset"))
                .contains(ds);
        assertThat(get("eve", "/api/v1/access-requests?lab=" + LAB).status()).isEqualTo(403);

        Response widened =
                post("admin", "/api/v1/access-requests/" + id + "/approve", Map.of("columns", List.of("capital")));
        assertThat(widened.status()).isEqualTo(400);
        assertThat(widened.json().get("detail").asString()).contains("not a subset of the requested columns");
        Response longer = post("admin", "/api/v1/access-requests/" + id + "/approve", Map.of("days", 31));
        assertThat(longer.status()).isEqualTo(400);
        assertThat(longer.json().get("detail").asString()).contains("may only shorten");
        assertThat(post("alice", "/api/v1/access-requests/" + id + "/approve", Map.of())
                        .status())
                .isEqualTo(403);

        Response approved = post(
                "admin",
                "/api/v1/access-requests/" + id + "/approve",
                Map.of(
                        "columns",
                        List.of("credit_code", "name", "region", "founded"),
                        "rowFilter",
                        "region = 'SH' AND year(founded) >= 2000",
                        "masks",
                        Map.of("name", "HASH", "founded", "YEAR", "credit_code", "SHOW_LAST_4"),
                        "days",
                        10));
        assertThat(approved.status()).as(approved.body()).isEqualTo(200);
        assertThat(approved.json().get("state").asString()).isEqualTo("APPROVED");
        long grantId = approved.json().get("grantId").asLong();

        JsonNode grant = grantById(grantId);
        assertThat(grant.get("dataset").asString()).isEqualTo(ds);
        assertThat(grant.get("purpose").asString()).isEqualTo("carbon accounting");
        assertThat(texts(grant.get("columns"))).containsExactly("credit_code", "name", "region", "founded");
        assertThat(grant.get("rowFilter").asString()).isEqualTo("region = 'SH' AND year(founded) >= 2000");
        assertThat(grant.get("masks").get("name").asString()).isEqualTo("HASH");
        assertThat(grant.get("masks").get("founded").asString()).isEqualTo("YEAR");
        assertThat(grant.get("requestId").asLong()).isEqualTo(id);
        assertThat(grant.get("state").asString()).isEqualTo("ACTIVE");
        Instant expires = Instant.parse(grant.get("expiresAt").asString());
        assertThat(expires)
                .isBetween(Instant.now().plus(Duration.ofDays(9)), Instant.now().plus(Duration.ofDays(10)));

        Response again = post("admin", "/api/v1/access-requests/" + id + "/approve", Map.of());
        assertThat(again.status()).isEqualTo(409);
        assertThat(again.json().get("detail").asString()).contains("already approved");
        assertThat(grants.readableTables(new LabCode(LAB))).contains(new TableRef("datasets", ds));
    }

    @Test
    void rejectionNeedsAReasonAndKeepsIt() {
        String ds = dataset(null);
        long id = request("alice", ds, List.of(), 7).json().get("id").asLong();
        assertThat(post("admin", "/api/v1/access-requests/" + id + "/reject", Map.of("reason", " "))
                        .status())
                .isEqualTo(400);
        assertThat(post("alice", "/api/v1/access-requests/" + id + "/reject", Map.of("reason", "no"))
                        .status())
                .isEqualTo(403);
        Response rejected =
                post("admin", "/api/v1/access-requests/" + id + "/reject", Map.of("reason", "Purpose too vague"));
        assertThat(rejected.status()).as(rejected.body()).isEqualTo(200);
        assertThat(rejected.json().get("state").asString()).isEqualTo("REJECTED");
        assertThat(rejected.json().get("reason").asString()).isEqualTo("Purpose too vague");
        assertThat(rejected.json().get("decidedBy").asString()).isEqualTo("admin");
        assertThat(get("alice", "/api/v1/access-requests/" + id)
                        .json()
                        .get("reason")
                        .asString())
                .isEqualTo("Purpose too vague");
        assertThat(post("admin", "/api/v1/access-requests/" + id + "/approve", Map.of())
                        .status())
                .isEqualTo(409);
    }

    @Test
    void badRowFiltersAreRefusedWithTheReason() {
        String ds = dataset(null);
        Map<String, String> cases = Map.of(
                "region = 'SH'; DROP TABLE x", "other statements are not allowed",
                "credit_code IN (SELECT credit_code FROM datasets.other)", "subqueries",
                "salary > 100", "'salary' is not a column of the dataset",
                "reflect('java.lang.System', 'exit', 1) = 1", "function 'reflect' is not allowed",
                "capital + 1", "is not a condition",
                "region = 'SH' -- and more", "comments are not allowed",
                "region = \"SH\"", "character '\"' is not allowed",
                "region = 'SH", "quoted string is not closed");
        cases.forEach((filter, reason) -> {
            Response r = directGrant(ds, Map.of("rowFilter", filter));
            assertThat(r.status()).as(filter).isEqualTo(400);
            assertThat(r.json().get("detail").asString()).as(filter).contains("Row filter", "is refused", reason);
        });
        Response ok = directGrant(
                ds,
                Map.of("rowFilter", "region IN ('SH', 'JS') AND (capital BETWEEN 1 AND 1000000000 OR phone IS NULL)"));
        assertThat(ok.status()).as(ok.body()).isEqualTo(201);
    }

    @Test
    void masksMustFitTheColumnType() {
        String ds = dataset(null);
        Response year = directGrant(ds, Map.of("masks", Map.of("name", "YEAR")));
        assertThat(year.status()).isEqualTo(400);
        assertThat(year.json().get("detail").asString())
                .contains("Mask YEAR on column 'name' (type string) is refused");
        Response last4 = directGrant(ds, Map.of("masks", Map.of("capital", "SHOW_LAST_4")));
        assertThat(last4.status()).isEqualTo(400);
        assertThat(last4.json().get("detail").asString()).contains("SHOW_LAST_4");
        Response unknown = directGrant(ds, Map.of("masks", Map.of("salary", "HASH")));
        assertThat(unknown.status()).isEqualTo(400);
        assertThat(unknown.json().get("detail").asString()).contains("'salary'", "not a column");
        Response notGranted = directGrant(ds, Map.of("columns", List.of("region"), "masks", Map.of("name", "HASH")));
        assertThat(notGranted.status()).isEqualTo(400);
        assertThat(notGranted.json().get("detail").asString()).contains("not among the granted columns");
        Response badType = directGrant(ds, Map.of("masks", Map.of("name", "SCRAMBLE")));
        assertThat(badType.status()).isEqualTo(400);
        Response ok = directGrant(
                ds,
                Map.of(
                        "masks",
                        Map.of("founded", "MONTH", "phone", "SHOW_LAST_4", "capital", "NULLIFY", "name", "REDACT")));
        assertThat(ok.status()).as(ok.body()).isEqualTo(201);
    }

    @Test
    void notOpenPublicDataIsRefusedAtRequestAndAtGrant() {
        String ds = dataset("NOT_OPEN");
        Response r = request("alice", ds, List.of(), 30);
        assertThat(r.status()).isEqualTo(400);
        assertThat(r.json().get("detail").asString()).contains("not open (非开放)", "cannot be granted");
        Response g = directGrant(ds, Map.of());
        assertThat(g.status()).isEqualTo(400);
        assertThat(g.json().get("detail").asString()).contains("not open (非开放)");
        assertThat(audit("access.request", "dataset:" + ds))
                .anySatisfy(e -> assertThat(e.get("outcome").asString()).isEqualTo("DENIED"));
    }

    @Test
    void conditionalDataNeedsTheCurrentAgreementAccepted() {
        String ds = dataset("CONDITIONAL");
        String agreements = "/api/v1/datasets/" + ds + "/agreements";
        Response none = directGrant(ds, Map.of());
        assertThat(none.status()).isEqualTo(409);
        assertThat(none.json().get("detail").asString()).contains("without a data-use agreement", agreements);

        assertThat(post("alice", agreements, Map.of("version", "1", "text", "x"))
                        .status())
                .isEqualTo(403);
        assertThat(post("admin", agreements, Map.of("version", "1", "text", "Use only for research."))
                        .status())
                .isEqualTo(201);
        Response notAccepted = directGrant(ds, Map.of());
        assertThat(notAccepted.status()).isEqualTo(409);
        assertThat(notAccepted.json().get("detail").asString())
                .contains("has not accepted the current data-use agreement (version 1)", agreements + "/1/accept");

        assertThat(post("eve", agreements + "/1/accept", Map.of("lab", LAB)).status())
                .isEqualTo(403);
        assertThat(post("bob", agreements + "/1/accept", Map.of("lab", LAB)).status())
                .isEqualTo(403);
        Response accepted = post("alice", agreements + "/1/accept", Map.of("lab", LAB));
        assertThat(accepted.status()).as(accepted.body()).isEqualTo(200);
        JsonNode acceptance = accepted.json().get("acceptances").get(0);
        assertThat(acceptance.get("lab").asString()).isEqualTo(LAB);
        assertThat(acceptance.get("acceptedBy").asString()).isEqualTo("alice");
        assertThat(acceptance.get("version").asString()).isEqualTo("1");
        Response granted = directGrant(ds, Map.of());
        assertThat(granted.status()).as(granted.body()).isEqualTo(201);
        assertThat(delete("admin", "/api/v1/grants/" + granted.json().get("id").asLong())
                        .status())
                .isEqualTo(200);

        assertThat(post("admin", agreements, Map.of("version", "2", "text", "Use only for research; no export."))
                        .status())
                .isEqualTo(201);
        assertThat(get("bob", agreements).json().get("version").asString()).isEqualTo("2");
        Response stale = directGrant(ds, Map.of());
        assertThat(stale.status()).isEqualTo(409);
        assertThat(stale.json().get("detail").asString()).contains("(version 2)");
        Response old = post("alice", agreements + "/1/accept", Map.of("lab", LAB));
        assertThat(old.status()).isEqualTo(409);
        assertThat(old.json().get("detail").asString()).contains("current version is 2");
        assertThat(post("alice", agreements + "/2/accept", Map.of("lab", LAB)).status())
                .isEqualTo(200);
        assertThat(directGrant(ds, Map.of()).status()).isEqualTo(201);
        assertThat(audit("agreement.accept", "dataset:" + ds)).hasSizeGreaterThanOrEqualTo(3);
    }

    @Test
    void expiryIsEnforcedByTimeAlone() {
        String ds = dataset(null);
        Instant expiry = Instant.now().plusSeconds(8);
        Response granted = directGrant(ds, Map.of("expiresAt", expiry.toString(), "columns", List.of("region")));
        assertThat(granted.status()).as(granted.body()).isEqualTo(201);
        TableRef table = new TableRef("datasets", ds);
        assertThat(grants.readableTables(new LabCode(LAB))).contains(table);

        // One download, evaluated again and again: only the clock changes.
        String policies = get("admin", SPARK_DOWNLOAD).body();
        String users = get("admin", "/service/xusers/download/lakelab_spark").body();
        try (LakeLabAccess engine = LakeLabAccess.start(
                PolicyTarget.SPARK, "it", PolicyJson.policies(policies), PolicyJson.userStore(users))) {
            assertThat(engine.isAccessAllowed("alice", Set.of(), "datasets", ds, "region", "select")
                            .allowed())
                    .isTrue();
            await().atMost(Duration.ofSeconds(30))
                    .pollInterval(Duration.ofMillis(200))
                    .untilAsserted(() -> {
                        assertThat(grants.readableTables(new LabCode(LAB))).doesNotContain(table);
                        assertThat(engine.isAccessAllowed("alice", Set.of(), "datasets", ds, "region", "select")
                                        .allowed())
                                .isFalse();
                    });
        }
        assertThat(grantById(granted.json().get("id").asLong()).get("state").asString())
                .isEqualTo("EXPIRED");
        // An expired grant does not block a new one.
        assertThat(directGrant(ds, Map.of()).status()).isEqualTo(201);
    }

    @Test
    void downloadApiServesVersionedRangerPolicies() {
        String ds = dataset(null);
        long grantId = directGrant(ds, Map.of("columns", List.of("region", "name"), "masks", Map.of("name", "HASH")))
                .json()
                .get("id")
                .asLong();

        assertThat(send(request(null, SPARK_DOWNLOAD).GET().build()).status()).isEqualTo(401);
        assertThat(send(request(null, SPARK_DOWNLOAD)
                                .header("Authorization", "Bearer not-a-token")
                                .GET()
                                .build())
                        .status())
                .isEqualTo(401);
        Response byAlice = get("alice", SPARK_DOWNLOAD);
        assertThat(byAlice.status()).isEqualTo(403);
        assertThat(get("admin", "/service/plugins/policies/download/nope").status())
                .isEqualTo(404);

        Response first = get("admin", SPARK_DOWNLOAD + "?lastKnownVersion=-1");
        assertThat(first.status()).isEqualTo(200);
        JsonNode json = first.json();
        assertThat(json.get("serviceName").asString()).isEqualTo("lakelab_spark");
        assertThat(json.get("serviceDef").get("name").asString()).isEqualTo("hive");
        long version = json.get("policyVersion").asLong();
        assertThat(json.get("policies").findValuesAsString("name"))
                .contains("grant-" + grantId + "-select", "grant-" + grantId + "-mask-name");
        assertThat(get("admin", SPARK_DOWNLOAD + "?lastKnownVersion=" + version).status())
                .isEqualTo(304);
        assertThat(get("admin", "/service/plugins/secure/policies/download/lakelab_spark?lastKnownVersion=" + version)
                        .status())
                .isEqualTo(304);

        String token = policyTokens.issue("run-it-1");
        Response byRun = send(request(null, SPARK_DOWNLOAD + "?lastKnownVersion=-1")
                .header("Authorization", "Bearer " + token)
                .GET()
                .build());
        assertThat(byRun.status()).isEqualTo(200);
        try (LakeLabAccess engine = LakeLabAccess.start(
                PolicyTarget.SPARK,
                "it",
                PolicyJson.policies(byRun.body()),
                PolicyJson.userStore(
                        get("admin", "/service/xusers/download/lakelab_spark").body()))) {
            assertThat(engine.isAccessAllowed("alice", Set.of(), "datasets", ds, "region", "select")
                            .grantId())
                    .isEqualTo(grantId);
            assertThat(engine.isAccessAllowed("alice", Set.of(), "datasets", ds, "phone", "select")
                            .allowed())
                    .isFalse();
            assertThat(engine.isAccessAllowed("eve", Set.of(), "datasets", ds, "region", "select")
                            .allowed())
                    .isFalse();
            assertThat(engine.mask("bob", Set.of(), "datasets", ds, "name").rangerType())
                    .isEqualTo("MASK_HASH");
        }

        assertThat(delete("admin", "/api/v1/grants/" + grantId).status()).isEqualTo(200);
        Response afterRevoke = get("admin", SPARK_DOWNLOAD + "?lastKnownVersion=" + version);
        assertThat(afterRevoke.status()).isEqualTo(200);
        assertThat(afterRevoke.json().get("policyVersion").asLong()).isGreaterThan(version);
        assertThat(afterRevoke.json().get("policies").findValuesAsString("name"))
                .doesNotContain("grant-" + grantId + "-select");

        String basic = java.util.Base64.getEncoder().encodeToString(("trino:" + token).getBytes());
        assertThat(send(request(null, SPARK_DOWNLOAD)
                                .header("Authorization", "Basic " + basic)
                                .GET()
                                .build())
                        .status())
                .isEqualTo(200);
        policyTokens.revoke("run-it-1");
        assertThat(send(request(null, SPARK_DOWNLOAD)
                                .header("Authorization", "Bearer " + token)
                                .GET()
                                .build())
                        .status())
                .isEqualTo(401);

        Response users = get("admin", "/service/xusers/download/lakelab_spark?lastKnownUserStoreVersion=-1");
        assertThat(users.status()).isEqualTo(200);
        assertThat(texts(users.json().get("userGroupMapping").get("alice"))).contains("lab_lowcarbon");
        long usersVersion = users.json().get("userStoreVersion").asLong();
        assertThat(get("admin", "/service/xusers/download/lakelab_spark?lastKnownUserStoreVersion=" + usersVersion)
                        .status())
                .isEqualTo(304);
        Response roles = get("admin", "/service/roles/download/lakelab_trino?lastKnownRoleVersion=-1");
        assertThat(roles.status()).isEqualTo(200);
        assertThat(roles.json().get("serviceName").asString()).isEqualTo("lakelab_trino");
        assertThat(get("admin", "/service/roles/download/lakelab_trino?lastKnownRoleVersion=1")
                        .status())
                .isEqualTo(304);
        Response trino = get("admin", "/service/plugins/policies/download/lakelab_trino");
        assertThat(trino.json().get("serviceDef").get("name").asString()).isEqualTo("trino");
        assertThat(trino.json().get("policies").findValuesAsString("name")).contains("trino-queryid-execute");
        assertThat(audit("policy.download", "ranger:lakelab_spark/policies"))
                .anySatisfy(e -> assertThat(e.get("actor").asString()).isEqualTo("run:run-it-1"))
                .anySatisfy(e -> assertThat(e.get("outcome").asString()).isEqualTo("DENIED"));
    }

    @Test
    void everyActionIsAudited() {
        String ds = dataset(null);
        long id = request("alice", ds, List.of("region"), 5).json().get("id").asLong();
        long grantId = post("admin", "/api/v1/access-requests/" + id + "/approve", Map.of())
                .json()
                .get("grantId")
                .asLong();
        delete("admin", "/api/v1/grants/" + grantId);
        long rejected =
                request("alice", ds, List.of("name"), 5).json().get("id").asLong();
        post("admin", "/api/v1/access-requests/" + rejected + "/reject", Map.of("reason", "not needed"));
        directGrant(ds, Map.of("rowFilter", "nope("));
        assertThat(audit("access.request", "dataset:" + ds)).hasSize(2);
        assertThat(audit("access.approve", "access-request:" + id)).hasSize(1);
        assertThat(audit("access.reject", "access-request:" + rejected)).hasSize(1);
        List<JsonNode> grantEvents = audit("grant.create", "dataset:" + ds);
        assertThat(grantEvents).extracting(e -> e.get("outcome").asString()).contains("SUCCEEDED", "DENIED");
        assertThat(audit("grant.revoke", "dataset:" + ds)).hasSize(1);

        String resource = "datasets." + ds + ".name";
        assertThat(runnerAudit.record("run-7", "LAKELAB-PROGRESS 1/2 reading")).isFalse();
        assertThat(runnerAudit.record(
                        "run-7",
                        "LAKELAB-AUDIT {\"user\":\"alice\",\"lab\":\"lowcarbon\",\"resource\":\"" + resource
                                + "\",\"action\":\"select\",\"allowed\":false,\"policyId\":-1,"
                                + "\"runId\":\"run-7\",\"at\":\"2026-01-01T00:00:00Z\"}"))
                .isTrue();
        assertThat(audit("spark.select", resource)).singleElement().satisfies(e -> {
            assertThat(e.get("actor").asString()).isEqualTo("alice");
            assertThat(e.get("outcome").asString()).isEqualTo("DENIED");
            assertThat(e.get("details").get("runId").asString()).isEqualTo("run-7");
        });
    }

    @Test
    void piiColumnsNeedAMaskOrAnAcknowledgement() {
        String ds = piiDataset();
        // phone gets the default PII mask (HASH fits strings); birth and income have none that fits.
        Response refused = directGrant(ds, Map.of());
        assertThat(refused.status()).as(refused.body()).isEqualTo(409);
        assertThat(refused.json().get("detail").asString())
                .contains(
                        "Sensitive columns of '" + ds + "' would be granted unmasked",
                        "'birth' (tags [PII], type date; masks that fit: [NULLIFY, YEAR, MONTH])",
                        "'income' (tags [PII], type double; masks that fit: [NULLIFY])",
                        "\"acknowledgeUnmasked\": [\"birth\", \"income\"]")
                .doesNotContain("'phone'", "'region'");
        assertThat(audit("grant.create", "dataset:" + ds))
                .singleElement()
                .satisfies(e -> assertThat(e.get("outcome").asString()).isEqualTo("DENIED"));

        Map<String, String> wrong = Map.of(
                "region", "has no sensitive tag [] and no default mask: there is nothing to acknowledge",
                "birth", "is both masked (YEAR) and acknowledged unmasked",
                "salary", "'salary', which is not a column of");
        wrong.forEach((column, reason) -> {
            Response r = directGrant(
                    ds, Map.of("masks", Map.of("birth", "YEAR"), "acknowledgeUnmasked", List.of("income", column)));
            assertThat(r.status()).as(column).isEqualTo(400);
            assertThat(r.json().get("detail").asString()).as(column).contains(reason);
        });
        Response notGranted =
                directGrant(ds, Map.of("columns", List.of("name", "region"), "acknowledgeUnmasked", List.of("income")));
        assertThat(notGranted.json().get("detail").asString()).contains("is not among the granted columns");

        Response granted =
                directGrant(ds, Map.of("masks", Map.of("birth", "YEAR"), "acknowledgeUnmasked", List.of("income")));
        assertThat(granted.status()).as(granted.body()).isEqualTo(201);
        JsonNode grant = granted.json();
        assertThat(grant.get("masks").properties())
                .extracting(e -> e.getKey() + "=" + e.getValue().asString())
                .containsExactlyInAnyOrder("birth=YEAR", "phone=HASH");
        assertThat(grant.get("defaultMasks").properties())
                .extracting(e -> e.getKey() + "=" + e.getValue().asString())
                .containsExactly("phone=HASH");
        assertThat(texts(grant.get("acknowledgedUnmasked"))).containsExactly("income");
        long grantId = grant.get("id").asLong();
        assertThat(audit("grant.create", "dataset:" + ds))
                .filteredOn(e -> e.get("outcome").asString().equals("SUCCEEDED"))
                .singleElement()
                .satisfies(e -> {
                    assertThat(texts(e.get("details").get("acknowledgedUnmasked")))
                            .containsExactly("income");
                    assertThat(e.get("details").get("defaultMasks").get("phone").asString())
                            .isEqualTo("HASH (tag PII)");
                });

        // The default compiles into the same Ranger mask policies as an explicit mask, for both engines.
        try (LakeLabAccess engine = LakeLabAccess.start(
                PolicyTarget.SPARK,
                "it",
                PolicyJson.policies(get("admin", SPARK_DOWNLOAD).body()),
                PolicyJson.userStore(
                        get("admin", "/service/xusers/download/lakelab_spark").body()))) {
            assertThat(engine.mask("alice", Set.of(), "datasets", ds, "phone").type())
                    .contains(io.lakelab.catalog.policy.MaskType.HASH);
            assertThat(engine.mask("alice", Set.of(), "datasets", ds, "birth").type())
                    .contains(io.lakelab.catalog.policy.MaskType.YEAR);
            assertThat(engine.mask("alice", Set.of(), "datasets", ds, "income").masked())
                    .isFalse();
        }
        assertThat(get("admin", "/service/plugins/policies/download/lakelab_trino")
                        .json()
                        .get("policies")
                        .findValuesAsString("name"))
                .contains("grant-" + grantId + "-mask-phone", "grant-" + grantId + "-mask-birth")
                .doesNotContain("grant-" + grantId + "-mask-income");
    }

    @Test
    void approvalAcknowledgesPiiAndTheAcknowledgementOverridesTheDefault() {
        String ds = piiDataset();
        long id = request("alice", ds, List.of("name", "phone", "income"), 30)
                .json()
                .get("id")
                .asLong();
        Response refused = post("admin", "/api/v1/access-requests/" + id + "/approve", Map.of());
        assertThat(refused.status()).as(refused.body()).isEqualTo(409);
        assertThat(refused.json().get("detail").asString())
                .contains("'income' (tags [PII], type double; masks that fit: [NULLIFY])")
                .doesNotContain("'phone'");
        assertThat(get("admin", "/api/v1/access-requests/" + id)
                        .json()
                        .get("state")
                        .asString())
                .isEqualTo("PENDING");

        Response approved = post(
                "admin",
                "/api/v1/access-requests/" + id + "/approve",
                Map.of("acknowledgeUnmasked", List.of("phone", "income")));
        assertThat(approved.status()).as(approved.body()).isEqualTo(200);
        JsonNode grant = grantById(approved.json().get("grantId").asLong());
        assertThat(grant.get("masks").isEmpty()).as(grant.toString()).isTrue();
        assertThat(grant.get("defaultMasks").isEmpty()).isTrue();
        assertThat(texts(grant.get("acknowledgedUnmasked"))).containsExactly("income", "phone");
        assertThat(audit("access.approve", "access-request:" + id))
                .filteredOn(e -> e.get("outcome").asString().equals("SUCCEEDED"))
                .singleElement()
                .satisfies(e -> assertThat(texts(e.get("details").get("acknowledgedUnmasked")))
                        .containsExactly("income", "phone"));
    }

    /** One generated row of the preview test's data; null fields are empty CSV cells. */
    record Row(String creditCode, String name, String phone, String region, LocalDate founded, Double capital) {
        static Row of(int i) {
            String[] regions = {"SH", "JS", "ZJ"};
            return new Row(
                    "C" + i,
                    "Enterprise " + i,
                    i % 4 == 0 ? null : "1380000" + i,
                    i % 7 == 0 ? null : regions[i % 3],
                    LocalDate.of(2015 + i % 10, i % 12 + 1, 1),
                    i % 5 == 0 ? null : (double) (i * 37 % 1000));
        }

        String csv() {
            return String.join(
                    ",",
                    creditCode,
                    name,
                    phone == null ? "" : phone,
                    region == null ? "" : region,
                    founded.toString(),
                    capital == null ? "" : capital.toString());
        }
    }

    @Test
    void rowFilterPreviewCountsTheCurrentSnapshot() throws java.io.IOException {
        String ds = dataset(null);
        Response empty = post("admin", "/api/v1/grants/preview", Map.of("dataset", ds, "rowFilter", "region = 'SH'"));
        assertThat(empty.status()).as(empty.body()).isEqualTo(200);
        assertThat(empty.json().get("snapshotId").isNull()).isTrue();
        assertThat(empty.json().get("totalRows").asLong()).isZero();

        List<Row> rows =
                java.util.stream.IntStream.range(0, 60).mapToObj(Row::of).toList();
        List<String> lines = new ArrayList<>(List.of("credit_code,name,phone,region,founded,capital"));
        rows.forEach(r -> lines.add(r.csv()));
        java.nio.file.Path file = java.nio.file.Files.createTempFile("preview-", ".csv");
        java.nio.file.Files.write(file, lines);
        Response ingested = upload("admin", "/api/v1/datasets/" + ds + "/ingestions?mode=REPLACE", file);
        assertThat(ingested.status()).as(ingested.body()).isEqualTo(201);
        long snapshot = ingested.json().get("snapshotId").asLong();

        // Expected counts computed independently, in plain Java over the generated rows; a NULL
        // operand makes a comparison unknown, and unknown rows are not kept.
        Map<String, java.util.function.Predicate<Row>> filters = new java.util.LinkedHashMap<>();
        filters.put(
                "region = 'SH' AND capital > 500",
                r -> "SH".equals(r.region()) && r.capital() != null && r.capital() > 500);
        filters.put("region <> 'SH'", r -> r.region() != null && !r.region().equals("SH"));
        filters.put(
                "NOT (region IN ('SH', 'JS')) OR phone IS NULL",
                r -> (r.region() != null && !List.of("SH", "JS").contains(r.region())) || r.phone() == null);
        filters.put(
                "year(founded) >= 2020 AND capital BETWEEN 100 AND 600",
                r -> r.founded().getYear() >= 2020 && r.capital() != null && r.capital() >= 100 && r.capital() <= 600);
        filters.forEach((filter, expected) -> {
            Response preview = post("admin", "/api/v1/grants/preview", Map.of("dataset", ds, "rowFilter", filter));
            assertThat(preview.status()).as(preview.body()).isEqualTo(200);
            JsonNode p = preview.json();
            assertThat(p.get("snapshotId").asLong()).isEqualTo(snapshot);
            assertThat(p.get("totalRows").asLong()).isEqualTo(60);
            long kept = rows.stream().filter(expected).count();
            assertThat(kept).as(filter).isPositive().isLessThan(60);
            assertThat(p.get("keptRows").asLong()).as(filter).isEqualTo(kept);
        });
        assertThat(post("admin", "/api/v1/grants/preview", Map.of("dataset", ds))
                        .json()
                        .get("keptRows")
                        .asLong())
                .isEqualTo(60);

        Response bad = post("admin", "/api/v1/grants/preview", Map.of("dataset", ds, "rowFilter", "salary > 1"));
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.json().get("detail").asString()).contains("'salary' is not a column of the dataset");
        Response disagree =
                post("admin", "/api/v1/grants/preview", Map.of("dataset", ds, "rowFilter", "founded > '2020-01-01'"));
        assertThat(disagree.status()).isEqualTo(400);
        assertThat(disagree.json().get("detail").asString()).contains("compares a date with a string");
        assertThat(post("alice", "/api/v1/grants/preview", Map.of("dataset", ds))
                        .status())
                .isEqualTo(403);

        long id = request("alice", ds, List.of("name", "region", "capital"), 30)
                .json()
                .get("id")
                .asLong();
        Response onRequest = post(
                "admin",
                "/api/v1/access-requests/" + id + "/preview",
                Map.of("rowFilter", "region <> 'SH'", "columns", List.of("name", "region")));
        assertThat(onRequest.status()).as(onRequest.body()).isEqualTo(200);
        assertThat(onRequest.json().get("keptRows").asLong())
                .isEqualTo(rows.stream().filter(filters.get("region <> 'SH'")).count());
        Response widened = post(
                "admin",
                "/api/v1/access-requests/" + id + "/preview",
                Map.of("rowFilter", "region <> 'SH'", "columns", List.of("phone")));
        assertThat(widened.status()).isEqualTo(400);
        assertThat(widened.json().get("detail").asString()).contains("not a subset of the requested columns");
        assertThat(post("alice", "/api/v1/access-requests/" + id + "/preview", Map.of("rowFilter", "true"))
                        .status())
                .isEqualTo(403);
        assertThat(audit("grant.preview", "dataset:" + ds))
                .extracting(e -> e.get("outcome").asString())
                .contains("SUCCEEDED", "DENIED");
    }

    private JsonNode grantById(long id) {
        JsonNode list = get("admin", "/api/v1/grants?lab=" + LAB + "&includeRevoked=true")
                .json();
        for (JsonNode g : list) {
            if (g.get("id").asLong() == id) {
                return g;
            }
        }
        throw new AssertionError("no grant " + id + " in " + list);
    }

    private List<JsonNode> audit(String action, String resource) {
        List<JsonNode> out = new ArrayList<>();
        for (JsonNode e :
                get("admin", "/api/v1/audit?action=" + action + "&limit=1000").json()) {
            if (e.get("resource").asString().equals(resource)) {
                out.add(e);
            }
        }
        return out;
    }

    private static List<String> texts(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asString()));
        return out;
    }
}
