package io.lakelab.catalog;

import java.util.List;

/**
 * What defines a joint innovation lab when it is set up: its code, Chinese and English names,
 * research direction, lead unit and co-building units. The platform persists it; the code fixes the
 * lab's workspace namespace ({@link Workspaces#of(LabCode)}).
 */
public record LabDefinition(
        LabCode code,
        String nameZh,
        String nameEn,
        LabDirection direction,
        String leadUnit,
        List<CoBuilder> coBuilders) {

    public LabDefinition {
        coBuilders = coBuilders == null ? List.of() : List.copyOf(coBuilders);
    }

    public String workspace() {
        return Workspaces.of(code);
    }
}
