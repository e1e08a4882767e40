package io.lakelab.platform.docs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lakelab.platform.docs.DocExamples.Example;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The page conventions {@link DocsExamplesIT} relies on. */
class DocExamplesTest {

    private static final String PAGE = String.join(
            "\n",
            "# A page",
            "**File** `/tmp/x.csv`",
            "```csv",
            "a,b",
            "1,2",
            "```",
            "",
            "**Request** `POST /api/v1/things` as `alice`; keep `THING=.id`",
            "```json",
            "{\"name\": \"one\"}",
            "```",
            "**Response** `201`: `id`, `name`",
            "",
            "**Request** `POST /api/v1/things/$THING/cancel` as `admin`",
            "**Response** `200`",
            "",
            "**Upload** `POST /api/v1/things/$THING/files?mode=APPEND` as `alice` with `/tmp/x.csv`",
            "```bash",
            "curl -F file=@/tmp/x.csv ...",
            "```",
            "**Response** `201`: `rows`",
            "");

    @Test
    void readsFilesRequestsUploadsAndTheirAnswers() {
        DocExamples page = DocExamples.parse(PAGE);
        assertThat(page.files()).containsExactly(new DocExamples.FileExample("/tmp/x.csv", "a,b\n1,2\n"));
        assertThat(page.examples())
                .containsExactly(
                        new Example(
                                8,
                                "POST",
                                "/api/v1/things",
                                "alice",
                                "{\"name\": \"one\"}\n",
                                null,
                                "THING",
                                "id",
                                201,
                                List.of("id", "name")),
                        new Example(
                                14, "POST", "/api/v1/things/$THING/cancel", "admin", null, null, null, null, 200, null),
                        new Example(
                                17,
                                "POST",
                                "/api/v1/things/$THING/files?mode=APPEND",
                                "alice",
                                null,
                                "/tmp/x.csv",
                                null,
                                null,
                                201,
                                List.of("rows")));
        assertThat(page.examples().get(2).pathOnly()).isEqualTo("/api/v1/things/$THING/files");
    }

    @Test
    void anExampleWithoutItsResponseLineIsRefused() {
        assertThatThrownBy(() -> DocExamples.parse(
                        "**Request** `POST /api/v1/things` as `alice`\n```json\n{}\n```\nThe answer is 201.\n"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("line 5: the example of line 1 must be followed by its **Response** `STATUS`: `field`,"
                        + " ... line, found: The answer is 201.");
    }

    @Test
    void aRequestBodyMustBeJson() {
        assertThatThrownBy(() -> DocExamples.parse(
                        "**Request** `POST /api/v1/things` as `alice`\n```yaml\na: 1\n```\n**Response** `201`\n"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("line 2: a request's body is a ```json block, not ```yaml");
    }
}
