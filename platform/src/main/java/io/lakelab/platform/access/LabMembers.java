package io.lakelab.platform.access;

import io.lakelab.catalog.LabCode;
import java.util.List;

/**
 * Who is in a lab, for the Ranger user store (group {@code lab_<code>}). The default asks the
 * membership feature (Keycloak groups, or the embedded issuer's demo users); a test or a deployment
 * may provide its own bean.
 */
public interface LabMembers {

    /** User names of the lab's members. */
    List<String> members(LabCode lab);
}
