package io.lakelab.platform.docs;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A generated page or section that drifted fails with the command that regenerates it. */
class GeneratedDocTest {

    @TempDir
    Path dir;

    @Test
    void aDriftedSectionNamesTheRegenerateCommand() throws IOException {
        Path page = dir.resolve("page.md");
        Files.writeString(page, "# Page\n<!-- begin:values -->\nA\n<!-- end:values -->\nhand-written\n");
        GeneratedDoc doc = new GeneratedDoc(page, "./regenerate values");
        assertThatCode(() -> doc.assertSection("values", "A\n")).doesNotThrowAnyException();
        assertThatThrownBy(() -> doc.assertSection("values", "A\nB\n"))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("The section 'values' of " + page + " is generated")
                .hasMessageContaining("./regenerate values");
    }

    @Test
    void aDriftedPageNamesTheRegenerateCommand() throws IOException {
        Path page = dir.resolve("roles.md");
        Files.writeString(page, "old\n");
        assertThatThrownBy(() -> new GeneratedDoc(page, "./regenerate roles").assertWholeFile("new\n"))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining(page + " is generated and differs")
                .hasMessageContaining("./regenerate roles");
    }

    @Test
    void aPageWithoutTheMarkersSaysWhichLineIsMissing() throws IOException {
        Path page = dir.resolve("api.md");
        Files.writeString(page, "# Page\n");
        assertThatThrownBy(() -> new GeneratedDoc(page, "./regenerate").assertSection("enums", "A\n"))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("has no line '<!-- begin:enums -->'");
    }
}
