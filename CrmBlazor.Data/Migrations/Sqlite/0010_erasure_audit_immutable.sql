-- PIPL erasure of a whole customer (a natural person, or a company's personal contact data): the
-- customer remembers when it was anonymised, as contacts already do (0002).
ALTER TABLE "Customers" ADD "ErasedAt" TEXT NULL;

-- The audit trail is append-only: no statement may change or remove an entry, whoever runs it
-- (the app offers no way to, and this refuses a way round it). Erasure never needs to touch
-- audit rows: personal values in them are masked when written.
CREATE TRIGGER "TR_AuditEntries_NoUpdate" BEFORE UPDATE ON "AuditEntries"
BEGIN
    SELECT RAISE(ABORT, 'Audit entries cannot be changed.');
END;

CREATE TRIGGER "TR_AuditEntries_NoDelete" BEFORE DELETE ON "AuditEntries"
BEGIN
    SELECT RAISE(ABORT, 'Audit entries cannot be deleted.');
END;
