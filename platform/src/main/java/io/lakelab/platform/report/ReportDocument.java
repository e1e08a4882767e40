package io.lakelab.platform.report;

import java.util.ArrayList;
import java.util.List;

/**
 * A report as headings, paragraphs, tables and charts, built once and rendered twice (HTML and
 * PDF) so both documents say the same thing.
 */
final class ReportDocument {

    /** One block of the document. */
    interface Block {}

    record Heading(String text) implements Block {}

    record Paragraph(String text) implements Block {}

    record Table(List<String> headers, List<List<String>> rows) implements Block {}

    record Chart(String caption, byte[] png) implements Block {}

    final String language;
    final String title;
    final List<Block> blocks = new ArrayList<>();

    ReportDocument(String language, String title) {
        this.language = language;
        this.title = title;
    }

    ReportDocument heading(String text) {
        blocks.add(new Heading(text));
        return this;
    }

    ReportDocument paragraph(String text) {
        blocks.add(new Paragraph(text));
        return this;
    }

    ReportDocument table(List<String> headers, List<List<String>> rows) {
        blocks.add(new Table(headers, rows));
        return this;
    }

    ReportDocument chart(String caption, byte[] png) {
        blocks.add(new Chart(caption, png));
        return this;
    }
}
