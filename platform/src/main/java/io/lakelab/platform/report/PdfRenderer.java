package io.lakelab.platform.report;

import com.lowagie.text.Document;
import com.lowagie.text.DocumentException;
import com.lowagie.text.Element;
import com.lowagie.text.Font;
import com.lowagie.text.Image;
import com.lowagie.text.PageSize;
import com.lowagie.text.Paragraph;
import com.lowagie.text.Phrase;
import com.lowagie.text.pdf.BaseFont;
import com.lowagie.text.pdf.PdfPCell;
import com.lowagie.text.pdf.PdfPTable;
import com.lowagie.text.pdf.PdfWriter;
import io.lakelab.catalog.ErrorCategory;
import io.lakelab.catalog.LakeLabException;
import java.awt.Color;
import java.io.ByteArrayOutputStream;
import java.io.IOException;

/**
 * Renders a {@link ReportDocument} as PDF with OpenPDF, embedding (a subset of) the CJK font so
 * Chinese text renders in any viewer.
 */
final class PdfRenderer {

    private PdfRenderer() {}

    static byte[] render(ReportDocument doc, CjkFont cjkFont) {
        BaseFont base = cjkFont.pdf();
        Font title = new Font(base, 16, Font.BOLD);
        Font heading = new Font(base, 12, Font.BOLD, new Color(0x33, 0x33, 0x66));
        Font body = new Font(base, 9);
        Font cell = new Font(base, 8);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Document pdf = new Document(PageSize.A4, 36, 36, 40, 40);
        try {
            PdfWriter.getInstance(pdf, out);
            pdf.addTitle(doc.title);
            pdf.addCreator("LakeLab");
            pdf.open();
            pdf.add(new Paragraph(doc.title, title));
            for (ReportDocument.Block block : doc.blocks) {
                if (block instanceof ReportDocument.Heading h) {
                    Paragraph p = new Paragraph(h.text(), heading);
                    p.setSpacingBefore(10);
                    p.setSpacingAfter(4);
                    pdf.add(p);
                } else if (block instanceof ReportDocument.Paragraph p) {
                    pdf.add(new Paragraph(p.text(), body));
                } else if (block instanceof ReportDocument.Table t) {
                    PdfPTable table = new PdfPTable(t.headers().size());
                    table.setWidthPercentage(100);
                    table.setSpacingBefore(3);
                    table.setSpacingAfter(6);
                    for (String header : t.headers()) {
                        PdfPCell c = new PdfPCell(new Phrase(header, cell));
                        c.setBackgroundColor(new Color(0xee, 0xee, 0xff));
                        table.addCell(c);
                    }
                    for (var row : t.rows()) {
                        row.forEach(v -> table.addCell(new Phrase(v == null ? "" : v, cell)));
                    }
                    pdf.add(table);
                } else if (block instanceof ReportDocument.Chart c) {
                    Image image = Image.getInstance(c.png());
                    image.scaleToFit(480, 220);
                    image.setAlignment(Element.ALIGN_CENTER);
                    pdf.add(image);
                    Paragraph caption = new Paragraph(c.caption(), cell);
                    caption.setAlignment(Element.ALIGN_CENTER);
                    pdf.add(caption);
                }
            }
            pdf.close();
        } catch (DocumentException | IOException e) {
            throw new LakeLabException(ErrorCategory.INTERNAL, "Cannot render the PDF report: " + e.getMessage(), e);
        }
        return out.toByteArray();
    }
}
