package io.lakelab.catalog.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lakelab.catalog.LabCode;
import io.lakelab.catalog.LakeLabException;
import io.lakelab.catalog.TableRef;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.ranger.plugin.util.RangerUserStore;
import org.apache.ranger.plugin.util.ServicePolicies;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Grants compiled into Ranger policies, decided by Ranger's own engine. */
class LakeLabAccessTest {

    private static final LabCode LOWCARBON = new LabCode("lowcarbon");
    private static final LabCode SHIPPING = new LabCode("shipping");
    private static final TableRef REGISTRY = new TableRef("datasets", "enterprise_registry");
    private static final Map<String, MaskType> MASKS = Map.of(
            "name", MaskType.HASH,
            "phone", MaskType.SHOW_LAST_4,
            "capital", MaskType.NULLIFY,
            "credit_code", MaskType.REDACT,
            "founded", MaskType.YEAR,
            "registered", MaskType.MONTH);
    private static final GrantSpec GRANT = new GrantSpec(
            7,
            LOWCARBON,
            REGISTRY,
            Set.of("credit_code", "name", "phone", "capital", "founded", "registered", "region"),
            "region = 'SH'",
            MASKS,
            null,
            "carbon accounting");
    private static final RangerUserStore USERS =
            UserStores.of(Map.of(LOWCARBON, List.of("alice", "bob"), SHIPPING, List.of("eve")));

    private LakeLabAccess access;

    @AfterEach
    void close() {
        if (access != null) {
            access.close();
        }
    }

    private LakeLabAccess spark(List<GrantSpec> grants) {
        ServicePolicies policies = new PolicyCompiler(PolicyTarget.SPARK).compile(List.of(LOWCARBON, SHIPPING), grants);
        // Through JSON, as a runner receives them.
        access =
                LakeLabAccess.start(PolicyTarget.SPARK, "test", PolicyJson.policies(PolicyJson.write(policies)), USERS);
        return access;
    }

    @Test
    void grantedColumnIsAllowedByTheGrantPolicy() {
        AccessDecision d = spark(List.of(GRANT))
                .isAccessAllowed("alice", Set.of(), "datasets", "enterprise_registry", "region", "select");
        assertThat(d.allowed()).isTrue();
        assertThat(d.policyId()).isEqualTo(PolicyIds.grantAccess(7));
        assertThat(d.grantId()).isEqualTo(7);
    }

    @Test
    void deniedByDefaultWithoutAGrant() {
        AccessDecision d = spark(List.of())
                .isAccessAllowed("alice", Set.of(), "datasets", "enterprise_registry", "region", "select");
        assertThat(d.allowed()).isFalse();
        assertThat(d.policyId()).isEqualTo(-1);
    }

    @Test
    void otherLabsDoNotGetTheGrant() {
        assertThat(spark(List.of(GRANT))
                        .isAccessAllowed("eve", Set.of(), "datasets", "enterprise_registry", "region", "select")
                        .allowed())
                .isFalse();
    }

    @Test
    void ownWorkspaceIsFullyAccessibleOtherWorkspaceIsNot() {
        LakeLabAccess a = spark(List.of());
        for (String type : List.of("select", "create", "update", "drop", "alter")) {
            assertThat(a.isAccessAllowed("alice", Set.of(), "lab_lowcarbon", "results", "x", type)
                            .allowed())
                    .as(type)
                    .isTrue();
            assertThat(a.isAccessAllowed("alice", Set.of(), "lab_shipping", "routes", "x", type)
                            .allowed())
                    .as(type)
                    .isFalse();
        }
        AccessDecision own = a.isAccessAllowed("alice", Set.of(), "lab_lowcarbon", "results", null, "create");
        assertThat(own.allowed()).isTrue();
        assertThat(own.policyId()).isEqualTo(PolicyIds.labWorkspace(LOWCARBON));
        assertThat(a.isAccessAllowed("alice", Set.of(), "lab_lowcarbon", null, null, "create")
                        .allowed())
                .isTrue();
    }

    @Test
    void groupsPassedWithTheRequestCountToo() {
        assertThat(spark(List.of(GRANT))
                        .isAccessAllowed(
                                "newcomer",
                                Set.of("lab_lowcarbon"),
                                "datasets",
                                "enterprise_registry",
                                "name",
                                "select")
                        .allowed())
                .isTrue();
    }

    @Test
    void columnNotGrantedIsDenied() {
        LakeLabAccess a = spark(List.of(GRANT));
        assertThat(a.isAccessAllowed("alice", Set.of(), "datasets", "enterprise_registry", "salary", "select")
                        .allowed())
                .isFalse();
        assertThat(a.isAccessAllowed("alice", Set.of(), "datasets", "enterprise_registry", "region", "update")
                        .allowed())
                .isFalse();
    }

    @Test
    void rowFilterIsReturned() {
        LakeLabAccess a = spark(List.of(GRANT));
        RowFilterDecision f = a.rowFilter("bob", Set.of(), "datasets", "enterprise_registry");
        assertThat(f.filter()).contains("region = 'SH'");
        assertThat(f.policyId()).isEqualTo(PolicyIds.grantRowFilter(7));
        assertThat(a.rowFilter("eve", Set.of(), "datasets", "enterprise_registry")
                        .filter())
                .isEmpty();
    }

    @ParameterizedTest
    @EnumSource(MaskType.class)
    void everyMaskTypeIsReturned(MaskType type) {
        String column = MASKS.entrySet().stream()
                .filter(e -> e.getValue() == type)
                .findFirst()
                .orElseThrow()
                .getKey();
        MaskDecision m = spark(List.of(GRANT)).mask("alice", Set.of(), "datasets", "enterprise_registry", column);
        assertThat(m.masked()).isTrue();
        assertThat(m.rangerType()).isEqualTo(type.rangerType());
        assertThat(m.type()).contains(type);
        assertThat(PolicyIds.grantOf(m.policyId())).isEqualTo(7);
        if (type == MaskType.MONTH) {
            assertThat(m.valueExpr()).isEqualTo("trunc({col}, 'MM')");
        }
    }

    @Test
    void unmaskedColumnIsShownAsItIs() {
        assertThat(spark(List.of(GRANT))
                        .mask("alice", Set.of(), "datasets", "enterprise_registry", "region")
                        .masked())
                .isFalse();
    }

    @Test
    void expiredGrantIsDeniedByTime() {
        GrantSpec expired = withExpiry(GRANT, Instant.now().minus(Duration.ofMinutes(1)));
        LakeLabAccess a = spark(List.of(expired));
        assertThat(a.isAccessAllowed("alice", Set.of(), "datasets", "enterprise_registry", "region", "select")
                        .allowed())
                .isFalse();
        assertThat(a.rowFilter("alice", Set.of(), "datasets", "enterprise_registry")
                        .filter())
                .isEmpty();
    }

    @Test
    void grantWithFutureExpiryIsAllowed() {
        GrantSpec later = withExpiry(GRANT, Instant.now().plus(Duration.ofDays(1)));
        assertThat(spark(List.of(later))
                        .isAccessAllowed("alice", Set.of(), "datasets", "enterprise_registry", "region", "select")
                        .allowed())
                .isTrue();
    }

    @Test
    void updateSwapsPoliciesAtOnce() {
        LakeLabAccess a = spark(List.of(GRANT));
        a.update(new PolicyCompiler(PolicyTarget.SPARK).compile(List.of(LOWCARBON), List.of()), null);
        assertThat(a.isAccessAllowed("alice", Set.of(), "datasets", "enterprise_registry", "region", "select")
                        .allowed())
                .isFalse();
    }

    @Test
    void userStoreUpdateChangesMembership() {
        LakeLabAccess a = spark(List.of(GRANT));
        a.update(null, UserStores.of(Map.of(LOWCARBON, List.of("alice"), SHIPPING, List.of("bob"))));
        assertThat(a.isAccessAllowed("bob", Set.of(), "datasets", "enterprise_registry", "region", "select")
                        .allowed())
                .isFalse();
    }

    @Test
    void compilationIsDeterministicAndVersionFollowsContent() {
        PolicyCompiler compiler = new PolicyCompiler(PolicyTarget.SPARK);
        ServicePolicies one = compiler.compile(List.of(SHIPPING, LOWCARBON), List.of(GRANT));
        ServicePolicies two = compiler.compile(List.of(LOWCARBON, SHIPPING), List.of(GRANT));
        assertThat(PolicyJson.write(one)).isEqualTo(PolicyJson.write(two));
        ServicePolicies narrower =
                compiler.compile(List.of(LOWCARBON, SHIPPING), List.of(withExpiry(GRANT, Instant.EPOCH)));
        assertThat(narrower.getPolicyVersion()).isNotEqualTo(one.getPolicyVersion());
        ServicePolicies none = compiler.compile(List.of(LOWCARBON, SHIPPING), List.of());
        assertThat(none.getPolicyVersion()).isNotEqualTo(one.getPolicyVersion());
    }

    @Test
    void trinoPoliciesCoverQueriesCatalogAndTables() {
        ServicePolicies policies =
                new PolicyCompiler(PolicyTarget.TRINO).compile(List.of(LOWCARBON, SHIPPING), List.of(GRANT));
        assertThat(policies.getServiceName()).isEqualTo("lakelab_trino");
        assertThat(policies.getServiceDef().getName()).isEqualTo("trino");
        access = LakeLabAccess.start(PolicyTarget.TRINO, "test", policies, USERS);
        assertThat(access.isAccessAllowed("alice", Set.of(), "datasets", "enterprise_registry", "region", "select")
                        .allowed())
                .isTrue();
        assertThat(access.isAccessAllowed("eve", Set.of(), "datasets", "enterprise_registry", "region", "select")
                        .allowed())
                .isFalse();
        assertThat(access.isAccessAllowed("eve", Set.of(), "lab_shipping", "t", "c", "select")
                        .allowed())
                .isTrue();
        assertThat(access.isAccessAllowed("alice", Set.of(), null, null, null, "use")
                        .allowed())
                .isTrue();
        assertThat(access.isAccessAllowed("alice", Set.of(), "datasets", null, null, "use")
                        .allowed())
                .isTrue();
        assertThat(access.mask("alice", Set.of(), "datasets", "enterprise_registry", "registered")
                        .valueExpr())
                .isEqualTo("date_trunc('month', {col})");
    }

    @Test
    void userStoreVersionFollowsMembership() {
        RangerUserStore same = UserStores.of(Map.of(SHIPPING, List.of("eve"), LOWCARBON, List.of("bob", "alice")));
        assertThat(same.getUserStoreVersion()).isEqualTo(USERS.getUserStoreVersion());
        assertThat(UserStores.groupsOf(same, "alice")).containsExactly("lab_lowcarbon");
        RangerUserStore moved = UserStores.of(Map.of(LOWCARBON, List.of("alice"), SHIPPING, List.of("eve", "bob")));
        assertThat(moved.getUserStoreVersion()).isNotEqualTo(USERS.getUserStoreVersion());
        assertThat(PolicyJson.fingerprint(PolicyJson.userStore(PolicyJson.write(moved))))
                .isEqualTo(PolicyJson.fingerprint(moved));
    }

    @Test
    void maskOnColumnNotGrantedIsRefused() {
        assertThatThrownBy(() -> new GrantSpec(
                        1, LOWCARBON, REGISTRY, Set.of("region"), null, Map.of("name", MaskType.HASH), null, ""))
                .isInstanceOf(LakeLabException.class)
                .hasMessageContaining("Column 'name' is masked but not granted");
    }

    private static GrantSpec withExpiry(GrantSpec g, Instant expiresAt) {
        return new GrantSpec(
                g.grantId(), g.lab(), g.table(), g.columns(), g.rowFilter(), g.masks(), expiresAt, g.purpose());
    }
}
