package io.lakelab.platform.audit;

import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.time.format.DateTimeFormatter;

/**
 * Writes audit records for the programme office: JSON lines (one canonical record per line, plus
 * {@code prevHash} and {@code hash}) or CSV (RFC 4180, header row, {@code details} as canonical JSON
 * text). Both carry what a reader needs to recompute every hash with {@link AuditChain}'s rules.
 */
final class AuditExport {

    static final String CSV_HEADER = "id,at,actor,action,resource,outcome,details,prev_hash,hash";

    private final AuditService.ExportFormat format;
    private final Writer out;

    AuditExport(AuditService.ExportFormat format, OutputStream out) throws IOException {
        this.format = format;
        this.out = new OutputStreamWriter(out, StandardCharsets.UTF_8);
        if (format == AuditService.ExportFormat.CSV) {
            this.out.write(CSV_HEADER + "\r\n");
        }
    }

    void write(AuditRepository.Row r) throws IOException {
        if (format == AuditService.ExportFormat.JSONL) {
            String canonical = r.canonical();
            // The canonical object, then the chain fields: a reader drops the last two to rehash.
            out.write(canonical, 0, canonical.length() - 1);
            out.write(",\"prevHash\":\"" + r.prevHash() + "\",\"hash\":\"" + r.hash() + "\"}\n");
            return;
        }
        out.write(String.join(
                        ",",
                        Long.toString(r.id()),
                        DateTimeFormatter.ISO_INSTANT.format(r.at()),
                        csv(r.actor()),
                        csv(r.action()),
                        csv(r.resource()),
                        r.outcome(),
                        csv(AuditChain.json(r.details())),
                        String.valueOf(r.prevHash()),
                        String.valueOf(r.hash()))
                + "\r\n");
    }

    void finish() throws IOException {
        out.flush();
    }

    private static String csv(String value) {
        if (value.contains(",") || value.contains("\"") || value.contains("\n") || value.contains("\r")) {
            return "\"" + value.replace("\"", "\"\"") + "\"";
        }
        return value;
    }
}
