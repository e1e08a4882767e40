package io.lakelab.platform.grant;

/** Published after a grant was created or revoked, so policy versions can move on at once. */
public record GrantsChanged(long grantId) {}
