-- Customer name search by any part of the name (customer list, contribution report): a trigram
-- GIN index, so "Name" ILIKE '%…%' of three or more characters reads the matching names instead of
-- scanning a million (docs/decisions/010). pg_trgm is a trusted extension: the database owner may
-- create it. The EF model declares both (CustomerNameSearchIndex), so the schema check sees them.
CREATE EXTENSION IF NOT EXISTS pg_trgm;
CREATE INDEX "IX_Customers_Name_Trgm" ON "Customers" USING gin ("Name" gin_trgm_ops);
