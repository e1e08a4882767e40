package io.lakelab.platform.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lakelab.catalog.LabCode;
import io.lakelab.catalog.LakeLabException;
import io.lakelab.platform.support.PlatformTestSupport;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The embedded issuer's directory as a restarted platform sees it: a second directory over the
 * same database (what a restart builds) keeps created users, their hashed secrets and changed
 * memberships, seeds only demo users it has not seen, and hands Spring Authorization Server the
 * right client for each.
 */
class DemoUserDirectoryIT extends PlatformTestSupport {

    @Autowired
    JdbcClient jdbc;

    @Autowired
    PlatformTransactionManager transactions;

    @Autowired
    DemoUserDirectory running;

    @Test
    void aRestartKeepsWhatChangedAndSeedsOnlyNewDemoUsers() {
        String created = unique("kept");
        String fresh = unique("fresh");
        LabCode lab = new LabCode(unique("r"));
        LabCode other = new LabCode(unique("o"));
        String secret = running.create(created, Set.of(Role.ANALYST), List.of(lab), "admin");
        running.addMember(other, created);
        running.removeMember(lab, created);

        // The configuration now names both users, the created one with other roles and groups.
        DemoUserDirectory restarted = restart(List.of(
                new IdentityProperties.DemoUser(created, List.of("platform-admin"), List.of("/labs/" + lab.value())),
                new IdentityProperties.DemoUser(
                        fresh, List.of("reviewer", "nonsense"), List.of("/other", "/labs/" + lab.value()))));

        EmbeddedUser kept = restarted.user(created).orElseThrow();
        assertThat(kept.roles()).containsExactly("analyst");
        assertThat(kept.labs()).containsExactly(other.value());
        assertThat(kept.createdBy()).isEqualTo("admin");
        EmbeddedUser seeded = restarted.user(fresh).orElseThrow();
        assertThat(seeded.roles()).containsExactly("reviewer");
        assertThat(seeded.labs()).containsExactly(lab.value());
        assertThat(seeded.createdBy()).isEqualTo(DemoUserDirectory.SEEDED_BY);

        // A created user authenticates with the hash of the secret they were given, a demo user with this start's
        // secret.
        assertThat(restarted.secrets()).containsKey(fresh).doesNotContainKey(created);
        RegisteredClient createdClient = restarted.clientRepository().findByClientId(created);
        assertThat(createdClient.getClientSecret()).startsWith("{bcrypt}").doesNotContain(secret);
        RegisteredClient demoClient = restarted.clientRepository().findByClientId(fresh);
        assertThat(demoClient.getClientSecret())
                .isEqualTo("{noop}" + restarted.secrets().get(fresh));
        assertThat(restarted.clientRepository().findById(demoClient.getId()).getClientId())
                .isEqualTo(fresh);
        assertThat(restarted.clientRepository().findByClientId(unique("nobody")))
                .isNull();
    }

    @Test
    void membershipNeedsAUserAndRemovalNeedsAMembership() {
        LabCode lab = new LabCode(unique("q"));
        String ghost = unique("ghost");
        assertThatThrownBy(() -> running.addMember(lab, ghost))
                .isInstanceOf(LakeLabException.class)
                .hasMessageContaining("No user '" + ghost + "' in the embedded issuer: create it first");
        assertThatThrownBy(() -> running.removeMember(lab, "bob"))
                .hasMessage("bob is not a member of lab " + lab.value() + ": GET /api/v1/labs/" + lab.value()
                        + "/members lists its members.");
        String name = unique("twice");
        running.create(name, Set.of(Role.ANALYST), List.of(), "admin");
        running.addMember(lab, name);
        running.addMember(lab, name);
        assertThat(running.members(lab)).containsExactly(name);
        assertThatThrownBy(() -> running.create(name, Set.of(Role.ANALYST), List.of(), "admin"))
                .hasMessageContaining("User '" + name + "' exists already");
    }

    private DemoUserDirectory restart(List<IdentityProperties.DemoUser> demoUsers) {
        IdentityProperties identity = new IdentityProperties(null, null, null, null, demoUsers);
        return new DemoUserDirectory(identity, new EmbeddedUserRepository(jdbc, new TransactionTemplate(transactions)));
    }
}
