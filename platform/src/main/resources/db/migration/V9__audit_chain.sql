-- Tamper-evident audit: every record of audit_events carries the SHA-256 of its canonical content
-- chained to the previous record's hash (computed by the platform, see AuditChain and
-- docs/security.md#audit). The table is insert-only: triggers refuse UPDATE, DELETE and TRUNCATE for
-- every role that does not switch triggers off (which needs the table's owner or a superuser).

ALTER TABLE audit_events
    ADD COLUMN prev_hash CHAR(64),
    ADD COLUMN hash      CHAR(64);

-- Records written before this migration have no hash yet: the platform seals them into the chain,
-- in id order, before it appends the next record (the only UPDATE the trigger lets through). Only
-- those: a record without a hash written later (around the platform) stays unsealed and verify
-- reports it.
CREATE INDEX audit_events_unsealed ON audit_events (id) WHERE hash IS NULL;

-- Trino posts each query event once, but retries on errors: one record per query and event kind.
CREATE UNIQUE INDEX audit_events_trino_query ON audit_events (action, (details ->> 'queryId'))
    WHERE action IN ('trino.query.created', 'trino.query');

-- The chain's head: one row, locked (SELECT ... FOR UPDATE) by every append, so concurrent writers
-- append one after the other and each links to the record before it.
CREATE TABLE audit_chain_head (
    singleton BOOLEAN  PRIMARY KEY DEFAULT TRUE CHECK (singleton),
    last_id   BIGINT   NOT NULL,
    hash      CHAR(64) NOT NULL,
    records   BIGINT   NOT NULL,
    -- The last record written before this migration: only records up to it may be sealed.
    legacy_last_id BIGINT NOT NULL
);
INSERT INTO audit_chain_head (last_id, hash, records, legacy_last_id)
    VALUES (0, repeat('0', 64), 0, (SELECT coalesce(max(id), 0) FROM audit_events));

CREATE FUNCTION audit_events_insert_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'INSERT' THEN
        IF NEW.hash IS NULL OR NEW.prev_hash IS NULL THEN
            RAISE EXCEPTION 'audit_events records must carry prev_hash and hash (append through the platform)';
        END IF;
        RETURN NEW;
    END IF;
    IF TG_OP = 'UPDATE' AND OLD.hash IS NULL AND NEW.hash IS NOT NULL AND NEW.prev_hash IS NOT NULL
            AND OLD.id <= (SELECT legacy_last_id FROM audit_chain_head)
            AND (NEW.id, NEW.at, NEW.actor, NEW.action, NEW.resource, NEW.outcome, NEW.details)
                IS NOT DISTINCT FROM (OLD.id, OLD.at, OLD.actor, OLD.action, OLD.resource, OLD.outcome, OLD.details) THEN
        RETURN NEW; -- sealing a record written before the chain existed
    END IF;
    RAISE EXCEPTION 'audit_events is insert-only: % refused', TG_OP;
END;
$$;

CREATE TRIGGER audit_events_insert_only BEFORE INSERT OR UPDATE OR DELETE ON audit_events
    FOR EACH ROW EXECUTE FUNCTION audit_events_insert_only();
CREATE TRIGGER audit_events_no_truncate BEFORE TRUNCATE ON audit_events
    FOR EACH STATEMENT EXECUTE FUNCTION audit_events_insert_only();
