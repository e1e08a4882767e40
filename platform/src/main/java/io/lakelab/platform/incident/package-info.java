/**
 * Emergency freeze (应急处置): one action stops a lab or a dataset everywhere at once (running jobs
 * cancelled and undone, the lab's policy tokens revoked, the lab's groups or the dataset left out of
 * the policies both engines enforce, API writes refused with 409 naming the incident), recorded as
 * an incident, and lifted only by a second platform administrator with a resolution note.
 */
package io.lakelab.platform.incident;
