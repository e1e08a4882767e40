package io.lakelab.platform.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class AuditChainTest {

    private static final Instant AT = Instant.parse("2026-11-03T08:15:30.123456Z");

    @Test
    void canonicalContentHasFixedFieldOrderSortedKeysAndPlainNumbers() {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("z", 1.50);
        details.put("a", List.of(1e20, 0.0, -2));
        details.put("m", "引号\"\\\n\u0000");
        String canonical = AuditChain.canonical(
                7, AT, "bob", "trino.query", "trino:lakelab", "DENIED", AuditChain.READER.valueToTree(details));
        assertThat(canonical)
                .isEqualTo(
                        "{\"id\":7,\"at\":\"2026-11-03T08:15:30.123456Z\",\"actor\":\"bob\",\"action\":\"trino.query\","
                                + "\"resource\":\"trino:lakelab\",\"outcome\":\"DENIED\",\"details\":{\"a\":[100000000000000000000,0,-2],"
                                + "\"m\":\"引号\\\"\\\\\\u000a\uFFFD\",\"z\":1.5}}");
    }

    @Test
    void detailsSurviveTheTextRoundTripPostgresJsonbDoes() {
        // jsonb re-prints numbers in its own way (1.5E+3 -> 1500, 2.0 stays 2.0) and reorders keys.
        JsonNode written = AuditChain.parse(AuditChain.json(AuditChain.READER.valueToTree(
                Map.of("b", 1500.0, "a", Map.of("y", 2, "x", 0.1), "c", 12345678901234567890.0))));
        JsonNode asJsonbPrintsIt =
                AuditChain.parse("{\"a\": {\"x\": 0.1, \"y\": 2}, \"b\": 1500, \"c\": 12345678901234567000}");
        assertThat(AuditChain.json(asJsonbPrintsIt)).isEqualTo(AuditChain.json(written));
        assertThat(AuditChain.json(AuditChain.parse("{\"v\": 2.0}"))).isEqualTo("{\"v\":2}");
    }

    @Test
    void hashIsSha256OfPreviousHashThenCanonicalContent() {
        // printf '%s%s' "$(printf '0%.0s' {1..64})" '{}' | sha256sum
        assertThat(AuditChain.hash(AuditChain.GENESIS, "{}"))
                .isEqualTo("5508d2b710e64bc470079e1b211d9c58e21011e59d0559e422345dc19d659a75");
        assertThat(AuditChain.hash("a".repeat(64), "{}")).isNotEqualTo(AuditChain.hash(AuditChain.GENESIS, "{}"));
    }
}
