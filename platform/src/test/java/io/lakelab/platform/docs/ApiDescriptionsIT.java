package io.lakelab.platform.docs;

import static org.assertj.core.api.Assertions.assertThat;

import io.lakelab.platform.support.PlatformTestSupport;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * The OpenAPI document at /v3/api-docs describes the API: every operation has a summary and every
 * property of every request-body schema (and of the schemas those contain) has a description.
 * The exceptions are listed here by name, so the lists only shrink.
 */
class ApiDescriptionsIT extends PlatformTestSupport {

    /** Operations allowed without a summary: none any more; the list only shrinks. */
    static final Set<String> OPERATIONS_WITHOUT_SUMMARY = Set.of();

    /** Request-body schemas allowed without property descriptions: none any more; the list only shrinks. */
    static final Set<String> SCHEMAS_WITHOUT_DESCRIPTIONS = Set.of();

    private JsonNode api;

    @BeforeEach
    void fetch() throws IOException {
        Response docs = get(null, "/v3/api-docs");
        assertThat(docs.status()).as(docs.body()).isEqualTo(200);
        Files.writeString(Path.of("target", "api-docs.json"), docs.body()); // to read when a test fails
        api = docs.json();
    }

    @Test
    void everyOperationHasASummary() {
        List<String> missing = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        api.get("paths")
                .properties()
                .forEach(path -> path.getValue().properties().forEach(operation -> {
                    String name = operation.getKey().toUpperCase(Locale.ROOT) + " " + path.getKey();
                    seen.add(name);
                    if (operation.getValue().path("summary").asString("").isBlank()
                            && !OPERATIONS_WITHOUT_SUMMARY.contains(name)) {
                        missing.add(name);
                    }
                }));
        assertThat(missing)
                .as("operations without a summary: add @io.swagger.v3.oas.annotations.Operation(summary, description)")
                .isEmpty();
        assertThat(seen)
                .as("listed exceptions that are no longer operations: remove them from the list")
                .containsAll(OPERATIONS_WITHOUT_SUMMARY);
    }

    @Test
    void everyRequestBodyPropertyHasADescription() {
        JsonNode schemas = api.path("components").path("schemas");
        Deque<String> todo = new ArrayDeque<>();
        api.get("paths")
                .properties()
                .forEach(path -> path.getValue()
                        .properties()
                        .forEach(operation -> operation
                                .getValue()
                                .path("requestBody")
                                .path("content")
                                .forEach(media -> references(media.path("schema"), todo))));
        Set<String> visited = new HashSet<>();
        List<String> missing = new ArrayList<>();
        while (!todo.isEmpty()) {
            String name = todo.pop();
            if (!visited.add(name)) {
                continue;
            }
            JsonNode schema = schemas.path(name);
            assertThat(schema.isMissingNode())
                    .as("schema %s is referenced but not defined", name)
                    .isFalse();
            schema.path("properties").properties().forEach(property -> {
                if (property.getValue().path("description").asString("").isBlank()
                        && !SCHEMAS_WITHOUT_DESCRIPTIONS.contains(name)) {
                    missing.add(name + "." + property.getKey());
                }
                references(property.getValue(), todo);
            });
        }
        assertThat(visited).as("request-body schemas found").contains("CreateLabRequest", "ConstructionPlan");
        assertThat(missing)
                .as("request-body properties without a description: add @Schema(description, example)")
                .isEmpty();
        assertThat(visited)
                .as("listed schema exceptions that no request body uses any more: remove them from the list")
                .containsAll(SCHEMAS_WITHOUT_DESCRIPTIONS);
    }

    @Test
    void everyEnumTheApiUsesIsOnTheApiPage() {
        Set<List<String>> used = new java.util.LinkedHashSet<>();
        enums(api, used);
        List<List<String>> documented = ApiEnums.valueLists();
        assertThat(used.stream().filter(values -> !documented.contains(values)).toList())
                .as("enums in /v3/api-docs without a table in docs/api.md: add them to ApiEnums and regenerate")
                .isEmpty();
    }

    private static void enums(JsonNode node, Set<List<String>> out) {
        if (node.has("enum")) {
            List<String> values = new ArrayList<>();
            node.get("enum").forEach(v -> values.add(v.asString()));
            out.add(values);
        }
        node.forEach(child -> enums(child, out));
    }

    /** Adds the component schemas {@code schema} refers to, directly or through items, to {@code todo}. */
    private static void references(JsonNode schema, Deque<String> todo) {
        String ref = schema.path("$ref").asString("");
        if (ref.startsWith("#/components/schemas/")) {
            todo.push(ref.substring("#/components/schemas/".length()));
        }
        if (schema.has("items")) {
            references(schema.get("items"), todo);
        }
        if (schema.has("additionalProperties")
                && schema.get("additionalProperties").isObject()) {
            references(schema.get("additionalProperties"), todo);
        }
        schema.path("allOf").forEach(s -> references(s, todo));
    }
}
