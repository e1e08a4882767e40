package io.lakelab.platform.trino;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lakelab.catalog.ErrorCategory;
import io.lakelab.catalog.LakeLabException;
import java.sql.SQLException;
import java.sql.SQLTimeoutException;
import org.junit.jupiter.api.Test;

class QueryRequestTest {

    @Test
    void defaultsAndTrimsTheStatement() {
        QueryRequest r = new QueryRequest("  SELECT 1 ;; ", null, null);
        assertThat(r.sql()).isEqualTo("SELECT 1");
        assertThat(r.maxRows()).isEqualTo(1000);
        assertThat(r.timeoutSeconds()).isEqualTo(60);
    }

    @Test
    void refusesOutOfRangeLimitsWithTheRange() {
        assertThatThrownBy(() -> new QueryRequest(" ", 1, 1)).hasMessageContaining("'sql' is required");
        assertThatThrownBy(() -> new QueryRequest("SELECT 1", 10_001, 1))
                .hasMessageContaining("'maxRows' must be between 1 and 10000, was 10001");
        assertThatThrownBy(() -> new QueryRequest("SELECT 1", 1, 601))
                .hasMessageContaining("'timeoutSeconds' must be between 1 and 600, was 601");
    }

    @Test
    void translatesTrinoErrorsIntoCategories() {
        QueryRequest r = new QueryRequest("SELECT 1", 1, 5);
        LakeLabException denied = QueryService.translate(
                new SQLException("Query failed (#1): Access Denied: Cannot select from table t"), r);
        assertThat(denied.category()).isEqualTo(ErrorCategory.FORBIDDEN);
        assertThat(denied.getMessage()).contains("Access Denied: Cannot select from table t");
        LakeLabException slow = QueryService.translate(new SQLTimeoutException("cancelled"), r);
        assertThat(slow.category()).isEqualTo(ErrorCategory.BAD_REQUEST);
        assertThat(slow.getMessage()).contains("ran longer than 5 s");
        LakeLabException bad = QueryService.translate(
                new SQLException("Query failed (#2): line 1:8: Column 'x' cannot be resolved"), r);
        assertThat(bad.category()).isEqualTo(ErrorCategory.BAD_REQUEST);
        assertThat(bad.getMessage()).startsWith("Trino rejected the query");
    }

    @Test
    void namesTheTableWhenTrinoNamesNoColumns() {
        QueryRequest r = new QueryRequest("SELECT count(*) FROM lakelab.datasets.t", 1, 5);
        LakeLabException table = QueryService.translate(
                new SQLException("Query failed (#3): Access Denied: Cannot select from columns [] in table or view t"),
                r);
        assertThat(table.category()).isEqualTo(ErrorCategory.FORBIDDEN);
        assertThat(table.getMessage())
                .isEqualTo("Access Denied: Cannot select from table t: none of your labs has a"
                        + " grant for it; ask for access with an access request (POST /api/v1/access-requests).");
        LakeLabException columns = QueryService.translate(
                new SQLException("Query failed (#4): Access Denied: Cannot select from columns [phone, name] in"
                        + " table or view t"),
                r);
        assertThat(columns.getMessage())
                .startsWith("Access Denied: Cannot select columns [phone, name] from table t:"
                        + " your labs' grants do not include them");
    }
}
