package io.lakelab.jobs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lakelab.catalog.LakeLabException;
import org.junit.jupiter.api.Test;

/** The job spec's governance fields as the platform sends them, and specs from before them. */
class JobSpecTest {
    private static final String BASE = "\"runId\":\"r1\",\"labCode\":\"lowcarbon\",\"user\":\"alice\","
            + "\"jobName\":\"fusion\",\"runDir\":\"/tmp/r1\",\"statements\":[\"SELECT 1\"],"
            + "\"iceberg\":{\"jdbcUrl\":\"jdbc:postgresql://h/iceberg\",\"user\":\"u\",\"password\":\"p\","
            + "\"warehouse\":\"/w\"}";

    @Test
    void specWithoutPoliciesRunsUngoverned() {
        JobSpec spec = JobJson.readSpec("{" + BASE + ",\"readableTables\":[\"datasets.a\"]}");
        assertThat(spec.governed()).isFalse();
        assertThat(spec.userGroups()).containsExactly("lab_lowcarbon");
        assertThat(spec.policyRefresh()).isNull();
    }

    @Test
    void specWithPoliciesGroupsAndRefresh() {
        JobSpec spec = JobJson.readSpec("{" + BASE + ",\"policies\":{\"serviceName\":\"lakelab_spark\","
                + "\"policyVersion\":3,\"policies\":[]},\"userGroups\":[\"lab_lowcarbon\"],"
                + "\"policyRefresh\":{\"url\":\"http://127.0.0.1:8080\",\"token\":\"secret-token\"}}");
        assertThat(spec.governed()).isTrue();
        assertThat(spec.policies().path("serviceName").asText()).isEqualTo("lakelab_spark");
        assertThat(spec.policyRefresh().intervalMs()).isEqualTo(PolicyRefresh.DEFAULT_INTERVAL_MS);
        assertThat(spec.policyRefresh().toString()).doesNotContain("secret-token");
    }

    @Test
    void anotherLabsGroupIsRefused() {
        assertThatThrownBy(() -> JobJson.readSpec(
                        "{" + BASE + ",\"policies\":{}," + "\"userGroups\":[\"lab_lowcarbon\",\"lab_shipping\"]}"))
                .isInstanceOf(LakeLabException.class)
                .hasMessageContaining("only the job's lab group lab_lowcarbon")
                .hasMessageContaining("lab_shipping");
    }
}
