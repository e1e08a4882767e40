package io.lakelab.catalog.policy;

/**
 * Ranger's answer to an access request: whether it is allowed and the id of the deciding policy
 * ({@code -1} when no policy matched, which means denied by default). {@link PolicyIds#grantOf}
 * turns a policy id into the grant it came from.
 */
public record AccessDecision(boolean allowed, long policyId, String reason) {

    /** The grant behind the deciding policy, or 0 for a lab workspace policy or no policy. */
    public long grantId() {
        return PolicyIds.grantOf(policyId);
    }
}
