package io.lakelab.platform.lineage;

import io.lakelab.platform.identity.CurrentUser;
import java.util.Locale;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** HTTP for the lineage graph. */
@RestController
@RequestMapping("/api/v1/lineage")
class LineageController {

    private final LineageService lineage;

    LineageController(LineageService lineage) {
        this.lineage = lineage;
    }

    /** {@code name} is a dataset name or a qualified table ({@code lab_lowcarbon.registry_valid}). */
    @GetMapping("/datasets/{name}")
    @io.swagger.v3.oas.annotations.Operation(
            summary = "Get a dataset's lineage graph",
            description = "The tables reached from a dataset (or qualified table) upstream, downstream or both, with"
                    + " the runs and snapshot ids on each edge.")
    LineageGraph graph(
            CurrentUser user,
            @PathVariable String name,
            @RequestParam(defaultValue = "both") String direction,
            @RequestParam(defaultValue = "10") int depth) {
        LineageGraph.Direction d;
        try {
            d = LineageGraph.Direction.valueOf(direction.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw io.lakelab.catalog.LakeLabException.badRequest(
                    "Lineage direction '" + direction + "' is unknown: use upstream, downstream or both.");
        }
        return lineage.graph(user, name, d, depth);
    }
}
