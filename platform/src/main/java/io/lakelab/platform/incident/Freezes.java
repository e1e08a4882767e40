package io.lakelab.platform.incident;

import io.lakelab.catalog.DatasetName;
import io.lakelab.catalog.ErrorCategory;
import io.lakelab.catalog.LabCode;
import io.lakelab.catalog.LakeLabException;
import io.lakelab.catalog.TableRef;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.stereotype.Component;

/**
 * What is frozen right now, for the features that must honour it: the policy service (which leaves
 * frozen labs and datasets out of the compiled policies) and the API writes that refuse to run in a
 * frozen lab or into a frozen dataset. Reads the open incidents on every call, so a freeze or its
 * lifting counts from the moment it is committed.
 */
@Component
public class Freezes {

    private final IncidentRepository incidents;

    Freezes(IncidentRepository incidents) {
        this.incidents = incidents;
    }

    /** Labs under an open emergency freeze. */
    public Set<LabCode> labs() {
        return incidents.openTargets(Incident.Kind.LAB).stream()
                .map(LabCode::new)
                .collect(Collectors.toUnmodifiableSet());
    }

    /** Tables of datasets under an open emergency freeze. */
    public Set<TableRef> tables() {
        return incidents.openTargets(Incident.Kind.DATASET).stream()
                .map(TableRef::parse)
                .collect(Collectors.toUnmodifiableSet());
    }

    /** A conflict naming the incident when the lab is frozen; what a write in the lab calls first. */
    public void requireLabNotFrozen(LabCode lab, String operation) {
        incidents.openFor(Incident.Kind.LAB, lab.value()).ifPresent(i -> {
            throw new LakeLabException(
                    ErrorCategory.CONFLICT,
                    "Lab " + lab.value() + " is frozen by " + i.describe() + ": " + operation
                            + " is refused until the freeze is lifted. A second platform administrator lifts it"
                            + " with POST /api/v1/labs/" + lab.value() + "/unfreeze {\"resolution\": \"...\"}.");
        });
    }

    /** A conflict naming the incident when the dataset is frozen. */
    public void requireDatasetNotFrozen(DatasetName dataset, String operation) {
        incidents.openFor(Incident.Kind.DATASET, dataset.value()).ifPresent(i -> {
            throw new LakeLabException(
                    ErrorCategory.CONFLICT,
                    "Dataset " + dataset.value() + " is frozen by " + i.describe() + ": " + operation
                            + " is refused until the freeze is lifted. A second platform administrator lifts it"
                            + " with POST /api/v1/datasets/" + dataset.value()
                            + "/unfreeze {\"resolution\": \"...\"}.");
        });
    }
}
