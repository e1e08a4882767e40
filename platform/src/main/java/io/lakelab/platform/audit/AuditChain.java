package io.lakelab.platform.audit;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The one definition of an audit record's canonical content and of its chain hash (documented in
 * docs/security.md, "Audit"). Canonical content is UTF-8 JSON without whitespace, fields in this
 * order: {@code {"id":..,"at":"..","actor":"..","action":"..","resource":"..","outcome":"..","details":{..}}};
 * {@code at} is ISO-8601 UTC ({@link DateTimeFormatter#ISO_INSTANT}, microseconds at most); in
 * {@code details} object keys are sorted (Java string order), numbers are written as plain decimals
 * without trailing zeros ({@code 1.50} and {@code 1.5E0} both become {@code 1.5}), strings escape only
 * {@code "}, {@code \} and control characters ({@code \}{@code u00XX}), U+0000 becomes U+FFFD. The
 * record's hash is the lowercase hex SHA-256 of {@code prevHash + canonical}; the first record's
 * {@code prevHash} is {@link #GENESIS}. Details survive a PostgreSQL {@code jsonb} round trip
 * unchanged under these rules, so a verifier recomputes the hash from the stored columns alone.
 */
final class AuditChain {

    /** The previous hash of the first record. */
    static final String GENESIS = "0".repeat(64);

    /** Reads stored details without losing digits of decimals (jsonb keeps them exactly). */
    static final JsonMapper READER = JsonMapper.builder()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .enable(DeserializationFeature.USE_BIG_INTEGER_FOR_INTS)
            .build();

    private AuditChain() {}

    /** The canonical content of one record. */
    static String canonical(
            long id, Instant at, String actor, String action, String resource, String outcome, JsonNode details) {
        StringBuilder out = new StringBuilder(256);
        out.append("{\"id\":").append(id);
        out.append(",\"at\":");
        string(out, DateTimeFormatter.ISO_INSTANT.format(at));
        out.append(",\"actor\":");
        string(out, actor);
        out.append(",\"action\":");
        string(out, action);
        out.append(",\"resource\":");
        string(out, resource);
        out.append(",\"outcome\":");
        string(out, outcome);
        out.append(",\"details\":");
        json(out, details);
        return out.append('}').toString();
    }

    /** The chain hash of a record: SHA-256 over the previous hash followed by the canonical content. */
    static String hash(String prevHash, String canonical) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update(prevHash.getBytes(StandardCharsets.US_ASCII));
            return HexFormat.of().formatHex(sha.digest(canonical.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }

    /** Canonical JSON text of a details tree: what is stored in {@code details} and hashed. */
    static String json(JsonNode node) {
        StringBuilder out = new StringBuilder();
        json(out, node);
        return out.toString();
    }

    /** A stored details text, parsed as the verifier parses it. */
    static JsonNode parse(String json) {
        return READER.readTree(json);
    }

    private static void json(StringBuilder out, JsonNode node) {
        if (node == null || node.isNull() || node.isMissingNode()) {
            out.append("null");
        } else if (node.isObject()) {
            Map<String, JsonNode> sorted = new TreeMap<>();
            node.properties().forEach(e -> sorted.put(e.getKey(), e.getValue()));
            out.append('{');
            boolean first = true;
            for (Map.Entry<String, JsonNode> e : sorted.entrySet()) {
                if (!first) {
                    out.append(',');
                }
                first = false;
                string(out, e.getKey());
                out.append(':');
                json(out, e.getValue());
            }
            out.append('}');
        } else if (node.isArray()) {
            out.append('[');
            for (int i = 0; i < node.size(); i++) {
                if (i > 0) {
                    out.append(',');
                }
                json(out, node.get(i));
            }
            out.append(']');
        } else if (node.isIntegralNumber()) {
            out.append(node.bigIntegerValue());
        } else if (node.isNumber()) {
            out.append(plain(node.decimalValue()));
        } else if (node.isBoolean()) {
            out.append(node.booleanValue());
        } else {
            string(out, node.isString() ? node.stringValue() : node.toString());
        }
    }

    private static String plain(BigDecimal d) {
        return d.signum() == 0 ? "0" : d.stripTrailingZeros().toPlainString();
    }

    private static void string(StringBuilder out, String s) {
        out.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\u0000' -> out.append('\uFFFD'); // jsonb cannot store U+0000
                default -> {
                    if (c < 0x20) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        out.append('"');
    }
}
