package io.lakelab.platform.membership;

import io.lakelab.catalog.LabCode;
import java.util.List;

/**
 * Where lab groups and their members live. Implementations do not authorize or audit: {@link
 * MembershipService} does both before it calls them.
 */
interface LabGroups {

    /** Creates the group {@code /labs/<code>} if it does not exist yet. */
    void createGroup(LabCode lab);

    /** Adds the user to the lab's group; adding a member twice is not an error. */
    void addMember(LabCode lab, Username user);

    /** Removes the user from the lab's group; fails with NOT_FOUND when they are not a member. */
    void removeMember(LabCode lab, Username user);

    /** The lab's members, sorted by user name. */
    List<LabMember> members(LabCode lab);
}
