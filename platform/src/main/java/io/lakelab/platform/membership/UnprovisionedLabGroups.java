package io.lakelab.platform.membership;

import io.lakelab.catalog.ErrorCategory;
import io.lakelab.catalog.LabCode;
import io.lakelab.catalog.LakeLabException;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keycloak validates the tokens but the platform has no provisioning credentials: groups and
 * members are then managed in Keycloak by hand, and the API says so.
 */
final class UnprovisionedLabGroups implements LabGroups {

    private static final Logger log = LoggerFactory.getLogger(UnprovisionedLabGroups.class);

    @Override
    public void createGroup(LabCode lab) {
        log.warn(
                "Lab {} created without a Keycloak group: lakelab.keycloak.server-url is not set. Create the group"
                        + " /labs/{} in Keycloak by hand.",
                lab.value(),
                lab.value());
    }

    @Override
    public void addMember(LabCode lab, Username user) {
        throw notConfigured();
    }

    @Override
    public void removeMember(LabCode lab, Username user) {
        throw notConfigured();
    }

    @Override
    public List<LabMember> members(LabCode lab) {
        throw notConfigured();
    }

    private static LakeLabException notConfigured() {
        return new LakeLabException(
                ErrorCategory.CONFLICT,
                "Lab membership is managed in Keycloak directly on this platform: Keycloak provisioning is not"
                        + " configured. Set lakelab.keycloak.server-url, realm, client-id and client-secret (see"
                        + " docs/identity.md) to manage members through the API.");
    }
}
