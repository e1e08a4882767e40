package io.lakelab.platform.web;

import io.lakelab.catalog.CoBuilder;
import io.lakelab.catalog.ColumnSpec;
import io.lakelab.catalog.DatasetName;
import io.lakelab.catalog.LabCode;
import io.lakelab.catalog.QualityRule;
import io.lakelab.catalog.TableRef;
import io.lakelab.platform.identity.CurrentUser;
import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.media.ObjectSchema;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import java.util.Map;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springdoc.core.utils.SpringDocUtils;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import tools.jackson.databind.JsonNode;

/**
 * What springdoc cannot see in the code: the API's title and bearer-token scheme, name value types
 * that travel as plain strings (see {@link JsonConfiguration}), the caller argument that is not a
 * request parameter, and descriptions of the library records ({@code catalog/} has no OpenAPI
 * annotations: it is a library without a web layer) that request bodies contain.
 */
@Configuration(proxyBeanMethods = false)
class OpenApiConfiguration {

    static final String BEARER = "bearer";

    /** Descriptions of library record properties, by schema name. */
    static final Map<String, Map<String, String>> LIBRARY_PROPERTIES = Map.of(
            CoBuilder.class.getSimpleName(),
            Map.of(
                    "name", "The co-building unit's name.",
                    "role", "The role it plays: INDUSTRY, ACADEMIA, RESEARCH or APPLICATION (产学研用)."),
            ColumnSpec.class.getSimpleName(),
            Map.of(
                    "name", "Column name: a lower-case letter then up to 63 lower-case letters, digits or underscores.",
                    "type",
                            "An Iceberg primitive type: string, int, long, double, boolean, date, timestamp,"
                                    + " decimal(12,2), ...",
                    "description", "What the column holds; optional.",
                    "required", "Whether every row needs a value: an empty cell is refused at ingestion.",
                    "tags",
                            "Governance tags grants and policies match on, such as ID or PII (a sensitive tag needs a"
                                    + " mask or an acknowledgement when granted)."),
            QualityRule.class.getSimpleName(),
            Map.of(
                    "column", "The column of the dataset the rule checks.",
                    "type",
                            "What is checked: NOT_NULL, UNIQUE, ALLOWED_VALUES, RANGE, REGEX, CREDIT_CODE or"
                                    + " IMO_NUMBER (see docs/api.md, QualityRule.RuleType).",
                    "values", "The allowed values of an ALLOWED_VALUES rule.",
                    "min", "Lower bound of a RANGE rule, inclusive, written like a CSV cell of the column (optional).",
                    "max", "Upper bound of a RANGE rule, inclusive, written like a CSV cell of the column (optional).",
                    "pattern", "The Java regular expression of a REGEX rule; the whole value must match.",
                    "severity",
                            "ERROR (default) refuses the whole file when a row breaks the rule; WARN only counts and"
                                    + " reports the rows.",
                    "description", "Why the rule exists; optional, kept with the dataset's schema."));

    static {
        SpringDocUtils.getConfig()
                .addRequestWrapperToIgnore(CurrentUser.class)
                .replaceWithSchema(
                        LabCode.class,
                        new StringSchema().description("A lab code").example("lowcarbon"))
                .replaceWithSchema(
                        DatasetName.class,
                        new StringSchema().description("A dataset name").example("fleet_fuel_use"))
                .replaceWithSchema(
                        JsonNode.class,
                        new ObjectSchema().description("A JSON document, as the engine that wrote it shaped it"))
                .replaceWithSchema(
                        TableRef.class,
                        new StringSchema()
                                .description("A qualified Iceberg table, namespace.table")
                                .example("datasets.fleet_fuel_use"));
    }

    @Bean
    OpenAPI lakeLabOpenApi() {
        return new OpenAPI()
                .info(new Info()
                        .title("LakeLab API")
                        .version("v1")
                        .description("Governed data fusion for Shanghai's big-data joint innovation labs. Every call"
                                + " needs a bearer token (`./lakelab token <user>` with the embedded issuer);"
                                + " docs/api.md has a tested example for every request body and docs/roles.md says"
                                + " who may call what. Errors are RFC 9457 problem details."))
                .components(new Components()
                        .addSecuritySchemes(
                                BEARER,
                                new SecurityScheme()
                                        .type(SecurityScheme.Type.HTTP)
                                        .scheme("bearer")
                                        .bearerFormat("JWT")))
                .addSecurityItem(new SecurityRequirement().addList(BEARER));
    }

    @Bean
    OpenApiCustomizer libraryPropertyDescriptions() {
        return openApi -> {
            Map<String, Schema> schemas = openApi.getComponents().getSchemas();
            if (schemas == null) {
                return;
            }
            LIBRARY_PROPERTIES.forEach((schemaName, properties) -> {
                Schema<?> schema = schemas.get(schemaName);
                if (schema == null || schema.getProperties() == null) {
                    return;
                }
                properties.forEach((property, description) -> {
                    Schema<?> p = schema.getProperties().get(property);
                    if (p != null && p.getDescription() == null) {
                        p.setDescription(description);
                    }
                });
            });
        };
    }
}
