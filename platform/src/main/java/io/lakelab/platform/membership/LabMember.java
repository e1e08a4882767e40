package io.lakelab.platform.membership;

/** A member of a lab, as the identity provider knows them. */
public record LabMember(String username) {}
