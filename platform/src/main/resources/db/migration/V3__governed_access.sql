-- Governed access: access requests, fine-grained grants (columns, row filter, masks, expiry),
-- versioned data-use agreements with acceptances, and the versions of the compiled Ranger policies.

CREATE TABLE access_requests (
    id            BIGSERIAL PRIMARY KEY,
    lab_id        BIGINT       NOT NULL REFERENCES labs (id),
    dataset_id    BIGINT       NOT NULL REFERENCES datasets (id),
    purpose       TEXT         NOT NULL,
    columns       TEXT[]       NOT NULL DEFAULT '{}',
    days          INT          NOT NULL CHECK (days > 0),
    state         VARCHAR(10)  NOT NULL DEFAULT 'PENDING' CHECK (state IN ('PENDING', 'APPROVED', 'REJECTED')),
    requested_by  VARCHAR(100) NOT NULL,
    requested_at  TIMESTAMPTZ  NOT NULL DEFAULT now(),
    decided_by    VARCHAR(100),
    decided_at    TIMESTAMPTZ,
    reason        TEXT,
    grant_id      BIGINT
);
CREATE INDEX access_requests_lab_state ON access_requests (lab_id, state);

-- A grant now says what may be read and how. Expired grants are kept; they stop counting by time.
ALTER TABLE grants
    ADD COLUMN purpose    TEXT        NOT NULL DEFAULT '',
    ADD COLUMN columns    TEXT[]      NOT NULL DEFAULT '{}',
    ADD COLUMN row_filter TEXT,
    ADD COLUMN masks      JSONB       NOT NULL DEFAULT '{}',
    ADD COLUMN expires_at TIMESTAMPTZ,
    ADD COLUMN request_id BIGINT REFERENCES access_requests (id);
ALTER TABLE access_requests ADD CONSTRAINT access_requests_grant FOREIGN KEY (grant_id) REFERENCES grants (id);

-- An expired grant must not block a new one, so "one live grant per lab and dataset" is checked by
-- the service (time is not usable in an index predicate).
DROP INDEX grants_active;
CREATE INDEX grants_lab_dataset ON grants (lab_id, dataset_id) WHERE revoked_at IS NULL;

CREATE TABLE data_use_agreements (
    id          BIGSERIAL PRIMARY KEY,
    dataset_id  BIGINT       NOT NULL REFERENCES datasets (id),
    version     VARCHAR(40)  NOT NULL,
    text        TEXT         NOT NULL,
    created_by  VARCHAR(100) NOT NULL,
    created_at  TIMESTAMPTZ  NOT NULL DEFAULT now(),
    UNIQUE (dataset_id, version)
);

CREATE TABLE agreement_acceptances (
    id            BIGSERIAL PRIMARY KEY,
    agreement_id  BIGINT       NOT NULL REFERENCES data_use_agreements (id),
    lab_id        BIGINT       NOT NULL REFERENCES labs (id),
    accepted_by   VARCHAR(100) NOT NULL,
    accepted_at   TIMESTAMPTZ  NOT NULL DEFAULT now(),
    UNIQUE (agreement_id, lab_id)
);

-- Monotonic versions of what the Ranger download API serves: bumped when the content's fingerprint
-- changes (grants, labs or memberships changed), so unchanged content answers 304.
CREATE TABLE policy_versions (
    service      VARCHAR(64)  PRIMARY KEY,
    version      BIGINT       NOT NULL,
    fingerprint  CHAR(64)     NOT NULL,
    updated_at   TIMESTAMPTZ  NOT NULL DEFAULT now()
);
