package io.lakelab.catalog;

/** A unit that co-builds a lab, with the role it plays (industry, academia, research, application). */
public record CoBuilder(String name, CoBuilderRole role) {}
