-- Job runs, their lineage, and lab indicators with their computed values.

CREATE TABLE job_runs (
    id                 VARCHAR(40)  PRIMARY KEY,
    lab_id             BIGINT       NOT NULL REFERENCES labs (id),
    name               VARCHAR(200) NOT NULL,
    kind               VARCHAR(20)  NOT NULL,
    statements         JSONB        NOT NULL,
    state              VARCHAR(10)  NOT NULL,
    submitted_by       VARCHAR(100) NOT NULL,
    submitted_at       TIMESTAMPTZ  NOT NULL DEFAULT clock_timestamp(),
    started_at         TIMESTAMPTZ,
    finished_at        TIMESTAMPTZ,
    progress_done      INT          NOT NULL DEFAULT 0,
    progress_total     INT          NOT NULL DEFAULT 0,
    progress_message   TEXT,
    error              TEXT,
    pid                BIGINT,
    exit_code          INT,
    workspace_snapshot JSONB,
    inputs             JSONB        NOT NULL DEFAULT '[]',
    outputs            JSONB        NOT NULL DEFAULT '[]',
    CHECK (state IN ('QUEUED', 'RUNNING', 'SUCCEEDED', 'FAILED', 'CANCELLED')),
    CHECK (kind IN ('SQL', 'INDICATOR_REFRESH'))
);
CREATE INDEX job_runs_lab ON job_runs (lab_id, submitted_at);
CREATE INDEX job_runs_active ON job_runs (state) WHERE state IN ('QUEUED', 'RUNNING');

-- The OpenLineage run events a run emitted, verbatim.
CREATE TABLE lineage_events (
    id      BIGSERIAL PRIMARY KEY,
    run_id  VARCHAR(40) NOT NULL REFERENCES job_runs (id),
    seq     INT         NOT NULL,
    event   JSONB       NOT NULL,
    UNIQUE (run_id, seq)
);

-- One edge per (statement, source table, target table) of a successful run, with the snapshot ids
-- read and written. Tables are qualified namespace.table names.
CREATE TABLE lineage_edges (
    id                 BIGSERIAL PRIMARY KEY,
    run_id             VARCHAR(40)  NOT NULL REFERENCES job_runs (id),
    statement          INT          NOT NULL,
    source_table       VARCHAR(130) NOT NULL,
    source_snapshot_id BIGINT,
    target_table       VARCHAR(130) NOT NULL,
    target_snapshot_id BIGINT
);
CREATE INDEX lineage_edges_source ON lineage_edges (source_table);
CREATE INDEX lineage_edges_target ON lineage_edges (target_table);

CREATE TABLE indicators (
    id          BIGSERIAL PRIMARY KEY,
    lab_id      BIGINT           NOT NULL REFERENCES labs (id),
    code        VARCHAR(63)      NOT NULL,
    name_zh     VARCHAR(200)     NOT NULL,
    name_en     VARCHAR(200)     NOT NULL,
    unit        VARCHAR(40)      NOT NULL,
    target      DOUBLE PRECISION NOT NULL,
    direction   VARCHAR(10)      NOT NULL,
    sql         TEXT             NOT NULL,
    tables      TEXT[]           NOT NULL DEFAULT '{}',
    defined_by  VARCHAR(100)     NOT NULL,
    defined_at  TIMESTAMPTZ      NOT NULL DEFAULT now(),
    UNIQUE (lab_id, code),
    CHECK (direction IN ('AT_LEAST', 'AT_MOST'))
);

-- Each computation of an indicator by a job run, with the table snapshots it read.
CREATE TABLE indicator_values (
    id            BIGSERIAL PRIMARY KEY,
    indicator_id  BIGINT           NOT NULL REFERENCES indicators (id) ON DELETE CASCADE,
    run_id        VARCHAR(40)      NOT NULL REFERENCES job_runs (id),
    value         DOUBLE PRECISION,
    error         TEXT,
    tables        JSONB            NOT NULL DEFAULT '[]',
    computed_at   TIMESTAMPTZ      NOT NULL DEFAULT clock_timestamp()
);
CREATE INDEX indicator_values_indicator ON indicator_values (indicator_id, computed_at DESC);
