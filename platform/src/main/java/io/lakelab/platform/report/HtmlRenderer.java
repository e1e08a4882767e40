package io.lakelab.platform.report;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;

/** Renders a {@link ReportDocument} as one self-contained HTML page (charts inlined as PNG). */
final class HtmlRenderer {

    private HtmlRenderer() {}

    static byte[] render(ReportDocument doc) {
        StringBuilder out = new StringBuilder();
        out.append("<!DOCTYPE html>\n<html lang=\"")
                .append("ZH_CN".equals(doc.language) ? "zh-CN" : "en")
                .append("\">\n<head><meta charset=\"utf-8\"><title>")
                .append(escape(doc.title))
                .append(
                        "</title>\n<style>body{font-family:'Noto Sans CJK SC','WenQuanYi Zen Hei',sans-serif;"
                                + "max-width:60em;margin:2em auto;color:#222}table{border-collapse:collapse;margin:.5em 0 1em}"
                                + "th,td{border:1px solid #bbb;padding:.25em .6em;text-align:left;font-size:.9em}"
                                + "th{background:#eef}h2{border-bottom:2px solid #336;margin-top:1.5em}</style></head>\n<body>\n<h1>")
                .append(escape(doc.title))
                .append("</h1>\n");
        for (ReportDocument.Block block : doc.blocks) {
            if (block instanceof ReportDocument.Heading h) {
                out.append("<h2>").append(escape(h.text())).append("</h2>\n");
            } else if (block instanceof ReportDocument.Paragraph p) {
                out.append("<p>").append(escape(p.text())).append("</p>\n");
            } else if (block instanceof ReportDocument.Table t) {
                table(out, t.headers(), t.rows());
            } else if (block instanceof ReportDocument.Chart c) {
                out.append("<figure><img alt=\"")
                        .append(escape(c.caption()))
                        .append("\" src=\"data:image/png;base64,")
                        .append(Base64.getEncoder().encodeToString(c.png()))
                        .append("\"><figcaption>")
                        .append(escape(c.caption()))
                        .append("</figcaption></figure>\n");
            }
        }
        out.append("</body>\n</html>\n");
        return out.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static void table(StringBuilder out, List<String> headers, List<List<String>> rows) {
        out.append("<table><thead><tr>");
        headers.forEach(h -> out.append("<th>").append(escape(h)).append("</th>"));
        out.append("</tr></thead><tbody>\n");
        for (List<String> row : rows) {
            out.append("<tr>");
            row.forEach(cell -> out.append("<td>").append(escape(cell)).append("</td>"));
            out.append("</tr>\n");
        }
        out.append("</tbody></table>\n");
    }

    static String escape(String s) {
        return s == null
                ? ""
                : s.replace("&", "&amp;")
                        .replace("<", "&lt;")
                        .replace(">", "&gt;")
                        .replace("\"", "&quot;");
    }
}
