package io.lakelab.platform.trino;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lakelab.catalog.LakeLabException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TrinoJavaTest {

    @TempDir
    Path dir;

    @Test
    void readsTheFeatureVersionOfAJdk() throws IOException {
        assertThat(TrinoJava.version(fakeJdk("jdk25", "25.0.3"))).contains(25);
        assertThat(TrinoJava.version(fakeJdk("jdk8", "1.8.0_392"))).contains(8);
        assertThat(TrinoJava.version(dir.resolve("missing"))).isEmpty();
    }

    @Test
    void picksAConfiguredJdk24OrLater() throws IOException {
        Path jdk = fakeJdk("jdk24", "24.0.1");
        assertThat(TrinoJava.locate(jdk.toString()))
                .isEqualTo(jdk.resolve("bin").resolve("java"));
    }

    @Test
    void refusesAnOlderJdkWithWhatToDo() throws IOException {
        Path jdk = fakeJdk("jdk17", "17.0.15");
        assertThatThrownBy(() -> TrinoJava.locate(jdk.toString()))
                .isInstanceOf(LakeLabException.class)
                .hasMessageContaining("needs a JDK 24 or later")
                .hasMessageContaining("TRINO_JAVA_HOME")
                .hasMessageContaining("--lakelab.trino.java-home")
                .hasMessageContaining("--lakelab.trino.enabled=false");
    }

    private Path fakeJdk(String name, String version) throws IOException {
        Path home = Files.createDirectories(dir.resolve(name));
        Path java = Files.createDirectories(home.resolve("bin")).resolve("java");
        Files.writeString(java, "#!/bin/sh\n");
        Files.setPosixFilePermissions(java, PosixFilePermissions.fromString("rwxr-xr-x"));
        Files.writeString(home.resolve("release"), "JAVA_VERSION=\"" + version + "\"\n");
        return home;
    }
}
