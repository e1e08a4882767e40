package io.lakelab.platform.membership;

import io.lakelab.catalog.ErrorCategory;
import io.lakelab.catalog.LabCode;
import io.lakelab.catalog.LakeLabException;
import io.lakelab.platform.identity.CurrentUser;
import io.lakelab.platform.identity.IdentityProperties;
import java.util.Comparator;
import java.util.List;

/**
 * Membership of the embedded issuer: read-only, from {@code lakelab.identity.demo-users}. Changing
 * it at run time would be lost on restart and is not what the demo needs, so the API says where
 * membership is managed instead.
 */
final class EmbeddedLabGroups implements LabGroups {

    private final List<IdentityProperties.DemoUser> users;

    EmbeddedLabGroups(List<IdentityProperties.DemoUser> users) {
        this.users = List.copyOf(users);
    }

    @Override
    public void createGroup(LabCode lab) {
        // Nothing to create: a demo user's groups are plain strings in the configuration.
    }

    @Override
    public void addMember(LabCode lab, Username user) {
        throw readOnly();
    }

    @Override
    public void removeMember(LabCode lab, Username user) {
        throw readOnly();
    }

    @Override
    public List<LabMember> members(LabCode lab) {
        String group = CurrentUser.LAB_GROUP_PREFIX + lab.value();
        return users.stream()
                .filter(u -> u.groups().contains(group))
                .map(u -> new LabMember(u.username()))
                .sorted(Comparator.comparing(LabMember::username))
                .toList();
    }

    private static LakeLabException readOnly() {
        return new LakeLabException(
                ErrorCategory.CONFLICT,
                "Lab membership is managed in the embedded issuer's configuration (lakelab.identity.demo-users,"
                        + " groups /labs/<code>) and cannot be changed through the API. Configure Keycloak"
                        + " (lakelab.identity.issuer-uri and lakelab.keycloak.*, see docs/identity.md) to manage"
                        + " members here.");
    }
}
