/**
 * Governed access: access requests and their decisions, data-use agreements of conditionally open
 * public data, and the Ranger-compatible policy download API ({@code /service/...}) that serves the
 * grants compiled into Ranger policies to stock Ranger plugins (Trino) and LakeLab job runners.
 */
package io.lakelab.platform.access;
