package io.lakelab.platform.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lakelab.catalog.LakeLabException;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** Trino's event JSON (the shape of Trino 476's QueryCompletedEvent) reduced to the audit record. */
class TrinoQueryEventTest {

    @Test
    void aCompletedQueryKeepsWhoWhatWasReadAndHowItEnded() throws IOException {
        TrinoQueryEvent e = TrinoQueryEvent.parse(completed());
        assertThat(e.action()).isEqualTo("trino.query");
        assertThat(e.user()).isEqualTo("bob");
        assertThat(e.outcome()).isEqualTo(AuditService.Outcome.SUCCEEDED);
        assertThat(e.details())
                .containsEntry("queryId", "20261204_184501_00007_abcde")
                .containsEntry("sql", "SELECT credit_code, district FROM lakelab.datasets.enterprise_registry LIMIT 3")
                .containsEntry("source", "trino-jdbc")
                .containsEntry("rows", 3L)
                .containsEntry("tables", List.of("lakelab.datasets.enterprise_registry"))
                .containsEntry(
                        "columns", Map.of("lakelab.datasets.enterprise_registry", List.of("credit_code", "district")))
                .containsEntry("masked", Map.of("lakelab.datasets.enterprise_registry", List.of("credit_code")))
                .doesNotContainKey("failure");
    }

    @Test
    void permissionDeniedIsADenialOtherFailuresAreFailures() throws IOException {
        ObjectNode denied = completed();
        denied.putObject("failureInfo")
                .put("failureMessage", "Access Denied: Cannot select from columns [registered_capital]")
                .putObject("errorCode")
                .put("name", "PERMISSION_DENIED")
                .put("type", "USER_ERROR");
        TrinoQueryEvent e = TrinoQueryEvent.parse(denied);
        assertThat(e.outcome()).isEqualTo(AuditService.Outcome.DENIED);
        assertThat(e.details().get("failure"))
                .isEqualTo(Map.of(
                        "errorCode",
                        "PERMISSION_DENIED",
                        "errorType",
                        "USER_ERROR",
                        "message",
                        "Access Denied: Cannot select from columns [registered_capital]"));
        ObjectNode failed = completed();
        failed.putObject("failureInfo").putObject("errorCode").put("name", "SYNTAX_ERROR");
        assertThat(TrinoQueryEvent.parse(failed).outcome()).isEqualTo(AuditService.Outcome.FAILED);
    }

    @Test
    void aCreatedEventIsAStart() throws IOException {
        ObjectNode created = completed();
        created.remove(List.of("statistics", "ioMetadata", "endTime", "failureInfo", "executionStartTime"));
        TrinoQueryEvent e = TrinoQueryEvent.parse(created);
        assertThat(e.action()).isEqualTo("trino.query.created");
        assertThat(e.outcome()).isEqualTo(AuditService.Outcome.STARTED);
        assertThat(e.details()).doesNotContainKeys("tables", "rows");
    }

    @Test
    void somethingElseIsRefusedWithWhatWasExpected() {
        assertThatThrownBy(() -> TrinoQueryEvent.parse(AuditChain.parse("{\"hello\":1}")))
                .isInstanceOf(LakeLabException.class)
                .hasMessageContaining("expected metadata.queryId and context.user");
    }

    private static ObjectNode completed() throws IOException {
        try (InputStream in = TrinoQueryEventTest.class.getResourceAsStream("/audit/trino-query-completed.json")) {
            JsonNode tree = AuditChain.READER.readTree(in);
            return (ObjectNode) tree;
        }
    }
}
