package io.lakelab.platform.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** How {@code ./lakelab login} keeps its tokens; the device flow itself runs in KeycloakIT. */
class LoginCommandTest {

    @TempDir
    Path home;

    @Test
    void storesTokensOwnerOnlyAndPrintsAValidOneWithoutCallingTheIssuer() throws IOException {
        Path file = home.resolve("new-dir/login.json");
        LoginCommand.store(
                file,
                "http://127.0.0.1:1/realms/lakelab",
                "lakelab-cli",
                new DeviceLogin.Tokens("access-1", "refresh-1", Instant.now().plusSeconds(300)));

        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
                .isEqualTo("rw-------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file.getParent())))
                .isEqualTo("rwx------");
        // Port 1 refuses connections: a valid stored token must not need the issuer.
        assertThat(LoginCommand.currentToken(file, HttpClient.newHttpClient())).isEqualTo("access-1");
    }

    @Test
    void anExpiredTokenIsRefreshedAtTheIssuer() {
        Path file = home.resolve("login.json");
        LoginCommand.store(
                file,
                "http://127.0.0.1:1/realms/lakelab",
                "lakelab-cli",
                new DeviceLogin.Tokens("access-1", "refresh-1", Instant.now().minusSeconds(1)));
        assertThatThrownBy(() -> LoginCommand.currentToken(file, HttpClient.newHttpClient()))
                .isInstanceOf(DeviceLogin.LoginFailed.class)
                .hasMessageContaining("Could not reach the issuer");
    }

    @Test
    void withoutALoginItSaysWhatToRun() {
        assertThatThrownBy(() -> LoginCommand.currentToken(home.resolve("login.json"), HttpClient.newHttpClient()))
                .hasMessageContaining("run ./lakelab login first");
    }
}
