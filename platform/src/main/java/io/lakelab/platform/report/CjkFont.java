package io.lakelab.platform.report;

import io.lakelab.catalog.ErrorCategory;
import io.lakelab.catalog.LakeLabException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Finds the font that makes Chinese text render in PDFs and charts. PDF's standard fonts have no
 * CJK glyphs, and OpenPDF's CJK add-on fonts are not embedded, so a real font file is embedded.
 */
final class CjkFont {

    /** Where Debian/Ubuntu and Red Hat family packages put TrueType CJK fonts, best first. */
    static final List<Path> CANDIDATES = List.of(
            Path.of("/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc"),
            Path.of("/usr/share/fonts/truetype/wqy/wqy-microhei.ttc"),
            Path.of("/usr/share/fonts/wqy-zenhei/wqy-zenhei.ttc"),
            Path.of("/usr/share/fonts/wqy-microhei/wqy-microhei.ttc"),
            Path.of("/usr/share/fonts/truetype/arphic/uming.ttc"),
            Path.of("/usr/share/fonts/truetype/droid/DroidSansFallbackFull.ttf"),
            Path.of("/usr/share/fonts/google-droid/DroidSansFallback.ttf"),
            Path.of("/System/Library/Fonts/Supplemental/Songti.ttc"),
            Path.of("C:/Windows/Fonts/simsun.ttc"));

    private CjkFont() {}

    /** The configured font, or the first candidate present; an error saying what to install otherwise. */
    static Path locate(ReportProperties properties) {
        if (properties.cjkFont() != null) {
            if (Files.isRegularFile(properties.cjkFont())) {
                return properties.cjkFont();
            }
            throw new LakeLabException(
                    ErrorCategory.INTERNAL,
                    "The CJK font lakelab.reports.cjk-font=" + properties.cjkFont()
                            + " does not exist: point it at a .ttf or .ttc font with Chinese glyphs.");
        }
        return properties.fontSearchPath().stream()
                .filter(Files::isRegularFile)
                .findFirst()
                .orElseThrow(() -> new LakeLabException(
                        ErrorCategory.INTERNAL,
                        "No CJK font found to render Chinese text in PDF reports (looked for "
                                + properties.fontSearchPath().stream()
                                        .map(Path::toString)
                                        .collect(Collectors.joining(", "))
                                + "). Install one — on Debian/Ubuntu: apt-get install fonts-wqy-zenhei; on"
                                + " Fedora/RHEL: dnf install wqy-zenhei-fonts — or set lakelab.reports.cjk-font to"
                                + " a TrueType font file with Chinese glyphs."));
    }

    /** The name OpenPDF opens the font by: a TrueType collection needs the index of the face. */
    static String pdfName(Path font) {
        String name = font.toAbsolutePath().toString();
        return name.toLowerCase().endsWith(".ttc") ? name + ",0" : name;
    }
}
