-- The lab programme (沪经信推〔2021〕790号): applications with their construction plan, expert
-- opinions, every lifecycle transition, evaluations, and issued monthly reports. Nothing here is
-- ever deleted: a delisted lab keeps its record, its plan and its reports.

-- A lab is ACTIVE, or FROZEN (read-only and archived: delisted, or stopped in an emergency).
ALTER TABLE labs
    ADD COLUMN status        VARCHAR(10) NOT NULL DEFAULT 'ACTIVE' CHECK (status IN ('ACTIVE', 'FROZEN')),
    ADD COLUMN frozen_at     TIMESTAMPTZ,
    ADD COLUMN frozen_by     VARCHAR(100),
    ADD COLUMN frozen_reason TEXT;

CREATE TABLE lab_applications (
    id               BIGSERIAL PRIMARY KEY,
    lab_code         VARCHAR(31)  NOT NULL,
    state            VARCHAR(20)  NOT NULL,
    plan             JSONB        NOT NULL,
    report_language  VARCHAR(5)   NOT NULL CHECK (report_language IN ('ZH_CN', 'EN')),
    applied_by       VARCHAR(100) NOT NULL,
    applied_at       TIMESTAMPTZ  NOT NULL DEFAULT now(),
    lab_id           BIGINT REFERENCES labs (id),
    pilot_start      DATE,
    pilot_end        DATE,
    updated_at       TIMESTAMPTZ  NOT NULL DEFAULT now()
);
-- One live application per lab code; a rejected one does not block applying again.
CREATE UNIQUE INDEX lab_applications_code ON lab_applications (lab_code) WHERE state <> 'REJECTED';

CREATE TABLE lab_application_opinions (
    id              BIGSERIAL PRIMARY KEY,
    application_id  BIGINT       NOT NULL REFERENCES lab_applications (id),
    reviewer        VARCHAR(100) NOT NULL,
    recommendation  VARCHAR(10)  NOT NULL CHECK (recommendation IN ('APPROVE', 'REJECT', 'REVISE')),
    opinion         TEXT         NOT NULL,
    recorded_at     TIMESTAMPTZ  NOT NULL DEFAULT clock_timestamp()
);

-- Every transition, with who, why and what it did (details).
CREATE TABLE lab_application_transitions (
    id              BIGSERIAL PRIMARY KEY,
    application_id  BIGINT       NOT NULL REFERENCES lab_applications (id),
    action          VARCHAR(20)  NOT NULL,
    from_state      VARCHAR(20)  NOT NULL,
    to_state        VARCHAR(20)  NOT NULL,
    actor           VARCHAR(100) NOT NULL,
    reason          TEXT,
    details         JSONB        NOT NULL DEFAULT '{}',
    at              TIMESTAMPTZ  NOT NULL DEFAULT clock_timestamp()
);

CREATE TABLE lab_evaluations (
    id              BIGSERIAL PRIMARY KEY,
    application_id  BIGINT       NOT NULL REFERENCES lab_applications (id),
    evaluated_by    VARCHAR(100) NOT NULL,
    evaluated_at    TIMESTAMPTZ  NOT NULL DEFAULT clock_timestamp(),
    recommendation  VARCHAR(20)  NOT NULL,
    result          JSONB        NOT NULL,
    pack_html       BYTEA,
    pack_pdf        BYTEA
);

-- An issued monthly construction report: the numbers as they were and the rendered documents.
CREATE TABLE monthly_reports (
    id          BIGSERIAL PRIMARY KEY,
    lab_id      BIGINT       NOT NULL REFERENCES labs (id),
    month       CHAR(7)      NOT NULL,
    language    VARCHAR(5)   NOT NULL CHECK (language IN ('ZH_CN', 'EN')),
    issued_by   VARCHAR(100) NOT NULL,
    issued_at   TIMESTAMPTZ  NOT NULL DEFAULT clock_timestamp(),
    numbers     JSONB        NOT NULL,
    html        BYTEA        NOT NULL,
    pdf         BYTEA        NOT NULL,
    sha256      CHAR(64)     NOT NULL,
    UNIQUE (lab_id, month)
);
