package io.lakelab.platform.report;

import java.nio.file.Path;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Report rendering: the CJK font PDFs embed (a .ttf, .otf or .ttc; empty = look in the usual
 * system places, {@link CjkFont#CANDIDATES}) and how many days ahead a grant counts as near expiry.
 */
@ConfigurationProperties("lakelab.reports")
public record ReportProperties(Path cjkFont, Integer nearExpiryDays, List<Path> fontSearchPath) {

    public ReportProperties {
        nearExpiryDays = nearExpiryDays == null ? 30 : nearExpiryDays;
        fontSearchPath = fontSearchPath == null ? CjkFont.CANDIDATES : List.copyOf(fontSearchPath);
    }
}
