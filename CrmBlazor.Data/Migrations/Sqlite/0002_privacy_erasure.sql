-- PIPL erasure: contacts remember when they were anonymised; tombstones keep a one-way hash of
-- each erased person's natural key so a re-import cannot bring them back.
ALTER TABLE "Contacts" ADD "ErasedAt" TEXT NULL;

CREATE TABLE "ErasureTombstones" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_ErasureTombstones" PRIMARY KEY AUTOINCREMENT,
    "KeyHash" TEXT NOT NULL,
    "Kind" TEXT NOT NULL,
    "ErasedAt" TEXT NOT NULL,
    "ErasedById" TEXT NULL
);

CREATE UNIQUE INDEX "IX_ErasureTombstones_KeyHash" ON "ErasureTombstones" ("KeyHash");
