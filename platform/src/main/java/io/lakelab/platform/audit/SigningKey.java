package io.lakelab.platform.audit;

import io.lakelab.catalog.ErrorCategory;
import io.lakelab.catalog.LakeLabException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;
import java.util.HexFormat;

/**
 * The platform's Ed25519 key that signs audit checkpoints: generated on first use into {@code
 * signing-key.pem} (PKCS#8, readable by the owner only) with its public half in {@code
 * signing-key.pub.pem} (X.509), which a reviewer can take away to check checkpoints without the
 * platform. The private key never leaves the file and is never logged.
 */
final class SigningKey {

    static final String ALGORITHM = "Ed25519";

    private final PrivateKey privateKey;
    private final PublicKey publicKey;

    private SigningKey(PrivateKey privateKey, PublicKey publicKey) {
        this.privateKey = privateKey;
        this.publicKey = publicKey;
    }

    /** Loads the key under {@code dir}, generating it the first time. */
    static synchronized SigningKey loadOrCreate(Path dir) {
        Path priv = dir.resolve("signing-key.pem");
        Path pub = dir.resolve("signing-key.pub.pem");
        try {
            KeyFactory factory = KeyFactory.getInstance(ALGORITHM);
            if (Files.isRegularFile(priv) && Files.isRegularFile(pub)) {
                return new SigningKey(
                        factory.generatePrivate(new PKCS8EncodedKeySpec(pem(priv))),
                        factory.generatePublic(new X509EncodedKeySpec(pem(pub))));
            }
            KeyPair pair = KeyPairGenerator.getInstance(ALGORITHM).generateKeyPair();
            Files.createDirectories(dir);
            write(priv, "PRIVATE KEY", pair.getPrivate().getEncoded(), "rw-------");
            write(pub, "PUBLIC KEY", pair.getPublic().getEncoded(), "rw-r--r--");
            return new SigningKey(pair.getPrivate(), pair.getPublic());
        } catch (IOException | GeneralSecurityException | IllegalArgumentException e) {
            throw new LakeLabException(
                    ErrorCategory.INTERNAL,
                    "Cannot load or create the audit signing key under " + dir + ": " + e.getMessage()
                            + ". Check the directory is writable by the platform, or restore the key files.",
                    e);
        }
    }

    String sign(String payload) {
        try {
            Signature s = Signature.getInstance(ALGORITHM);
            s.initSign(privateKey);
            s.update(payload.getBytes(StandardCharsets.UTF_8));
            return Base64.getEncoder().encodeToString(s.sign());
        } catch (GeneralSecurityException e) {
            throw new LakeLabException(ErrorCategory.INTERNAL, "Cannot sign an audit checkpoint", e);
        }
    }

    boolean verifies(String payload, String signature) {
        try {
            Signature s = Signature.getInstance(ALGORITHM);
            s.initVerify(publicKey);
            s.update(payload.getBytes(StandardCharsets.UTF_8));
            return s.verify(Base64.getDecoder().decode(signature));
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            return false;
        }
    }

    /** The public key, X.509 DER in base64 (what {@code signing-key.pub.pem} holds). */
    String publicKeyBase64() {
        return Base64.getEncoder().encodeToString(publicKey.getEncoded());
    }

    /** First 16 hex digits of the SHA-256 of the public key: names the key in checkpoints. */
    String keyId() {
        try {
            return HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-256").digest(publicKey.getEncoded()))
                    .substring(0, 16);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] pem(Path file) throws IOException {
        String body = Files.readString(file, StandardCharsets.US_ASCII)
                .replaceAll("-----[A-Z ]+-----", "")
                .replaceAll("\\s", "");
        return Base64.getDecoder().decode(body);
    }

    private static void write(Path file, String type, byte[] der, String permissions) throws IOException {
        String text = "-----BEGIN " + type + "-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                        .encodeToString(der)
                + "\n-----END " + type + "-----\n";
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        Files.deleteIfExists(tmp);
        Files.createFile(tmp, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString(permissions)));
        Files.writeString(tmp, text, StandardCharsets.US_ASCII);
        Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE);
    }
}
