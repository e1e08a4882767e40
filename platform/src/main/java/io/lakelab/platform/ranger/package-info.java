/**
 * Optional adapter that pushes the compiled Ranger policies to a real Ranger Admin with Ranger's
 * own client ({@code RangerClient}); active only when {@code lakelab.ranger-admin.enabled=true}.
 */
package io.lakelab.platform.ranger;
