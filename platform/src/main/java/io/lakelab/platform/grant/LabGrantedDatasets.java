package io.lakelab.platform.grant;

import io.lakelab.catalog.DatasetName;
import io.lakelab.catalog.LabCode;
import io.lakelab.catalog.LakeLabException;
import io.lakelab.platform.dataset.GrantedDatasets;
import io.lakelab.platform.lab.LabService;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.stereotype.Component;

/** What the catalog needs to know of grants: the datasets a lab may read now. */
@Component
class LabGrantedDatasets implements GrantedDatasets {

    private final GrantRepository repository;
    private final LabService labs;

    LabGrantedDatasets(GrantRepository repository, LabService labs) {
        this.repository = repository;
        this.labs = labs;
    }

    @Override
    public Set<DatasetName> grantedTo(LabCode lab) {
        long labId;
        try {
            labId = labs.require(lab).id();
        } catch (LakeLabException e) {
            return Set.of(); // a lab group in the token for a lab not created yet: nothing granted
        }
        return repository.forLab(labId, false).stream()
                .filter(Grant::active)
                .map(g -> new DatasetName(g.dataset()))
                .collect(Collectors.toUnmodifiableSet());
    }
}
