package io.lakelab.catalog.iceberg;

import java.io.Closeable;
import java.io.IOException;
import org.apache.iceberg.data.Record;

/** A file read row by row against a table schema: valid rows go to the sink, problems to violations. */
interface RowSource extends Closeable {

    /** Reads the whole file; rows with any violation are reported and not passed to {@code sink}. */
    void read(Violations violations, Sink sink) throws IOException;

    /** Receives each row that parsed, with where it is in the file. */
    @FunctionalInterface
    interface Sink {
        void accept(Violation.Position at, Record record);
    }
}
