package io.lakelab.platform.dataset;

import io.lakelab.catalog.DatasetKind;
import io.lakelab.catalog.DatasetName;
import io.lakelab.catalog.DatasetSchema;
import io.lakelab.catalog.Grade;
import io.lakelab.catalog.LabCode;
import io.lakelab.catalog.OpenCategory;
import io.lakelab.catalog.TableRef;
import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import tools.jackson.databind.json.JsonMapper;

/** Persists catalog entries in {@code datasets}. */
@Repository
class DatasetRepository {

    private static final String SELECT =
            "SELECT d.*, l.code AS owner_code FROM datasets d" + " LEFT JOIN labs l ON l.id = d.owner_lab_id";

    private final JdbcClient jdbc;
    private final JsonMapper json;

    DatasetRepository(JdbcClient jdbc, JsonMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    record NewDataset(
            DatasetName name,
            String titleZh,
            String titleEn,
            String description,
            DatasetKind kind,
            String provider,
            OpenCategory openCategory,
            Grade grade,
            List<String> tags,
            DatasetSchema schema,
            TableRef table,
            Long ownerLabId,
            String registeredBy) {}

    long insert(NewDataset d) {
        String search = Stream.concat(
                        Stream.of(d.name().value(), d.titleZh(), d.titleEn(), d.description(), d.provider()),
                        Stream.concat(
                                d.tags().stream(),
                                d.schema().columns().stream().flatMap(c -> Stream.of(c.name(), c.description()))))
                .filter(s -> s != null && !s.isBlank())
                .map(s -> s.toLowerCase(Locale.ROOT))
                .collect(Collectors.joining(" "));
        return jdbc.sql("INSERT INTO datasets (name, title_zh, title_en, description, kind, provider, open_category,"
                        + " grade, tags, schema_json, table_namespace, table_name, owner_lab_id, registered_by,"
                        + " search_text) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?::jsonb, ?, ?, ?, ?, ?) RETURNING id")
                .params(
                        d.name().value(),
                        d.titleZh(),
                        d.titleEn(),
                        d.description() == null ? "" : d.description(),
                        d.kind().name(),
                        d.provider(),
                        d.openCategory() == null ? null : d.openCategory().name(),
                        d.grade().name(),
                        d.tags().toArray(String[]::new),
                        json.writeValueAsString(d.schema()),
                        d.table().namespace(),
                        d.table().name(),
                        d.ownerLabId(),
                        d.registeredBy(),
                        search)
                .query(Long.class)
                .single();
    }

    void updateData(long id, long rowCount, long snapshotId) {
        jdbc.sql("UPDATE datasets SET row_count = ?, snapshot_id = ?, updated_at = now() WHERE id = ?")
                .params(rowCount, snapshotId, id)
                .update();
    }

    void updateDerived(long id, DatasetSchema schema, Grade grade, long rowCount, long snapshotId) {
        jdbc.sql("UPDATE datasets SET schema_json = ?::jsonb, grade = ?, row_count = ?, snapshot_id = ?,"
                        + " updated_at = now() WHERE id = ?")
                .params(json.writeValueAsString(schema), grade.name(), rowCount, snapshotId, id)
                .update();
    }

    Optional<Dataset> find(DatasetName name) {
        return jdbc.sql(SELECT + " WHERE d.name = ?")
                .param(name.value())
                .query(this::map)
                .optional();
    }

    Optional<Dataset> findByTable(TableRef table) {
        return jdbc.sql(SELECT + " WHERE d.table_namespace = ? AND d.table_name = ?")
                .params(table.namespace(), table.name())
                .query(this::map)
                .optional();
    }

    Optional<Dataset> findById(long id) {
        return jdbc.sql(SELECT + " WHERE d.id = ?").param(id).query(this::map).optional();
    }

    List<Dataset> search(DatasetQuery q) {
        return jdbc.sql(SELECT + " WHERE (CAST(:text AS TEXT) IS NULL OR d.search_text LIKE '%' || :text || '%')"
                        + " AND (CAST(:tag AS TEXT) IS NULL OR :tag = ANY (d.tags))"
                        + " AND (CAST(:kind AS TEXT) IS NULL OR d.kind = :kind)"
                        + " AND (CAST(:category AS TEXT) IS NULL OR d.open_category = :category)"
                        + " AND (CAST(:grade AS TEXT) IS NULL OR d.grade = :grade)"
                        + " ORDER BY d.name")
                .param(
                        "text",
                        q.text() == null || q.text().isBlank()
                                ? null
                                : q.text().toLowerCase(Locale.ROOT).trim())
                .param("tag", q.tag() == null || q.tag().isBlank() ? null : q.tag())
                .param("kind", q.kind() == null ? null : q.kind().name())
                .param("category", q.category() == null ? null : q.category().name())
                .param("grade", q.grade() == null ? null : q.grade().name())
                .query(this::map)
                .list();
    }

    private Dataset map(ResultSet rs, int row) throws SQLException {
        Array tags = rs.getArray("tags");
        String category = rs.getString("open_category");
        String owner = rs.getString("owner_code");
        OffsetDateTime updated = rs.getObject("updated_at", OffsetDateTime.class);
        return new Dataset(
                rs.getLong("id"),
                new DatasetName(rs.getString("name")),
                rs.getString("title_zh"),
                rs.getString("title_en"),
                rs.getString("description"),
                DatasetKind.valueOf(rs.getString("kind")),
                rs.getString("provider"),
                category == null ? null : OpenCategory.valueOf(category),
                Grade.valueOf(rs.getString("grade")),
                tags == null ? List.of() : Arrays.asList((String[]) tags.getArray()),
                json.readValue(rs.getString("schema_json"), DatasetSchema.class),
                new TableRef(rs.getString("table_namespace"), rs.getString("table_name")),
                owner == null ? null : new LabCode(owner),
                rs.getString("registered_by"),
                rs.getObject("registered_at", OffsetDateTime.class).toInstant(),
                (Long) rs.getObject("row_count"),
                (Long) rs.getObject("snapshot_id"),
                updated == null ? null : updated.toInstant());
    }
}
