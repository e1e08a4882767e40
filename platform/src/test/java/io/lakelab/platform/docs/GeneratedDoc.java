package io.lakelab.platform.docs;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A page of {@code docs/}, or a section of one between two marker lines, that code generates: a
 * test compares the file with what the code produces now and fails, naming the command that
 * regenerates it, when they differ. Run the test with {@code -Dlakelab.docs.write=true} to write
 * the generated text instead.
 */
record GeneratedDoc(Path file, String regenerateCommand) {

    /** The repository's {@code docs/} directory, seen from the platform module (the tests' working directory). */
    static final Path DOCS = Path.of("..", "docs");

    static final boolean WRITE = Boolean.getBoolean("lakelab.docs.write");

    static GeneratedDoc of(String page, String testClass) {
        return new GeneratedDoc(
                DOCS.resolve(page),
                "./mvnw -B -o -pl platform -am test -Dspotless.check.skip=true -Dtest=" + testClass
                        + " -Dsurefire.failIfNoSpecifiedTests=false -Dlakelab.docs.write=true");
    }

    /** Checks (or writes) the whole file. */
    void assertWholeFile(String generated) {
        if (WRITE) {
            write(generated);
            return;
        }
        assertThat(read())
                .as(
                        "%s is generated and differs from what the code produces now: regenerate it with%n  %s%n"
                                + "and commit the result",
                        file, regenerateCommand)
                .isEqualTo(generated);
    }

    /**
     * Checks (or writes) the lines between {@code <!-- begin:NAME -->} and {@code <!-- end:NAME -->}:
     * the rest of the page is written by hand.
     */
    void assertSection(String name, String generated) {
        String begin = "<!-- begin:" + name + " -->\n";
        String end = "<!-- end:" + name + " -->";
        String text = read();
        int from = text.indexOf(begin);
        int to = text.indexOf(end);
        assertThat(from)
                .as(
                        "%s has no line '%s' (and a line '%s' after it) around the generated section",
                        file, begin.strip(), end)
                .isGreaterThanOrEqualTo(0);
        assertThat(to)
                .as("%s has no line '%s' after '%s'", file, end, begin.strip())
                .isGreaterThan(from);
        String current = text.substring(from + begin.length(), to);
        if (WRITE) {
            write(text.substring(0, from + begin.length()) + generated + text.substring(to));
            return;
        }
        assertThat(current)
                .as(
                        "The section '%s' of %s is generated and differs from what the code produces now:"
                                + " regenerate it with%n  %s%nand commit the result",
                        name, file, regenerateCommand)
                .isEqualTo(generated);
    }

    String read() {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + file + ": regenerate it with " + regenerateCommand, e);
        }
    }

    private void write(String text) {
        try {
            Files.writeString(file, text, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
