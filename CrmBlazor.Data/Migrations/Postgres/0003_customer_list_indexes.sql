-- The customer list's common sorts and filters stay index-backed at a million customers
-- (bench/customer-list): an account manager's own list by number, last order or spend; a stage
-- sorted by last order; spend and level across everyone.
CREATE INDEX "IX_Customers_OwnerId_Number" ON "Customers" ("OwnerId", "Number");
CREATE INDEX "IX_Customers_OwnerId_LastOrderDate" ON "Customers" ("OwnerId", "LastOrderDate");
CREATE INDEX "IX_Customers_OwnerId_TotalSpend" ON "Customers" ("OwnerId", "TotalSpend");
CREATE INDEX "IX_Customers_Stage_LastOrderDate" ON "Customers" ("Stage", "LastOrderDate");
CREATE INDEX "IX_Customers_TotalSpend" ON "Customers" ("TotalSpend");
CREATE INDEX "IX_Customers_LevelCode" ON "Customers" ("LevelCode");
