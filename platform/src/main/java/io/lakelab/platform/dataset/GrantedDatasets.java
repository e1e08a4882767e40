package io.lakelab.platform.dataset;

import io.lakelab.catalog.DatasetName;
import io.lakelab.catalog.LabCode;
import java.util.Set;

/**
 * The datasets a lab holds an active grant for, as the grant feature knows them. The catalog asks
 * it which other labs' derived datasets a lab may see, without depending on the grant feature
 * (which depends on the catalog).
 */
public interface GrantedDatasets {

    /** Names of the datasets with a grant to the lab that is neither revoked nor expired; empty for an unknown lab. */
    Set<DatasetName> grantedTo(LabCode lab);
}
