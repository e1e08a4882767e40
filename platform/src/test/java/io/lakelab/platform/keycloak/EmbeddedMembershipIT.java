package io.lakelab.platform.keycloak;

import static org.assertj.core.api.Assertions.assertThat;

import io.lakelab.platform.support.PlatformTestSupport;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Membership with the embedded issuer (no Keycloak): the demo-user configuration is the membership,
 * readable through the API; changing it answers with a problem detail that says where it is managed.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class EmbeddedMembershipIT extends PlatformTestSupport {

    @BeforeAll
    void labExists() {
        if (get("admin", "/api/v1/labs/lowcarbon").status() == 404) {
            assertThat(post("admin", "/api/v1/labs", KeycloakIT.labRequest("lowcarbon"))
                            .status())
                    .isEqualTo(201);
        }
    }

    @Test
    void membersAreTheConfiguredDemoUsers() {
        Response members = get("alice", "/api/v1/labs/lowcarbon/members");
        assertThat(members.status()).isEqualTo(200);
        assertThat(members.json().valueStream().map(m -> m.path("username").asString()))
                .containsExactly("alice", "bob");
        assertThat(get("eve", "/api/v1/labs/lowcarbon/members").status()).isEqualTo(403);
    }

    @Test
    void changingMembershipSaysWhereItIsManaged() {
        Response add = post("admin", "/api/v1/labs/lowcarbon/members/eve", "");
        assertThat(add.status()).isEqualTo(409);
        assertThat(add.json().get("detail").asString()).contains("lakelab.identity.demo-users");
        assertThat(delete("admin", "/api/v1/labs/lowcarbon/members/bob").status())
                .isEqualTo(409);
        assertThat(post("alice", "/api/v1/labs/lowcarbon/members/eve", "").status())
                .isEqualTo(403);
        String audit = get("admin", "/api/v1/audit?action=lab.member").body();
        assertThat(audit).contains("FAILED");
    }
}
