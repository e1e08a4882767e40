package io.lakelab.platform.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.lowagie.text.pdf.PdfReader;
import com.lowagie.text.pdf.parser.PdfTextExtractor;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

/**
 * Reports render Chinese with nothing but the JDK: the build bundles Noto Sans SC, a font the host
 * names is an option, and a named font that cannot serve falls back to the bundled one instead of
 * failing the report.
 */
@ExtendWith(OutputCaptureExtension.class)
class CjkFontTest {

    private static final String TITLE = "低碳实验室 建设情况月报（2026-12）";

    @Test
    void aPdfRenderedWithSystemFontsDisabledEmbedsTheBundledFontAndItsChineseTextExtracts() throws IOException {
        CjkFont font = CjkFont.resolve(new ReportProperties(null, null, List.of()));

        assertThat(font.source()).isEqualTo("bundled Noto Sans SC");
        byte[] pdf = PdfRenderer.render(report(font), font);

        String raw = new String(pdf, StandardCharsets.ISO_8859_1);
        assertThat(raw).contains("FontFile2").containsPattern("/BaseFont ?/[A-Z]{6}\\+NotoSansSC-Regular");
        PdfReader reader = new PdfReader(pdf);
        String text = new PdfTextExtractor(reader).getTextFromPage(1);
        assertThat(text).contains(TITLE, "一、任务指标完成情况", "碳排放强度", "数据入湖次数");
    }

    @Test
    void chartsDrawChineseWithTheBundledFont() throws IOException {
        CjkFont font = CjkFont.resolve(new ReportProperties(null, null, List.of()));

        assertThat(font.awt().getFontName()).startsWith("Noto Sans SC");
        assertThat(font.awt().canDisplayUpTo("碳排放强度 趋势 目标")).isEqualTo(-1);
        byte[] png = chart(font);
        assertThat(ImageIO.read(new ByteArrayInputStream(png)).getWidth()).isEqualTo(640);
    }

    @Test
    void aFontFileTheHostNamesIsUsedInsteadOfTheBundledOne(@TempDir Path dir) throws IOException {
        Path own = dir.resolve("own-cjk.ttf");
        try (InputStream bundled = CjkFont.class.getResourceAsStream(CjkFont.BUNDLED)) {
            Files.copy(bundled, own);
        }

        CjkFont byName = CjkFont.resolve(new ReportProperties(own, null, List.of()));
        CjkFont bySearch = CjkFont.resolve(new ReportProperties(null, null, List.of(dir.resolve("absent.ttc"), own)));

        assertThat(byName.source()).isEqualTo(own.toString());
        assertThat(bySearch.source()).isEqualTo(own.toString());
        String text =
                new PdfTextExtractor(new PdfReader(PdfRenderer.render(report(byName), byName))).getTextFromPage(1);
        assertThat(text).contains(TITLE);
    }

    @Test
    void aMissingConfiguredFontFallsBackToTheBundledOneWithAWarning(CapturedOutput output) throws IOException {
        Path missing = Path.of("/nonexistent/fonts/wqy-zenhei.ttc");

        CjkFont font = CjkFont.resolve(new ReportProperties(missing, null, List.of()));

        assertThat(font.source()).isEqualTo("bundled Noto Sans SC");
        assertThat(output.getAll())
                .contains("CJK font " + missing + " does not exist. Reports use the bundled Noto Sans SC instead.");
        String text = new PdfTextExtractor(new PdfReader(PdfRenderer.render(report(font), font))).getTextFromPage(1);
        assertThat(text).contains(TITLE);
    }

    @Test
    void aConfiguredFileThatIsNoFontFallsBackToTheBundledOneWithAWarning(@TempDir Path dir, CapturedOutput output)
            throws IOException {
        Path notAFont = Files.writeString(dir.resolve("simsun.ttf"), "not a font");

        CjkFont font = CjkFont.resolve(new ReportProperties(notAFont, null, List.of()));

        assertThat(font.source()).isEqualTo("bundled Noto Sans SC");
        assertThat(output.getAll())
                .contains("CJK font " + notAFont + " cannot be used (")
                .contains("Reports use the bundled Noto Sans SC instead.");
    }

    private static ReportDocument report(CjkFont font) {
        return new ReportDocument("ZH_CN", TITLE)
                .paragraph("报告期：2026-12-01 00:00 至 2026-12-04 18:00")
                .heading("一、任务指标完成情况")
                .table(
                        List.of("代码", "指标", "月末值", "目标", "达标"),
                        List.of(List.of("carbon_intensity", "碳排放强度 (吨/万元)", "0.82", "≤ 0.9", "是")))
                .chart("碳排放强度 趋势", chart(font))
                .heading("二、建设活动")
                .table(List.of("项目", "数量"), List.of(List.of("数据入湖次数（行数 / 快照数）", "3 (6000 / 3)")));
    }

    private static byte[] chart(CjkFont font) {
        return Charts.trend(
                "碳排放强度 趋势",
                "碳排放强度",
                "目标",
                List.of(
                        new MonthlyNumbers.TrendPoint("2026-10", 0.95),
                        new MonthlyNumbers.TrendPoint("2026-11", 0.88),
                        new MonthlyNumbers.TrendPoint("2026-12", 0.82)),
                0.9,
                font);
    }
}
