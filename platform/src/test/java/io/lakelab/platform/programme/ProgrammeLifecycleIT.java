package io.lakelab.platform.programme;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lakelab.catalog.LabCode;
import io.lakelab.catalog.LakeLabException;
import io.lakelab.catalog.demo.DemoScenario;
import io.lakelab.platform.identity.CurrentUser;
import io.lakelab.platform.identity.Role;
import io.lakelab.platform.job.DemoLabSupport;
import io.lakelab.platform.job.JobService;
import io.lakelab.platform.job.SubmitJobRequest;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.iceberg.Schema;
import org.apache.iceberg.catalog.Catalog;
import org.apache.iceberg.catalog.Namespace;
import org.apache.iceberg.catalog.SupportsNamespaces;
import org.apache.iceberg.catalog.TableIdentifier;
import org.apache.iceberg.types.Types;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/**
 * The programme lifecycle on the real application: co-builder validation, every legal transition
 * through the API and every illegal one refused with 409, approval provisioning and delisting.
 */
class ProgrammeLifecycleIT extends DemoLabSupport {

    @Autowired
    Catalog catalog;

    @Autowired
    JobService jobs;

    @Test
    void refusesAPlanWithoutEveryKindOfCoBuilder() {
        Map<String, Object> plan = plan(unique("p"), List.of("INDUSTRY", "ACADEMIA"));
        Response response = post("alice", "/api/v1/programme/applications", plan);
        assertThat(response.status()).as(response.body()).isEqualTo(400);
        assertThat(response.json().get("detail").asString())
                .contains("lack [research, application]")
                .contains("产学研用");
    }

    @Test
    void everyLegalTransitionWorksAndEveryIllegalOneIsRefused() {
        Set<ProgrammeAction> covered = EnumSet.noneOf(ProgrammeAction.class);
        List<String> transitions = new ArrayList<>();
        // SUBMITTED -REJECT-> REJECTED
        long a = apply(unique("r"));
        refusesAllBut(a, ProgrammeState.SUBMITTED);
        step(a, ProgrammeAction.REJECT, ProgrammeState.REJECTED, transitions);
        refusesAllBut(a, ProgrammeState.REJECTED);
        // SUBMITTED -REVIEW-> UNDER_REVIEW -REJECT-> REJECTED
        long b = apply(unique("r"));
        step(b, ProgrammeAction.REVIEW, ProgrammeState.UNDER_REVIEW, transitions);
        step(b, ProgrammeAction.REJECT, ProgrammeState.REJECTED, transitions);
        // The long path, approved 13 months ago so that the pilot has ended.
        long c = apply(unique("l"));
        step(c, ProgrammeAction.REVIEW, ProgrammeState.UNDER_REVIEW, transitions);
        refusesAllBut(c, ProgrammeState.UNDER_REVIEW);
        step(c, ProgrammeAction.REVIEW, ProgrammeState.UNDER_REVIEW, transitions);
        step(c, ProgrammeAction.APPROVE, ProgrammeState.PILOT, transitions);
        refusesAllBut(c, ProgrammeState.PILOT);
        step(c, ProgrammeAction.EVALUATE, ProgrammeState.EVALUATION, transitions);
        refusesAllBut(c, ProgrammeState.EVALUATION);
        step(c, ProgrammeAction.CONTINUE, ProgrammeState.CONTINUED, transitions);
        refusesAllBut(c, ProgrammeState.CONTINUED);
        step(c, ProgrammeAction.EVALUATE, ProgrammeState.EVALUATION, transitions);
        step(c, ProgrammeAction.UPGRADE, ProgrammeState.UPGRADE_ELIGIBLE, transitions);
        refusesAllBut(c, ProgrammeState.UPGRADE_ELIGIBLE);
        step(c, ProgrammeAction.EVALUATE, ProgrammeState.EVALUATION, transitions);
        step(c, ProgrammeAction.DELIST, ProgrammeState.DELISTED, transitions);
        refusesAllBut(c, ProgrammeState.DELISTED);

        List<String> every = new ArrayList<>();
        for (ProgrammeState from : ProgrammeState.values()) {
            from.allowed().forEach((action, to) -> every.add(from + " -" + action + "-> " + to));
        }
        assertThat(transitions).containsAll(every);
        JsonNode history =
                get("admin", "/api/v1/programme/applications/" + c).json().get("transitions");
        assertThat(history).hasSize(9);
        JsonNode audited =
                get("admin", "/api/v1/audit?action=programme.&limit=1000").json();
        List<String> resources = new ArrayList<>();
        audited.forEach(e -> resources.add(e.get("resource").asString() + " "
                + e.get("action").asString() + " " + e.get("outcome").asString()));
        assertThat(resources)
                .contains("application:" + c + " programme.delist SUCCEEDED")
                .contains("application:" + a + " programme.approve DENIED");
    }

    @Test
    void approvalProvisionsTheLabAndThePilotMustEndBeforeEvaluation() {
        String code = unique("a");
        long id = apply(code);
        act(id, ProgrammeAction.REVIEW);
        Response approved = act(id, ProgrammeAction.APPROVE, null);
        assertThat(approved.status()).as(approved.body()).isEqualTo(200);
        JsonNode details = approved.json().get("transitions").get(1).get("details");
        assertThat(details.get("indicatorsDefined").toString()).contains("tables_built");
        assertThat(details.get("indicatorsAwaitingDefinition").toString()).contains("papers");
        // The embedded issuer's membership is persisted: the planned member is a member for real.
        assertThat(details.get("members").get(0).get("provisioned").asBoolean())
                .as(details.toString())
                .isTrue();
        assertThat(get("admin", "/api/v1/labs/" + code + "/members").json().findValuesAsString("username"))
                .containsExactly("alice");
        LocalDate today = LocalDate.now(ZoneId.of("Asia/Shanghai"));
        assertThat(approved.json().get("pilotEnd").asString())
                .isEqualTo(today.plusYears(1).toString());

        Response lab = get("admin", "/api/v1/labs/" + code);
        assertThat(lab.status()).isEqualTo(200);
        assertThat(lab.json().get("status").asString()).isEqualTo("ACTIVE");
        assertThat(((SupportsNamespaces) catalog).namespaceExists(Namespace.of("lab_" + code)))
                .isTrue();
        assertThat(get("admin", "/api/v1/labs/" + code + "/indicators").body()).contains("tables_built");

        Response early = act(id, ProgrammeAction.EVALUATE);
        assertThat(early.status()).isEqualTo(409);
        assertThat(early.json().get("detail").asString()).contains("pilot runs until " + today.plusYears(1));
    }

    @Test
    void delistingRevokesGrantsFreezesTheWorkspaceAndKeepsTheData() {
        ensureDemoLab();
        String code = unique("d");
        long id = apply(code);
        act(id, ProgrammeAction.REVIEW);
        assertThat(act(id, ProgrammeAction.APPROVE).status()).isEqualTo(200);
        Response granted =
                post("admin", "/api/v1/grants", Map.of("lab", code, "dataset", DemoScenario.ENERGY_CONSUMPTION));
        assertThat(granted.status()).as(granted.body()).isEqualTo(201);
        TableIdentifier table = TableIdentifier.of("lab_" + code, "kept");
        catalog.createTable(table, new Schema(Types.NestedField.required(1, "id", Types.LongType.get())));

        Response evaluated = act(id, ProgrammeAction.EVALUATE);
        assertThat(evaluated.status()).as(evaluated.body()).isEqualTo(201);
        assertThat(evaluated.json().get("recommendation").asString()).isEqualTo("DELIST");
        assertThat(evaluated.json().get("rationale").asString()).contains("tables_built");
        Response delisted = act(id, ProgrammeAction.DELIST);
        assertThat(delisted.status()).as(delisted.body()).isEqualTo(200);

        assertThat(get("admin", "/api/v1/grants?lab=" + code).json()).isEmpty();
        JsonNode all = get("admin", "/api/v1/grants?lab=" + code + "&includeRevoked=true")
                .json();
        assertThat(all).hasSize(1);
        assertThat(all.get(0).get("revokedBy").asString()).isEqualTo("admin");
        JsonNode lab = get("admin", "/api/v1/labs/" + code).json();
        assertThat(lab.get("status").asString()).isEqualTo("FROZEN");
        JsonNode delisting = delisted.json()
                .get("transitions")
                .valueStream()
                .filter(t -> t.get("action").asString().equals("DELIST"))
                .findFirst()
                .orElseThrow()
                .get("details");
        assertThat(delisting.get("membersRemoved").toString())
                .as(delisting.toString())
                .isEqualTo("[\"alice\"]");
        assertThat(get("admin", "/api/v1/labs/" + code + "/members").json()).isEmpty();
        CurrentUser engineer = new CurrentUser("carol", Set.of(Role.LAB_ENGINEER), Set.of(new LabCode(code)));
        assertThatThrownBy(() -> jobs.submit(engineer, new SubmitJobRequest(code, "after", List.of("SELECT 1"))))
                .isInstanceOf(LakeLabException.class)
                .hasMessageContaining("Lab " + code + " is frozen")
                .hasMessageContaining("read-only")
                .hasMessageContaining("No new jobs run in it");
        assertThat(catalog.tableExists(table)).isTrue();

        Response pack = get("admin", "/api/v1/labs/" + code + "/evaluation/pack/html");
        assertThat(pack.status()).as(pack.body()).isEqualTo(200);
        assertThat(pack.body()).contains("摘牌", "tables_built");
        Response pdf = get("admin", "/api/v1/labs/" + code + "/evaluation/pack/pdf");
        assertThat(pdf.status()).isEqualTo(200);
        assertThat(pdf.body()).startsWith("%PDF");
    }

    private void refusesAllBut(long id, ProgrammeState state) {
        for (ProgrammeAction action : ProgrammeAction.values()) {
            if (state.next(action).isPresent()) {
                continue;
            }
            Response refused = act(id, action);
            assertThat(refused.status())
                    .as(action + " from " + state + ": " + refused.body())
                    .isEqualTo(409);
            String detail = refused.json().get("detail").asString();
            assertThat(detail).contains("is " + state + ": it cannot");
            assertThat(detail).contains(state.terminal() ? "is final" : "Allowed next steps from " + state);
            state.allowed().keySet().forEach(allowed -> assertThat(detail).contains(allowed.name()));
        }
        assertThat(get("admin", "/api/v1/programme/applications/" + id)
                        .json()
                        .get("state")
                        .asString())
                .isEqualTo(state.name());
    }

    private void step(long id, ProgrammeAction action, ProgrammeState expected, List<String> transitions) {
        String from = get("admin", "/api/v1/programme/applications/" + id)
                .json()
                .get("state")
                .asString();
        Response response = act(id, action);
        assertThat(response.status()).as(action + ": " + response.body()).isIn(200, 201);
        String to = get("admin", "/api/v1/programme/applications/" + id)
                .json()
                .get("state")
                .asString();
        assertThat(to).isEqualTo(expected.name());
        transitions.add(from + " -" + action + "-> " + to);
    }

    private Response act(long id, ProgrammeAction action) {
        return act(
                id,
                action,
                LocalDate.now(ZoneId.of("Asia/Shanghai")).minusMonths(13).toString());
    }

    private Response act(long id, ProgrammeAction action, String approvedOn) {
        String base = "/api/v1/programme/applications/" + id;
        return switch (action) {
            case REVIEW -> post("rita", base + "/opinions", Map.of("recommendation", "APPROVE", "opinion", "方案可行。"));
            case APPROVE -> {
                Map<String, Object> body = new LinkedHashMap<>();
                body.put("reason", "Experts agree.");
                body.put("approvedOn", approvedOn);
                yield post("admin", base + "/approve", body);
            }
            case REJECT -> post("admin", base + "/reject", Map.of("reason", "Plan lacks a data-security budget."));
            case EVALUATE -> post("admin", base + "/evaluation", "{}");
            case CONTINUE, DELIST, UPGRADE ->
                post(
                        "admin",
                        base + "/outcome",
                        Map.of("outcome", action.name(), "reason", "Evaluation panel decision."));
        };
    }

    private long apply(String code) {
        Response response = post(
                "alice",
                "/api/v1/programme/applications",
                plan(code, List.of("INDUSTRY", "ACADEMIA", "RESEARCH", "APPLICATION")));
        assertThat(response.status()).as(response.body()).isEqualTo(201);
        assertThat(response.json().get("state").asString()).isEqualTo("SUBMITTED");
        return response.json().get("id").asLong();
    }

    static Map<String, Object> plan(String code, List<String> roles) {
        Map<String, Object> plan = new LinkedHashMap<>();
        plan.put("labCode", code);
        plan.put("nameZh", "航运物流大数据联合创新实验室");
        plan.put("nameEn", "Shipping Big Data Joint Innovation Lab");
        plan.put("direction", "SHIPPING_LOGISTICS");
        plan.put("leadUnit", "上海港航数据科技有限公司");
        plan.put("goals", "融合港口公共数据与航运企业数据，提升集疏运效率。");
        plan.put("keyTasks", List.of("港口作业数据治理", "船舶到港预测"));
        plan.put(
                "coBuilders",
                roles.stream()
                        .map(r -> Map.of("name", "单位-" + r, "role", r, "responsibility", "负责" + r))
                        .toList());
        plan.put("resources", "机房 2 个机柜，数据工程师 6 名。");
        plan.put("securityMeasures", "分级分类管理，最小授权。");
        plan.put("emergencyPlan", "发生数据泄露时 1 小时内冻结工作区并报告。");
        plan.put(
                "indicators",
                List.of(
                        Map.of(
                                "code", "tables_built",
                                "nameZh", "建成数据表数",
                                "nameEn", "Tables built",
                                "unit", "个",
                                "target", 3,
                                "direction", "AT_LEAST",
                                "deadline", LocalDate.now().plusMonths(6).toString(),
                                "mandatory", true,
                                "sql", "SELECT count(*) FROM kept"),
                        Map.of(
                                "code", "papers",
                                "nameZh", "发表论文",
                                "nameEn", "Papers published",
                                "unit", "篇",
                                "target", 2,
                                "direction", "AT_LEAST",
                                "deadline", LocalDate.now().plusMonths(12).toString(),
                                "mandatory", false)));
        plan.put("members", List.of(Map.of("username", "alice", "role", "lead engineer")));
        plan.put("reportLanguage", "ZH_CN");
        return plan;
    }
}
