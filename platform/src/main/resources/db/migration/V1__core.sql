-- Core metadata: labs, catalog, ingestions, grants, audit.

CREATE TABLE labs (
    id          BIGSERIAL PRIMARY KEY,
    code        VARCHAR(31)  NOT NULL UNIQUE,
    name_zh     VARCHAR(200) NOT NULL,
    name_en     VARCHAR(200) NOT NULL,
    direction   VARCHAR(40)  NOT NULL,
    lead_unit   VARCHAR(200) NOT NULL,
    workspace   VARCHAR(64)  NOT NULL UNIQUE,
    created_by  VARCHAR(100) NOT NULL,
    created_at  TIMESTAMPTZ  NOT NULL DEFAULT now()
);

CREATE TABLE lab_co_builders (
    lab_id  BIGINT       NOT NULL REFERENCES labs (id) ON DELETE CASCADE,
    name    VARCHAR(200) NOT NULL,
    role    VARCHAR(20)  NOT NULL,
    PRIMARY KEY (lab_id, name, role)
);

CREATE TABLE datasets (
    id             BIGSERIAL PRIMARY KEY,
    name           VARCHAR(63)  NOT NULL UNIQUE,
    title_zh       VARCHAR(200) NOT NULL,
    title_en       VARCHAR(200) NOT NULL,
    description    TEXT         NOT NULL DEFAULT '',
    kind           VARCHAR(10)  NOT NULL,
    provider       VARCHAR(200) NOT NULL,
    open_category  VARCHAR(20),
    grade          VARCHAR(10)  NOT NULL,
    tags           TEXT[]       NOT NULL DEFAULT '{}',
    schema_json    JSONB        NOT NULL,
    table_namespace VARCHAR(64) NOT NULL,
    table_name     VARCHAR(63)  NOT NULL,
    owner_lab_id   BIGINT REFERENCES labs (id),
    registered_by  VARCHAR(100) NOT NULL,
    registered_at  TIMESTAMPTZ  NOT NULL DEFAULT now(),
    row_count      BIGINT,
    snapshot_id    BIGINT,
    updated_at     TIMESTAMPTZ,
    search_text    TEXT         NOT NULL DEFAULT '',
    UNIQUE (table_namespace, table_name),
    CHECK (kind IN ('PUBLIC', 'SOCIAL', 'DERIVED')),
    CHECK ((kind = 'PUBLIC') = (open_category IS NOT NULL))
);
CREATE INDEX datasets_tags ON datasets USING GIN (tags);

CREATE TABLE ingestions (
    id           BIGSERIAL PRIMARY KEY,
    dataset_id   BIGINT       NOT NULL REFERENCES datasets (id),
    format       VARCHAR(10)  NOT NULL,
    mode         VARCHAR(10)  NOT NULL,
    source       VARCHAR(500) NOT NULL,
    state        VARCHAR(10)  NOT NULL,
    rows_written BIGINT,
    snapshot_id  BIGINT,
    error        TEXT,
    created_by   VARCHAR(100) NOT NULL,
    created_at   TIMESTAMPTZ  NOT NULL DEFAULT now()
);

CREATE TABLE grants (
    id          BIGSERIAL PRIMARY KEY,
    lab_id      BIGINT       NOT NULL REFERENCES labs (id),
    dataset_id  BIGINT       NOT NULL REFERENCES datasets (id),
    granted_by  VARCHAR(100) NOT NULL,
    granted_at  TIMESTAMPTZ  NOT NULL DEFAULT now(),
    revoked_by  VARCHAR(100),
    revoked_at  TIMESTAMPTZ
);
CREATE UNIQUE INDEX grants_active ON grants (lab_id, dataset_id) WHERE revoked_at IS NULL;

CREATE TABLE audit_events (
    id        BIGSERIAL PRIMARY KEY,
    at        TIMESTAMPTZ  NOT NULL DEFAULT now(),
    actor     VARCHAR(100) NOT NULL,
    action    VARCHAR(100) NOT NULL,
    resource  VARCHAR(300) NOT NULL,
    outcome   VARCHAR(10)  NOT NULL,
    details   JSONB        NOT NULL DEFAULT '{}'
);
CREATE INDEX audit_events_at ON audit_events (at);
