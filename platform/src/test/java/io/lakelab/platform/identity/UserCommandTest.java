package io.lakelab.platform.identity;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What {@code ./lakelab user} and {@code ./lakelab token} say when they cannot do their job; the
 * working paths run against a real platform in EmbeddedMembershipIT.
 */
class UserCommandTest {

    @TempDir
    Path home;

    private record Run(int code, String out, String err) {}

    @Test
    void withoutARunningPlatformItSaysHowToStartOne() {
        Run add = user("add", "carol", "--role", "analyst");
        assertThat(add.code()).isEqualTo(1);
        assertThat(add.err())
                .contains("No running embedded LakeLab found (" + home.resolve("dev-credentials.json") + " is missing)")
                .contains("./lakelab serve");
        assertThat(token("carol").err()).contains("No running embedded LakeLab found");
    }

    @Test
    void aPlatformThatStoppedIsReportedAsNotRunning() throws IOException {
        // Port 1 refuses connections: the credentials file outlived its platform.
        Files.writeString(
                home.resolve("dev-credentials.json"),
                "{\"apiUrl\":\"http://127.0.0.1:1/api/v1\",\"tokenUrl\":\"http://127.0.0.1:1/oauth2/token\","
                        + "\"clients\":{\"admin\":\"s\"}}");
        Run add = user("add", "carol", "--role", "analyst", "--lab", "shipping");
        assertThat(add.code()).isEqualTo(1);
        assertThat(add.err())
                .isEqualTo("The platform at http://127.0.0.1:1 is not running. Start it with ./lakelab serve."
                        + System.lineSeparator());
        Run unknown = token("carol");
        assertThat(unknown.code()).isEqualTo(1);
        assertThat(unknown.err()).contains("Unknown user 'carol'. Known here: [admin]");
    }

    @Test
    void badArgumentsPrintTheUsage() {
        Run noRole = user("add", "carol", "--lab", "shipping");
        assertThat(noRole.code()).isEqualTo(2);
        assertThat(noRole.err()).contains("Give at least one --role for carol.").contains("usage: ./lakelab user add");
        assertThat(user("remove", "carol").err()).contains("Say what to do: add or list.");
        assertThat(user("add", "carol", "--role").err()).contains("--role needs a value.");
        assertThat(user("list", "extra").err()).contains("Unexpected argument 'extra'.");
        assertThat(token().code()).isEqualTo(2);
    }

    private Run user(String... args) {
        return run(true, args);
    }

    private Run token(String... args) {
        return run(false, args);
    }

    private Run run(boolean user, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        try (PrintStream o = new PrintStream(out, true, StandardCharsets.UTF_8);
                PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8)) {
            int code = user ? UserCommand.run(List.of(args), home, o, e) : TokenCommand.run(List.of(args), home, o, e);
            return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
        }
    }
}
