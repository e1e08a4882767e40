-- Emergency freezes (应急处置): a lab or a dataset stopped at once, and lifted later by a second
-- administrator. An open incident (resolved_at IS NULL) is what keeps its target frozen: nothing
-- else changes (grants, members and lab status stay as they were), so lifting it restores them.
CREATE TABLE incidents (
    id            BIGSERIAL PRIMARY KEY,
    kind          VARCHAR(10)  NOT NULL CHECK (kind IN ('LAB', 'DATASET')),
    target        VARCHAR(200) NOT NULL,
    target_table  VARCHAR(200),
    reason        TEXT         NOT NULL,
    frozen_by     VARCHAR(100) NOT NULL,
    frozen_at     TIMESTAMPTZ  NOT NULL DEFAULT now(),
    stopped       JSONB        NOT NULL DEFAULT '{}',
    resolved_by   VARCHAR(100),
    resolved_at   TIMESTAMPTZ,
    resolution    TEXT,
    CHECK ((resolved_at IS NULL) = (resolved_by IS NULL))
);
-- At most one open freeze per target.
CREATE UNIQUE INDEX incidents_open_target ON incidents (kind, target) WHERE resolved_at IS NULL;
