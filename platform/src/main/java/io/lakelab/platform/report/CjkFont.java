package io.lakelab.platform.report;

import com.lowagie.text.DocumentException;
import com.lowagie.text.pdf.BaseFont;
import io.lakelab.catalog.ErrorCategory;
import io.lakelab.catalog.LakeLabException;
import java.awt.FontFormatException;
import java.awt.GraphicsEnvironment;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The font Chinese text renders with, in PDFs (embedded, subset by OpenPDF) and in charts. PDF's
 * standard fonts have no CJK glyphs and OpenPDF's CJK add-on fonts are not embedded, so a real
 * TrueType font is embedded: Noto Sans SC (SIL Open Font License 1.1), which the build bundles
 * into the platform's classes, or a font of the host's chosen in {@link ReportProperties}.
 */
final class CjkFont {

    private static final Logger log = LoggerFactory.getLogger(CjkFont.class);

    /** Noto Sans SC Regular, put there by the build (platform/pom.xml, execution bundle-cjk-font). */
    static final String BUNDLED = "font/NotoSansSC-Regular.ttf";

    /** A character every font meant for Chinese reports has (中, "middle"). */
    private static final char PROBE = '\u4e2d';

    private final String source;
    private final BaseFont pdf;
    private final java.awt.Font awt;

    private CjkFont(String source, BaseFont pdf, java.awt.Font awt) {
        this.source = source;
        this.pdf = pdf;
        this.awt = awt;
    }

    /**
     * The font reports use: {@code cjk-font} if set, else the first file of {@code font-search-path}
     * that exists, else the bundled Noto Sans SC. A configured font that is missing, unreadable or
     * without Chinese glyphs is logged and skipped, so a report always renders.
     */
    static CjkFont resolve(ReportProperties properties) {
        List<Path> configured = new ArrayList<>();
        if (properties.cjkFont() != null) {
            configured.add(properties.cjkFont());
        }
        for (Path candidate : properties.fontSearchPath()) {
            if (Files.isRegularFile(candidate)) {
                configured.add(candidate);
            }
        }
        CjkFont font = configured.stream()
                .map(CjkFont::file)
                .flatMap(Optional::stream)
                .findFirst()
                .orElseGet(CjkFont::bundled);
        log.info("Reports render Chinese with {}", font.source());
        return font;
    }

    /** The Noto Sans SC font the build put on the classpath. */
    static CjkFont bundled() {
        byte[] bytes;
        try (InputStream in = CjkFont.class.getResourceAsStream(BUNDLED)) {
            if (in == null) {
                throw new LakeLabException(
                        ErrorCategory.INTERNAL,
                        "The platform was built without its bundled CJK font (" + BUNDLED + " is not on the"
                                + " classpath): build it with ./lakelab build or ./mvnw package, which fetch it.");
            }
            bytes = in.readAllBytes();
        } catch (IOException e) {
            throw new LakeLabException(
                    ErrorCategory.INTERNAL, "Cannot read the bundled CJK font: " + e.getMessage(), e);
        }
        try {
            return load("bundled Noto Sans SC", "NotoSansSC-Regular.ttf", bytes);
        } catch (IOException | DocumentException | FontFormatException e) {
            throw new LakeLabException(ErrorCategory.INTERNAL, "The bundled CJK font is damaged: " + e.getMessage(), e);
        }
    }

    /** A font file of the host's, or empty (with a warning saying why) when it cannot serve. */
    private static Optional<CjkFont> file(Path file) {
        String fallback = ". Reports use the bundled Noto Sans SC instead.";
        if (!Files.isRegularFile(file)) {
            log.warn("CJK font {} does not exist{}", file, fallback);
            return Optional.empty();
        }
        try {
            String name = file.getFileName().toString();
            // A TrueType collection is opened by the index of its face.
            String pdfName = name.toLowerCase().endsWith(".ttc") ? name + ",0" : name;
            CjkFont font = load(file.toString(), pdfName, Files.readAllBytes(file));
            return Optional.of(font);
        } catch (IOException | FontFormatException | RuntimeException e) {
            log.warn("CJK font {} cannot be used ({}){}", file, e.getMessage(), fallback);
            return Optional.empty();
        }
    }

    /** Opens the font for PDF and AWT; OpenPDF fails with a DocumentException on bytes that are no font. */
    private static CjkFont load(String source, String pdfName, byte[] bytes) throws IOException, FontFormatException {
        BaseFont pdf = BaseFont.createFont(pdfName, BaseFont.IDENTITY_H, BaseFont.EMBEDDED, false, bytes, null);
        if (!pdf.charExists(PROBE)) {
            throw new FontFormatException("it has no Chinese glyphs");
        }
        java.awt.Font awt = java.awt.Font.createFonts(new ByteArrayInputStream(bytes))[0];
        // Registered so chart text that names the family (not only our explicit fonts) finds it.
        GraphicsEnvironment.getLocalGraphicsEnvironment().registerFont(awt);
        return new CjkFont(source, pdf, awt);
    }

    /** Where the font came from: a file path or "bundled Noto Sans SC". */
    String source() {
        return source;
    }

    /** The font PDFs embed (with Identity-H encoding, so any Unicode text renders). */
    BaseFont pdf() {
        return pdf;
    }

    /** The same font for charts (AWT, 1 pt plain as loaded: derive the size and style to draw with). */
    java.awt.Font awt() {
        return awt;
    }
}
