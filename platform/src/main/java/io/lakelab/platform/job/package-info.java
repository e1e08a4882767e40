/**
 * Jobs: lab engineers submit Spark SQL fusion jobs; the platform queues them (one running job per
 * lab, a bounded number overall), runs each in its own runner JVM, rolls the lab workspace back
 * when a run fails, is cancelled or is cut short by a restart, and registers the outputs of a
 * successful run as derived datasets with their lineage and indicator values.
 */
package io.lakelab.platform.job;
