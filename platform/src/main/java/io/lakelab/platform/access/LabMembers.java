package io.lakelab.platform.access;

import io.lakelab.catalog.LabCode;
import java.util.List;

/**
 * Who is in a lab, for the Ranger user store (group {@code lab_<code>}). The embedded default reads
 * the demo users' groups; a deployment with Keycloak provides a bean that asks Keycloak.
 */
public interface LabMembers {

    /** User names of the lab's members. */
    List<String> members(LabCode lab);
}
