/**
 * Lineage: each successful job run's OpenLineage events as the runner emitted them, and its edges
 * from the table versions it read to the table versions it wrote; the graph of any dataset walks
 * those edges upstream and downstream.
 */
package io.lakelab.platform.lineage;
