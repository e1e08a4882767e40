package io.lakelab.jobs;

import io.lakelab.catalog.LakeLabException;

/**
 * Where a governed job re-reads its policies while it runs: the platform's base {@code url} (the
 * runner appends Ranger's download path), a bearer {@code token} for it, and the poll interval
 * (default 2 s, so a revoke reaches new statements within 5 s). The token is never printed.
 */
public record PolicyRefresh(String url, String token, long intervalMs) {
    public static final long DEFAULT_INTERVAL_MS = 2000;

    public PolicyRefresh {
        if (url == null || url.isBlank()) {
            throw LakeLabException.badRequest("policyRefresh has no 'url': give the platform's base URL.");
        }
        intervalMs = intervalMs <= 0 ? DEFAULT_INTERVAL_MS : intervalMs;
    }

    @Override
    public String toString() {
        return "PolicyRefresh[url=" + url + ", token=***, intervalMs=" + intervalMs + "]";
    }
}
