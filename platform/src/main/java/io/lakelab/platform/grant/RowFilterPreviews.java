package io.lakelab.platform.grant;

import io.lakelab.catalog.DatasetName;
import io.lakelab.catalog.LakeLabException;
import io.lakelab.platform.audit.AuditService;
import io.lakelab.platform.dataset.Dataset;
import io.lakelab.platform.dataset.DatasetService;
import io.lakelab.platform.identity.Authorizer;
import io.lakelab.platform.identity.CurrentUser;
import io.lakelab.platform.identity.Operation;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.apache.iceberg.Snapshot;
import org.apache.iceberg.Table;
import org.apache.iceberg.catalog.Catalog;
import org.apache.iceberg.catalog.TableIdentifier;
import org.apache.iceberg.data.IcebergGenerics;
import org.apache.iceberg.data.Record;
import org.apache.iceberg.io.CloseableIterable;
import org.springframework.stereotype.Service;

/**
 * Previews a row filter before it is granted: counts the rows of the dataset's current Iceberg
 * snapshot and those the filter keeps, in-process. The filter is parsed once by {@link
 * RowFilterValidator} (the grant's own gate) and its tree evaluated by {@link RowFilterEvaluator},
 * reading only the columns the filter uses. Administrators only; every preview is audited
 * ({@code grant.preview}) because counts are information about the data.
 */
@Service
public class RowFilterPreviews {

    private final Catalog catalog;
    private final DatasetService datasets;
    private final GrantService grants;
    private final Authorizer authorizer;
    private final AuditService audit;

    RowFilterPreviews(
            Catalog catalog, DatasetService datasets, GrantService grants, Authorizer authorizer, AuditService audit) {
        this.catalog = catalog;
        this.datasets = datasets;
        this.grants = grants;
        this.authorizer = authorizer;
        this.audit = audit;
    }

    /** The counts for the options' row filter (columns and masks are validated like a grant's). */
    public RowFilterPreview preview(CurrentUser user, DatasetName name, GrantOptions options) {
        authorizer.authorizeOrThrow(user, Operation.GRANT);
        Dataset dataset = datasets.require(name);
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("rowFilter", String.valueOf(options.rowFilter()));
        if (options.requestId() != null) {
            details.put("requestId", options.requestId());
        }
        RowFilterPreview preview;
        try {
            grants.validate(dataset, options);
            preview = count(dataset, options.rowFilter());
        } catch (LakeLabException e) {
            details.put("reason", e.getMessage());
            audit.record(
                    user.username(), "grant.preview", "dataset:" + name.value(), AuditService.Outcome.DENIED, details);
            throw e;
        }
        details.put("snapshotId", String.valueOf(preview.snapshotId()));
        details.put("totalRows", preview.totalRows());
        details.put("keptRows", preview.keptRows());
        audit.record(
                user.username(), "grant.preview", "dataset:" + name.value(), AuditService.Outcome.SUCCEEDED, details);
        return preview;
    }

    private RowFilterPreview count(Dataset dataset, String rowFilter) {
        RowFilter tree = rowFilter == null ? null : RowFilterValidator.parse(rowFilter, dataset.schema());
        Table table = catalog.loadTable(
                TableIdentifier.of(dataset.table().namespace(), dataset.table().name()));
        Snapshot current = table.currentSnapshot();
        if (current == null) {
            return new RowFilterPreview(dataset.name().value(), rowFilter, null, 0, 0);
        }
        Set<String> used = tree == null ? Set.of() : columnsOf(tree, new TreeSet<>());
        for (String column : used) {
            if (table.schema().findField(column) == null) {
                throw LakeLabException.badRequest("Row filter \"" + rowFilter + "\" uses column '" + column
                        + "', which the table " + dataset.table().qualified() + " does not have yet.");
            }
        }
        RowFilterEvaluator evaluator = new RowFilterEvaluator(rowFilter, LocalDate.now());
        IcebergGenerics.ScanBuilder scan = IcebergGenerics.read(table).useSnapshot(current.snapshotId());
        if (!used.isEmpty()) {
            scan = scan.select(used);
        }
        long total = 0;
        long kept = 0;
        try (CloseableIterable<Record> rows = scan.build()) {
            for (Record row : rows) {
                total++;
                if (tree == null || evaluator.keeps(tree, row::getField)) {
                    kept++;
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new RowFilterPreview(dataset.name().value(), rowFilter, current.snapshotId(), total, kept);
    }

    private static Set<String> columnsOf(RowFilter node, Set<String> into) {
        if (node instanceof RowFilter.Column c) {
            into.add(c.name());
        } else if (node instanceof RowFilter.Logical l) {
            columnsOf(l.left(), into);
            columnsOf(l.right(), into);
        } else if (node instanceof RowFilter.Not n) {
            columnsOf(n.operand(), into);
        } else if (node instanceof RowFilter.Comparison c) {
            columnsOf(c.left(), into);
            columnsOf(c.right(), into);
        } else if (node instanceof RowFilter.IsNull i) {
            columnsOf(i.operand(), into);
        } else if (node instanceof RowFilter.In in) {
            columnsOf(in.operand(), into);
            in.values().forEach(v -> columnsOf(v, into));
        } else if (node instanceof RowFilter.Between b) {
            columnsOf(b.operand(), into);
            columnsOf(b.low(), into);
            columnsOf(b.high(), into);
        } else if (node instanceof RowFilter.Like l) {
            columnsOf(l.operand(), into);
            columnsOf(l.pattern(), into);
        } else if (node instanceof RowFilter.Arithmetic a) {
            columnsOf(a.left(), into);
            columnsOf(a.right(), into);
        } else if (node instanceof RowFilter.Negation n) {
            columnsOf(n.operand(), into);
        } else if (node instanceof RowFilter.Call c) {
            c.arguments().forEach(a -> columnsOf(a, into));
        }
        return into;
    }
}
