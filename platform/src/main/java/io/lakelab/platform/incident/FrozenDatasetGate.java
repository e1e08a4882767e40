package io.lakelab.platform.incident;

import io.lakelab.platform.dataset.Dataset;
import io.lakelab.platform.grant.GrantGate;
import io.lakelab.platform.lab.Lab;
import org.springframework.stereotype.Component;

/**
 * A dataset under an emergency freeze is granted to no lab: a direct grant or an approval answers
 * 409 naming the incident, so nothing granted while frozen waits to take effect on unfreeze.
 */
@Component
class FrozenDatasetGate implements GrantGate {

    private final Freezes freezes;

    FrozenDatasetGate(Freezes freezes) {
        this.freezes = freezes;
    }

    @Override
    public void check(Lab lab, Dataset dataset) {
        freezes.requireDatasetNotFrozen(
                dataset.name(), "granting it to lab " + lab.code().value());
    }
}
