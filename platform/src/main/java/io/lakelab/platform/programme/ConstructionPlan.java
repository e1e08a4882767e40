package io.lakelab.platform.programme;

import io.lakelab.catalog.CoBuilderRole;
import io.lakelab.catalog.IndicatorDirection;
import io.lakelab.catalog.LabDirection;
import io.swagger.v3.oas.annotations.media.Schema;
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
@Schema(description = "A lab application's construction plan (建设方案).")
public record ConstructionPlan(
        @Schema(description = "The code the lab will have.", example = "portcarbon") @NotBlank
        String labCode,

        @Schema(description = "Chinese name of the lab.") @NotBlank
        String nameZh,

        @Schema(description = "English name of the lab.") @NotBlank
        String nameEn,

        @Schema(description = "Research direction.", example = "LOW_CARBON") @NotNull
        LabDirection direction,

        @Schema(description = "The lead unit (牵头单位).") @NotBlank
        String leadUnit,

        @Schema(description = "What the lab sets out to achieve.") @NotBlank
        String goals,

        @Schema(description = "Its key tasks (重点任务).") @NotEmpty
        List<@NotBlank String> keyTasks,

        @Schema(description = "Co-builders: at least one of each role (产学研用).") @NotEmpty @Valid
        List<PlanCoBuilder> coBuilders,

        @Schema(description = "People, data and infrastructure the lab brings.") @NotBlank
        String resources,

        @Schema(description = "Data-security measures.") @NotBlank
        String securityMeasures,

        @Schema(description = "The emergency plan for a security incident.") @NotBlank
        String emergencyPlan,

        @Schema(description = "Task indicators (任务指标); at least one mandatory.") @NotEmpty @Valid
        List<TaskIndicator> indicators,

        @Schema(description = "People to make members of the lab on approval; optional.")
        List<@Valid PlannedMember> members,

        @Schema(description = "Language of its reports; default ZH_CN.", example = "EN")
        ReportLanguage reportLanguage) {

    public ConstructionPlan {
        members = members == null ? List.of() : List.copyOf(members);
        reportLanguage = reportLanguage == null ? ReportLanguage.ZH_CN : reportLanguage;
    }

    /** A co-building unit, its role (产学研用) and what it is responsible for. */
    @Schema(description = "A co-building unit of the plan.")
    public record PlanCoBuilder(
            @Schema(description = "The unit's name.", example = "Shanghai Maritime University") @NotBlank
            String name,

            @Schema(description = "Its role.", example = "ACADEMIA") @NotNull
            CoBuilderRole role,

            @Schema(description = "What it is responsible for; optional.", example = "emission model")
            String responsibility) {}

    /**
     * A task indicator (任务指标): what is measured, the target, by when, whether the evaluation
     * requires it, and optionally the SQL over the lab's workspace that computes it (then approval
     * defines it as a lab indicator; otherwise the lab defines one with the same code later).
     */
    @Schema(description = "A task indicator of the plan.")
    public record TaskIndicator(
            @Schema(description = "Indicator code, unique in the plan.", example = "carbon_per_move") @NotBlank
            String code,

            @Schema(description = "Chinese name.") @NotBlank String nameZh,
            @Schema(description = "English name.") @NotBlank String nameEn,

            @Schema(description = "Unit of the value.", example = "kg") @NotBlank
            String unit,

            @Schema(description = "The target value.", example = "12.5") @NotNull
            Double target,

            @Schema(description = "Met AT_LEAST or AT_MOST the target.", example = "AT_MOST") @NotNull
            IndicatorDirection direction,

            @Schema(description = "When it must be met.", example = "2026-06-30") @NotNull
            LocalDate deadline,

            @Schema(description = "Whether the evaluation requires it (a mandatory one not met recommends DELIST).")
            boolean mandatory,

            @Schema(
                    description = "Optional SELECT over the lab's workspace that computes it; then approval"
                            + " defines it as a lab indicator.",
                    example = "SELECT avg(kg_co2_per_move) FROM terminal_carbon_monthly")
            String sql) {}

    /** Someone to make a member of the lab on approval, and their role in it. */
    @Schema(description = "A person to make a member of the lab on approval.")
    public record PlannedMember(
            @Schema(description = "Their user name in the identity provider.", example = "eve") @NotBlank
            String username,

            @Schema(description = "Their role in the lab, as recorded; optional.", example = "lab-engineer")
            String role) {}
}
