package io.lakelab.platform.report;

import java.time.Instant;
import tools.jackson.databind.JsonNode;

/**
 * An issued monthly report: the month, its language, who issued it and when, the SHA-256 of its
 * PDF, the archived numbers, where its documents are, and whether this request issued it (false:
 * it was already archived and is returned as it was).
 */
public record MonthlyReport(
        String lab,
        String month,
        String language,
        String issuedBy,
        Instant issuedAt,
        String sha256,
        boolean newlyIssued,
        String html,
        String pdf,
        JsonNode numbers) {}
