package io.lakelab.platform.trino;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * The analyst notebooks in {@code notebooks/} keep working: every {@code %%sql} cell of every
 * notebook runs through Trino JDBC, as the notebook's user ({@code metadata.lakelab.user}), on the
 * demo data under that user's grants, and returns rows. A notebook whose SQL breaks fails the build.
 */
class TrinoNotebooksIT extends TrinoTestSupport {

    @Test
    void everySqlCellOfEveryNotebookRuns() throws IOException, SQLException {
        ensureFixture();
        Path dir = Path.of(System.getProperty("lakelab.notebooks.dir", "../notebooks"));
        List<Path> notebooks;
        try (Stream<Path> files = Files.list(dir)) {
            notebooks =
                    files.filter(p -> p.toString().endsWith(".ipynb")).sorted().toList();
        }
        assertThat(notebooks).as("notebooks in " + dir.toAbsolutePath()).hasSizeGreaterThanOrEqualTo(2);
        for (Path notebook : notebooks) {
            JsonNode nb = json.readTree(Files.readString(notebook));
            String user = nb.path("metadata").path("lakelab").path("user").asString("bob");
            List<String> cells = sqlCells(nb);
            assertThat(cells).as(notebook + " has SQL cells").hasSizeGreaterThanOrEqualTo(3);
            for (String sql : cells) {
                List<List<Object>> rows;
                try {
                    rows = query(user, sql);
                } catch (SQLException e) {
                    throw new AssertionError(
                            notebook.getFileName() + ": cell failed as " + user + ":\n" + sql + "\n-> "
                                    + e.getMessage(),
                            e);
                }
                assertThat(rows).as(notebook.getFileName() + ":\n" + sql).isNotEmpty();
            }
        }
    }

    /** The SQL of each {@code %%sql} code cell, without the magic line. */
    static List<String> sqlCells(JsonNode notebook) {
        List<String> out = new ArrayList<>();
        for (JsonNode cell : notebook.path("cells")) {
            if (!"code".equals(cell.path("cell_type").asString(""))) {
                continue;
            }
            StringBuilder source = new StringBuilder();
            JsonNode src = cell.path("source");
            if (src.isArray()) {
                src.forEach(line -> source.append(line.asString()));
            } else {
                source.append(src.asString(""));
            }
            String text = source.toString().strip();
            if (text.startsWith("%%sql")) {
                int newline = text.indexOf('\n');
                String sql = newline < 0 ? "" : text.substring(newline + 1).strip();
                if (sql.endsWith(";")) {
                    sql = sql.substring(0, sql.length() - 1);
                }
                out.add(sql);
            }
        }
        return out;
    }
}
