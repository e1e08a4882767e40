-- Data quality: the profile of each successful ingestion, kept with the snapshot it committed
-- (rows, nulls and distinct values per column, whitespace and spelling counts, rule results) and
-- the warnings the ingestion returned. Nothing here is updated: a new snapshot gets a new row.

ALTER TABLE ingestions ADD COLUMN encoding VARCHAR(20);

CREATE TABLE quality_profiles (
    id            BIGSERIAL PRIMARY KEY,
    dataset_id    BIGINT       NOT NULL REFERENCES datasets (id),
    ingestion_id  BIGINT       NOT NULL REFERENCES ingestions (id),
    snapshot_id   BIGINT       NOT NULL,
    total_rows    BIGINT       NOT NULL,
    profile       JSONB        NOT NULL,
    warnings      JSONB        NOT NULL DEFAULT '[]',
    created_at    TIMESTAMPTZ  NOT NULL DEFAULT now(),
    UNIQUE (dataset_id, snapshot_id)
);
CREATE INDEX quality_profiles_latest ON quality_profiles (dataset_id, id DESC);
