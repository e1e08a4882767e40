/**
 * Grants: what a lab may read (columns, rows, masks, until when), created directly or by approving
 * an access request, revoked at any time, expiring by time alone. {@link
 * io.lakelab.platform.grant.GrantService#policySpecs()} feeds the Ranger policy compiler.
 */
package io.lakelab.platform.grant;
