package io.lakelab.platform.membership;

import io.lakelab.catalog.LabCode;
import io.lakelab.platform.identity.DemoUserDirectory;
import java.util.List;

/**
 * Membership with the embedded issuer: persisted in the platform database by {@link
 * DemoUserDirectory}, which puts it into the {@code groups} claim of the member's next token; the
 * Ranger user store reads it through {@link MembershipService#members}.
 */
final class EmbeddedLabGroups implements LabGroups {

    private final DemoUserDirectory users;

    EmbeddedLabGroups(DemoUserDirectory users) {
        this.users = users;
    }

    @Override
    public void createGroup(LabCode lab) {
        // Nothing to create: a lab group is the lab code on its members' rows.
    }

    @Override
    public void addMember(LabCode lab, Username user) {
        users.addMember(lab, user.value());
    }

    @Override
    public void removeMember(LabCode lab, Username user) {
        users.removeMember(lab, user.value());
    }

    @Override
    public List<LabMember> members(LabCode lab) {
        return users.members(lab).stream().map(LabMember::new).toList();
    }
}
