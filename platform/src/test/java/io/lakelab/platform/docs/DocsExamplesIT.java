package io.lakelab.platform.docs;

import static org.assertj.core.api.Assertions.assertThat;

import io.lakelab.platform.docs.DocExamples.Example;
import io.lakelab.platform.support.PlatformTestSupport;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * docs/api.md is true: every example on the page is sent, in page order, to the running platform
 * and gets the status and the top-level fields the page writes under it; and every request body
 * the API accepts (from its OpenAPI document) has an example there. See {@link DocExamples} for
 * the page's conventions.
 *
 * <p>The platform is shared with the other ITs of the JVM, in any order: the page creates its own
 * lab, datasets and applications, and adds to the demo lab {@code lowcarbon} only what no other IT
 * counts (grants, requests, an acceptance, a cancelled job). Its indicator goes to its own lab:
 * JobLifecycleIT counts lowcarbon's indicators.
 */
class DocsExamplesIT extends PlatformTestSupport {

    private static final GeneratedDoc PAGE = GeneratedDoc.of("api.md", "ApiEnumsDocTest");

    /** Examples whose documented answer is not a 2xx, on purpose; anything else must succeed. */
    private static final List<String> NOT_2XX_ON_PURPOSE = List.of(
            "POST /api/v1/query", // needs Trino, which this test's platform does not start: 502 saying so
            "POST /api/v1/labs", // the Errors section creates a lab twice: 409
            // the freeze drill: the administrator who froze may not lift it (two-person rule): 409
            "POST /api/v1/labs/drilllab/unfreeze",
            "POST /api/v1/datasets/drill_readings/unfreeze");

    private static final Pattern VARIABLE = Pattern.compile("\\$(\\w+)");

    @Test
    void everyExampleGetsTheAnswerThePageShows() throws IOException {
        DocExamples page = DocExamples.parse(PAGE.read());
        assertThat(page.examples()).hasSizeGreaterThanOrEqualTo(20);
        for (DocExamples.FileExample file : page.files()) {
            Path path = Path.of(file.path());
            Files.createDirectories(path.getParent());
            Files.writeString(path, file.content(), StandardCharsets.UTF_8);
        }
        ensureDemoLabExists();
        Map<String, String> kept = new HashMap<>();
        for (Example example : page.examples()) {
            if (example.status() / 100 != 2) {
                assertThat(NOT_2XX_ON_PURPOSE)
                        .as("%s documents a %s: only %s may", example, example.status(), NOT_2XX_ON_PURPOSE)
                        .contains(example.method() + " " + example.pathOnly());
            }
            String path = resolve(example.path(), kept, example);
            Response response = example.uploadFile() != null
                    ? upload(example.user(), path, Path.of(example.uploadFile()))
                    : example.body() == null
                            ? post(example.user(), path, "")
                            : send(request(example.user(), path)
                                    .header("Content-Type", "application/json")
                                    .method(
                                            example.method(),
                                            java.net.http.HttpRequest.BodyPublishers.ofString(example.body()))
                                    .build());
            assertThat(response.status())
                    .as("%s answered %s", example, response.body())
                    .isEqualTo(example.status());
            JsonNode answer = response.json();
            if (example.fields() != null) {
                assertThat(answer.propertyNames())
                        .as("%s: the top-level fields of the answer %s", example, response.body())
                        .containsExactlyInAnyOrderElementsOf(example.fields());
            }
            if (example.keepVariable() != null) {
                JsonNode value = answer.get(example.keepField());
                assertThat(value)
                        .as("%s keeps .%s of %s", example, example.keepField(), response.body())
                        .isNotNull();
                kept.put(example.keepVariable(), value.asString());
            }
        }
    }

    @Test
    void everyRequestBodyTheApiAcceptsHasAnExample() {
        DocExamples page = DocExamples.parse(PAGE.read());
        Response docs = get(null, "/v3/api-docs");
        assertThat(docs.status()).isEqualTo(200);
        List<String> missing = new ArrayList<>();
        docs.json()
                .get("paths")
                .properties()
                .forEach(path -> path.getValue().properties().forEach(operation -> {
                    JsonNode content = operation.getValue().path("requestBody").path("content");
                    content.propertyNames().forEach(mediaType -> {
                        boolean multipart = mediaType.startsWith("multipart/");
                        String method = operation.getKey().toUpperCase(java.util.Locale.ROOT);
                        Pattern template = Pattern.compile(path.getKey().replaceAll("\\{[^}]+}", "[^/]+"));
                        boolean documented = page.examples().stream()
                                .anyMatch(e -> e.method().equals(method)
                                        && (e.uploadFile() != null) == multipart
                                        && template.matcher(e.pathOnly()).matches());
                        if (!documented) {
                            missing.add(method + " " + path.getKey() + " (" + mediaType + ")");
                        }
                    });
                }));
        assertThat(missing)
                .as("request bodies without an example in %s: add a **Request** (or **Upload**) there", PAGE.file())
                .isEmpty();
    }

    private static String resolve(String path, Map<String, String> kept, Example example) {
        Matcher m = VARIABLE.matcher(path);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String value = kept.get(m.group(1));
            assertThat(value)
                    .as("%s uses $%s, which no earlier example keeps", example, m.group(1))
                    .isNotNull();
            m.appendReplacement(out, Matcher.quoteReplacement(value));
        }
        return m.appendTail(out).toString();
    }
}
