package io.lakelab.platform.trino;

import io.lakelab.catalog.ErrorCategory;
import io.lakelab.catalog.LakeLabException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Trino's self-signed HTTPS certificate for the embedded default, made with {@code keytool} on the
 * first start and kept (so clients that trusted it keep working): {@code keystore.p12} (private key,
 * random password in {@code keystore.pass}, owner-only), {@code trino.pem} and {@code
 * truststore.p12} (the certificate only, password {@value #TRUSTSTORE_PASSWORD}) for clients. Valid
 * for {@code localhost} and {@code 127.0.0.1}.
 */
record TrinoCertificate(Path keystore, String keystorePassword, Path pem, Path truststore) {

    /** Not a secret: the truststore holds only the public certificate. */
    static final String TRUSTSTORE_PASSWORD = "lakelab";

    static TrinoCertificate ensure(Path dir, Path java) {
        Path keystore = dir.resolve("keystore.p12");
        Path passFile = dir.resolve("keystore.pass");
        Path pem = dir.resolve("trino.pem");
        Path truststore = dir.resolve("truststore.p12");
        try {
            Files.createDirectories(dir);
            if (!Files.isRegularFile(keystore) || !Files.isRegularFile(passFile) || !Files.isRegularFile(truststore)) {
                for (Path p : List.of(keystore, passFile, pem, truststore)) {
                    Files.deleteIfExists(p);
                }
                byte[] random = new byte[18];
                new SecureRandom().nextBytes(random);
                String password = HexFormat.of().formatHex(random);
                TrinoConfigFiles.writeSecret(passFile, password);
                Path keytool = java.resolveSibling("keytool");
                run(
                        keytool,
                        "-genkeypair",
                        "-alias",
                        "trino",
                        "-keyalg",
                        "RSA",
                        "-keysize",
                        "2048",
                        "-validity",
                        "3650",
                        "-dname",
                        "CN=localhost,O=LakeLab embedded Trino",
                        "-ext",
                        "SAN=dns:localhost,ip:127.0.0.1",
                        "-storetype",
                        "PKCS12",
                        "-keystore",
                        keystore.toString(),
                        "-storepass",
                        password,
                        "-keypass",
                        password);
                run(
                        keytool,
                        "-exportcert",
                        "-rfc",
                        "-alias",
                        "trino",
                        "-keystore",
                        keystore.toString(),
                        "-storepass",
                        password,
                        "-file",
                        pem.toString());
                run(
                        keytool,
                        "-importcert",
                        "-noprompt",
                        "-alias",
                        "trino",
                        "-file",
                        pem.toString(),
                        "-storetype",
                        "PKCS12",
                        "-keystore",
                        truststore.toString(),
                        "-storepass",
                        TRUSTSTORE_PASSWORD);
            }
            return new TrinoCertificate(
                    keystore, Files.readString(passFile, StandardCharsets.UTF_8).strip(), pem, truststore);
        } catch (IOException e) {
            throw new LakeLabException(ErrorCategory.INTERNAL, "Cannot create Trino's certificate in " + dir, e);
        }
    }

    private static void run(Path keytool, String... args) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(keytool.toString());
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        try {
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
                throw new IOException("keytool " + args[0] + " failed: " + out.strip());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while running keytool", e);
        }
    }
}
