/**
 * Trino for analysts: the platform runs a real Trino 476 server beside itself (HTTPS with a
 * self-signed certificate, JWT authentication with the platform's own bearer tokens, Iceberg
 * connector on the same JDBC catalog and warehouse as Spark, Trino's bundled Ranger access control
 * pulling {@code lakelab_trino} policies from the platform's Ranger-compatible download API), and
 * serves {@code POST /api/v1/query}, which runs SQL through Trino as the calling user.
 */
package io.lakelab.platform.trino;
