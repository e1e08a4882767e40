package io.lakelab.platform.dataset;

import io.lakelab.catalog.DatasetName;
import io.lakelab.platform.identity.CurrentUser;
import io.swagger.v3.oas.annotations.Operation;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** HTTP for the quality profiles the catalog keeps per ingested snapshot. */
@RestController
@RequestMapping("/api/v1/datasets/{name}/quality")
class DatasetQualityController {

    private final IngestionService ingestion;

    DatasetQualityController(IngestionService ingestion) {
        this.ingestion = ingestion;
    }

    @GetMapping
    @Operation(summary = "Quality profile of the dataset's latest ingested snapshot")
    DatasetQuality latest(CurrentUser user, @PathVariable String name) {
        return ingestion.quality(user, new DatasetName(name), null);
    }

    @GetMapping("/{snapshotId}")
    @Operation(summary = "Quality profile of one snapshot committed by an ingestion")
    DatasetQuality ofSnapshot(CurrentUser user, @PathVariable String name, @PathVariable long snapshotId) {
        return ingestion.quality(user, new DatasetName(name), snapshotId);
    }
}
