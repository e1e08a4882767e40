package io.lakelab.platform.programme;

import io.lakelab.catalog.LabCode;
import io.lakelab.catalog.LakeLabException;
import io.lakelab.platform.grant.Grant;
import io.lakelab.platform.grant.GrantService;
import io.lakelab.platform.identity.CurrentUser;
import io.lakelab.platform.job.JobRun;
import io.lakelab.platform.job.JobService;
import io.lakelab.platform.lab.LabService;
import io.lakelab.platform.membership.LabMember;
import io.lakelab.platform.membership.MembershipService;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * 摘牌: freezes the lab first (so nothing new starts), cancels its queued and running jobs,
 * revokes every grant it holds and removes its members. Tables, lineage, indicator values and
 * reports are kept. Each step is idempotent, so a delisting that failed half way can be repeated.
 */
@Component
class Delisting {

    private final LabService labs;
    private final JobService jobs;
    private final GrantService grants;
    private final MembershipService memberships;

    Delisting(LabService labs, JobService jobs, GrantService grants, MembershipService memberships) {
        this.labs = labs;
        this.jobs = jobs;
        this.grants = grants;
        this.memberships = memberships;
    }

    Map<String, Object> delist(CurrentUser user, LabCode lab, String reason) {
        labs.freeze(user, lab, "delisted (摘牌): " + reason);
        List<String> cancelled = new ArrayList<>();
        for (JobRun run : jobs.list(user, lab, 1000)) {
            if (!run.state().terminal()) {
                jobs.cancel(user, run.id());
                cancelled.add(run.id());
            }
        }
        List<Long> revoked = new ArrayList<>();
        for (Grant grant : grants.list(user, lab, true)) {
            if (grant.revokedAt() == null) {
                grants.revoke(user, grant.id());
                revoked.add(grant.id());
            }
        }
        List<String> removed = new ArrayList<>();
        List<String> kept = new ArrayList<>();
        String keptBecause = null;
        for (LabMember member : memberships.members(user, lab)) {
            try {
                memberships.remove(user, lab, member.username());
                removed.add(member.username());
            } catch (LakeLabException e) {
                kept.add(member.username());
                keptBecause = e.getMessage();
            }
        }
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("frozen", true);
        details.put("runsCancelled", cancelled);
        details.put("grantsRevoked", revoked);
        details.put("membersRemoved", removed);
        if (!kept.isEmpty()) {
            // The frozen lab refuses new work whatever its membership says.
            details.put("membersNotRemoved", kept);
            details.put("membersNotRemovedBecause", keptBecause);
        }
        return details;
    }
}
