package io.lakelab.platform.report;

import java.nio.file.Path;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Report rendering: the CJK font PDFs and charts use, and how many days ahead a grant counts as
 * near expiry. Reports render with the Noto Sans SC font the build bundles unless the host names
 * its own: {@code cjkFont}, one font file (.ttf, .otf or .ttc with Chinese glyphs), or
 * {@code fontSearchPath}, system font files of which the first present one is used (none by
 * default, so every machine renders the same PDF). A named font that is missing or unusable is
 * logged and the bundled one used instead.
 */
@ConfigurationProperties("lakelab.reports")
public record ReportProperties(Path cjkFont, Integer nearExpiryDays, List<Path> fontSearchPath) {

    public ReportProperties {
        nearExpiryDays = nearExpiryDays == null ? 30 : nearExpiryDays;
        fontSearchPath = fontSearchPath == null ? List.of() : List.copyOf(fontSearchPath);
    }
}
