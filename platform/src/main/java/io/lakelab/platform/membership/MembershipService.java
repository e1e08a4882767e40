package io.lakelab.platform.membership;

import io.lakelab.catalog.LabCode;
import io.lakelab.platform.audit.AuditService;
import io.lakelab.platform.identity.Authorizer;
import io.lakelab.platform.identity.CurrentUser;
import io.lakelab.platform.identity.Operation;
import io.lakelab.platform.lab.LabCreated;
import io.lakelab.platform.lab.LabService;
import java.util.List;
import java.util.Map;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Service;

/**
 * Lab membership: administrators add and remove members, lab members and reviewers list them, and
 * every lab gets its group when it is created. Each change is audited. A change reaches a user's
 * requests with their next token (the {@code groups} claim), not with the token they hold.
 */
@Service
public class MembershipService {

    private final LabGroups groups;
    private final LabService labs;
    private final Authorizer authorizer;
    private final AuditService audit;

    MembershipService(LabGroups groups, LabService labs, Authorizer authorizer, AuditService audit) {
        this.groups = groups;
        this.labs = labs;
        this.authorizer = authorizer;
        this.audit = audit;
    }

    public List<LabMember> members(CurrentUser user, LabCode lab) {
        authorizer.authorizeOrThrow(user, Operation.VIEW_MEMBERS, lab);
        labs.require(lab);
        return groups.members(lab);
    }

    public void add(CurrentUser user, LabCode lab, String username) {
        authorizer.authorizeOrThrow(user, Operation.MANAGE_MEMBERS, lab);
        labs.require(lab);
        Username member = new Username(username);
        change(user, "lab.member.add", lab, member, () -> groups.addMember(lab, member));
    }

    public void remove(CurrentUser user, LabCode lab, String username) {
        authorizer.authorizeOrThrow(user, Operation.MANAGE_MEMBERS, lab);
        labs.require(lab);
        Username member = new Username(username);
        change(user, "lab.member.remove", lab, member, () -> groups.removeMember(lab, member));
    }

    /** Creates the new lab's group; runs in the lab's transaction, so a failure undoes the lab. */
    @EventListener
    void onLabCreated(LabCreated event) {
        String group = CurrentUser.LAB_GROUP_PREFIX + event.code().value();
        try {
            groups.createGroup(event.code());
        } catch (RuntimeException e) {
            audit.record(
                    event.createdBy(),
                    "lab.group.create",
                    "lab:" + event.code().value(),
                    AuditService.Outcome.FAILED,
                    Map.of("group", group, "error", String.valueOf(e.getMessage())));
            throw e;
        }
        audit.record(
                event.createdBy(),
                "lab.group.create",
                "lab:" + event.code().value(),
                AuditService.Outcome.SUCCEEDED,
                Map.of("group", group));
    }

    private void change(CurrentUser user, String action, LabCode lab, Username member, Runnable change) {
        String resource = "lab:" + lab.value();
        try {
            change.run();
        } catch (RuntimeException e) {
            audit.record(
                    user.username(),
                    action,
                    resource,
                    AuditService.Outcome.FAILED,
                    Map.of("member", member.value(), "error", String.valueOf(e.getMessage())));
            throw e;
        }
        audit.record(
                user.username(), action, resource, AuditService.Outcome.SUCCEEDED, Map.of("member", member.value()));
    }
}
