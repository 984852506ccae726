-- Customer name search by any part of the name (customer list, contribution report): a trigram
-- index, so a search of three or more characters reads the matching names instead of scanning a
-- million (bench/customer-list, bench/reports; docs/decisions/010). External content: the names stay
-- only in "Customers"; the triggers keep the index in step with every writer, bulk ones included.
-- Not part of the EF model (SchemaInspector leaves virtual tables and their shadow tables out).
CREATE VIRTUAL TABLE "CustomerNameSearch" USING fts5("Name", content='Customers', content_rowid='Id', tokenize='trigram case_sensitive 0');

CREATE TRIGGER "TR_Customers_NameSearch_Insert" AFTER INSERT ON "Customers"
BEGIN
    INSERT INTO "CustomerNameSearch" (rowid, "Name") VALUES (NEW."Id", NEW."Name");
END;

CREATE TRIGGER "TR_Customers_NameSearch_Update" AFTER UPDATE OF "Id", "Name" ON "Customers"
WHEN NEW."Name" IS NOT OLD."Name" OR NEW."Id" IS NOT OLD."Id"
BEGIN
    INSERT INTO "CustomerNameSearch" ("CustomerNameSearch", rowid, "Name") VALUES ('delete', OLD."Id", OLD."Name");
    INSERT INTO "CustomerNameSearch" (rowid, "Name") VALUES (NEW."Id", NEW."Name");
END;

CREATE TRIGGER "TR_Customers_NameSearch_Delete" AFTER DELETE ON "Customers"
BEGIN
    INSERT INTO "CustomerNameSearch" ("CustomerNameSearch", rowid, "Name") VALUES ('delete', OLD."Id", OLD."Name");
END;

-- the customers already there
INSERT INTO "CustomerNameSearch" ("CustomerNameSearch") VALUES ('rebuild');
