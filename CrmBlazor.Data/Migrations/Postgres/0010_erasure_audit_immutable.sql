-- PIPL erasure of a whole customer (a natural person, or a company's personal contact data): the
-- customer remembers when it was anonymised, as contacts already do (0002).
ALTER TABLE "Customers" ADD "ErasedAt" timestamp with time zone;

-- The audit trail is append-only: no statement may change or remove an entry, whoever runs it
-- (the app offers no way to, and this refuses a way round it). Erasure never needs to touch
-- audit rows: personal values in them are masked when written.
CREATE FUNCTION "audit_entries_append_only"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'Audit entries cannot be changed or deleted.';
END
$$;

CREATE TRIGGER "TR_AuditEntries_NoChange" BEFORE UPDATE OR DELETE ON "AuditEntries"
    FOR EACH ROW EXECUTE FUNCTION "audit_entries_append_only"();

CREATE TRIGGER "TR_AuditEntries_NoTruncate" BEFORE TRUNCATE ON "AuditEntries"
    FOR EACH STATEMENT EXECUTE FUNCTION "audit_entries_append_only"();
