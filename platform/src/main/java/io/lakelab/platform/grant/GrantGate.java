package io.lakelab.platform.grant;

import io.lakelab.platform.dataset.Dataset;
import io.lakelab.platform.lab.Lab;

/**
 * A condition other features put on granting a dataset to a lab (for example the data-use
 * agreement of conditionally open public data). It throws a {@code LakeLabException} saying what is
 * missing and how to fix it; {@link GrantService} audits the refusal.
 */
public interface GrantGate {

    void check(Lab lab, Dataset dataset);
}
