package io.lakelab.platform.programme;

import io.lakelab.catalog.CoBuilderRole;
import io.lakelab.catalog.IndicatorDirection;
import io.lakelab.catalog.LabDirection;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import java.time.LocalDate;
import java.util.List;

/**
 * A lead unit's application: the construction plan (建设方案) the notice asks for — direction,
 * goals, key tasks, co-builders with their roles and responsibilities, resources, data-security
 * measures with the emergency plan, and task indicators with targets and deadlines — plus the
 * people to make members of the lab and the language of its reports. Kept verbatim once submitted.
 */
public record ConstructionPlan(
        @NotBlank String labCode,
        @NotBlank String nameZh,
        @NotBlank String nameEn,
        @NotNull LabDirection direction,
        @NotBlank String leadUnit,
        @NotBlank String goals,
        @NotEmpty List<@NotBlank String> keyTasks,
        @NotEmpty @Valid List<PlanCoBuilder> coBuilders,
        @NotBlank String resources,
        @NotBlank String securityMeasures,
        @NotBlank String emergencyPlan,
        @NotEmpty @Valid List<TaskIndicator> indicators,
        List<@Valid PlannedMember> members,
        ReportLanguage reportLanguage) {

    public ConstructionPlan {
        members = members == null ? List.of() : List.copyOf(members);
        reportLanguage = reportLanguage == null ? ReportLanguage.ZH_CN : reportLanguage;
    }

    /** A co-building unit, its role (产学研用) and what it is responsible for. */
    public record PlanCoBuilder(
            @NotBlank String name, @NotNull CoBuilderRole role, String responsibility) {}

    /**
     * A task indicator (任务指标): what is measured, the target, by when, whether the evaluation
     * requires it, and optionally the SQL over the lab's workspace that computes it (then approval
     * defines it as a lab indicator; otherwise the lab defines one with the same code later).
     */
    public record TaskIndicator(
            @NotBlank String code,
            @NotBlank String nameZh,
            @NotBlank String nameEn,
            @NotBlank String unit,
            @NotNull Double target,
            @NotNull IndicatorDirection direction,
            @NotNull LocalDate deadline,
            boolean mandatory,
            String sql) {}

    /** Someone to make a member of the lab on approval, and their role in it. */
    public record PlannedMember(@NotBlank String username, String role) {}
}
