-- Tag-driven masks (issue 9): which of a grant's masks came from column tags rather than from the
-- administrator, and which sensitive (e.g. PII) columns the administrator acknowledged granting
-- unmasked. Both are part of what was decided, so they are kept with the grant and audited.
ALTER TABLE grants
    ADD COLUMN default_masks jsonb NOT NULL DEFAULT '{}'::jsonb,
    ADD COLUMN acknowledged_unmasked text[] NOT NULL DEFAULT '{}';
