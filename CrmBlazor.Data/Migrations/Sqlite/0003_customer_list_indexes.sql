-- The customer list's common sorts and filters stay index-backed at a million customers
-- (bench/customer-list): an account manager's own list by number, last order or spend; a stage
-- sorted by last order; spend and level across everyone.
CREATE INDEX "IX_Customers_OwnerId_Number" ON "Customers" ("OwnerId", "Number");
CREATE INDEX "IX_Customers_OwnerId_LastOrderDate" ON "Customers" ("OwnerId", "LastOrderDate");
CREATE INDEX "IX_Customers_OwnerId_TotalSpend" ON "Customers" ("OwnerId", "TotalSpend");
CREATE INDEX "IX_Customers_Stage_LastOrderDate_Id" ON "Customers" ("Stage", "LastOrderDate", "Id");
CREATE INDEX "IX_Customers_TotalSpend" ON "Customers" ("TotalSpend");
CREATE INDEX "IX_Customers_LevelCode" ON "Customers" ("LevelCode");
-- region + industry (sorted by name) and level (sorted by stage entry), the composition filters
-- managers combine most; without them SQLite sorts 20–200 k rows per page at a million customers.
CREATE INDEX "IX_Customers_RegionCode_IndustryCode_Name" ON "Customers" ("RegionCode", "IndustryCode", "Name");
CREATE INDEX "IX_Customers_LevelCode_StageEnteredAt_Id" ON "Customers" ("LevelCode", "StageEnteredAt", "Id");
-- an account manager's own list searched by name (the name index scan stays within their rows)
-- and filtered by level sorted by stage entry
CREATE INDEX "IX_Customers_OwnerId_Name" ON "Customers" ("OwnerId", "Name");
CREATE INDEX "IX_Customers_OwnerId_LevelCode_StageEnteredAt" ON "Customers" ("OwnerId", "LevelCode", "StageEnteredAt");
-- everyone's list by last order: the id tie-breaker inside the index, so the customers without an
-- order (one tie of ~12 %) need no sort on PostgreSQL
CREATE INDEX "IX_Customers_LastOrderDate_Id" ON "Customers" ("LastOrderDate", "Id");
