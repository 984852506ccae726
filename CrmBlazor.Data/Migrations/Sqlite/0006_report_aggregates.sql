-- Executive reports at a million customers (bench/reports): three aggregates the database keeps
-- up to date itself, by triggers, so that every writer — EF Core, the bulk seeder, the import, the
-- lifecycle recompute — maintains them and none can forget. Missing dimensions are stored as ''
-- (0 for ratings) so they take part in the keys. Dimensions are the customer's current ones.

-- Customer composition: customers and spend per combination of owner and the composition dimensions.
CREATE TABLE "ReportCustomerCube" (
    "OwnerId" TEXT NOT NULL,
    "Stage" TEXT NOT NULL,
    "LevelCode" TEXT NOT NULL,
    "RegionCode" TEXT NOT NULL,
    "IndustryCode" TEXT NOT NULL,
    "Credit" INTEGER NOT NULL,
    "Satisfaction" INTEGER NOT NULL,
    "Customers" INTEGER NOT NULL,
    "TotalSpend" REAL NOT NULL,
    CONSTRAINT "PK_ReportCustomerCube" PRIMARY KEY ("OwnerId", "Stage", "LevelCode", "RegionCode", "IndustryCode", "Credit", "Satisfaction")
);

-- Customer contribution: each customer's order amount per calendar year, with the filter dimensions.
-- AmountBin = floor(ln(Amount) × 20) (−1000 for nothing): the 80/20 curve is a histogram over it that
-- streams in index order, and ordering by (AmountBin, Amount) is ordering by amount.
CREATE TABLE "ReportCustomerRevenue" (
    "CustomerId" INTEGER NOT NULL,
    "Year" INTEGER NOT NULL,
    "Amount" REAL NOT NULL,
    "AmountBin" INTEGER NOT NULL,
    "OrderCount" INTEGER NOT NULL,
    "OwnerId" TEXT NOT NULL,
    "Stage" TEXT NOT NULL,
    "LevelCode" TEXT NOT NULL,
    "RegionCode" TEXT NOT NULL,
    "IndustryCode" TEXT NOT NULL,
    CONSTRAINT "PK_ReportCustomerRevenue" PRIMARY KEY ("CustomerId", "Year")
);
CREATE INDEX "IX_ReportCustomerRevenue_Year_AmountBin_Amount" ON "ReportCustomerRevenue" ("Year", "AmountBin", "Amount", "OwnerId", "Stage", "LevelCode", "RegionCode", "IndustryCode", "CustomerId");

-- Lifecycle flows: stage changes per month, from → to, with the weeks spent in the stage left.
CREATE TABLE "ReportStageFlows" (
    "Month" TEXT NOT NULL,
    "FromStage" TEXT NOT NULL,
    "ToStage" TEXT NOT NULL,
    "OwnerId" TEXT NOT NULL,
    "LevelCode" TEXT NOT NULL,
    "RegionCode" TEXT NOT NULL,
    "IndustryCode" TEXT NOT NULL,
    "WeeksInFromStage" INTEGER NOT NULL,
    "Transitions" INTEGER NOT NULL,
    CONSTRAINT "PK_ReportStageFlows" PRIMARY KEY ("Month", "FromStage", "ToStage", "OwnerId", "LevelCode", "RegionCode", "IndustryCode", "WeeksInFromStage")
);

-- churned customers by when their warning was confirmed
CREATE INDEX "IX_ChurnCases_Status_ClosedAt" ON "ChurnCases" ("Status", "ClosedAt");

-- weeks a stage change ends (capped at two years); -1 for a first classification
CREATE VIEW "ReportStageHistoryWeeks" AS
SELECT h."Id", h."CustomerId", substr(h."At", 1, 7) AS "Month", COALESCE(h."FromStage", '') AS "FromStage", h."ToStage",
       CASE WHEN h."FromStage" IS NULL THEN -1 ELSE
           MIN(104, MAX(0, CAST((julianday(h."At") - julianday(COALESCE(
               (SELECT MAX(p."At") FROM "StageHistory" p WHERE p."CustomerId" = h."CustomerId" AND p."At" < h."At"),
               (SELECT c."CreatedAt" FROM "Customers" c WHERE c."Id" = h."CustomerId"), h."At"))) / 7 AS INTEGER))) END AS "Weeks"
FROM "StageHistory" h;

CREATE TRIGGER "TR_Customers_Report_Insert" AFTER INSERT ON "Customers"
BEGIN
    INSERT INTO "ReportCustomerCube" VALUES (COALESCE(NEW."OwnerId", ''), NEW."Stage", COALESCE(NEW."LevelCode", ''), COALESCE(NEW."RegionCode", ''),
        COALESCE(NEW."IndustryCode", ''), COALESCE(NEW."Credit", 0), COALESCE(NEW."Satisfaction", 0), 1, NEW."TotalSpend")
    ON CONFLICT DO UPDATE SET "Customers" = "Customers" + 1, "TotalSpend" = "TotalSpend" + excluded."TotalSpend";
END;

CREATE TRIGGER "TR_Customers_Report_Update" AFTER UPDATE OF "OwnerId", "Stage", "LevelCode", "RegionCode", "IndustryCode", "Credit", "Satisfaction", "TotalSpend" ON "Customers"
WHEN NEW."OwnerId" IS NOT OLD."OwnerId" OR NEW."Stage" IS NOT OLD."Stage" OR NEW."LevelCode" IS NOT OLD."LevelCode"
  OR NEW."RegionCode" IS NOT OLD."RegionCode" OR NEW."IndustryCode" IS NOT OLD."IndustryCode" OR NEW."Credit" IS NOT OLD."Credit"
  OR NEW."Satisfaction" IS NOT OLD."Satisfaction" OR NEW."TotalSpend" IS NOT OLD."TotalSpend"
BEGIN
    UPDATE "ReportCustomerCube" SET "Customers" = "Customers" - 1, "TotalSpend" = "TotalSpend" - OLD."TotalSpend"
    WHERE "OwnerId" = COALESCE(OLD."OwnerId", '') AND "Stage" = OLD."Stage" AND "LevelCode" = COALESCE(OLD."LevelCode", '')
      AND "RegionCode" = COALESCE(OLD."RegionCode", '') AND "IndustryCode" = COALESCE(OLD."IndustryCode", '')
      AND "Credit" = COALESCE(OLD."Credit", 0) AND "Satisfaction" = COALESCE(OLD."Satisfaction", 0);
    INSERT INTO "ReportCustomerCube" VALUES (COALESCE(NEW."OwnerId", ''), NEW."Stage", COALESCE(NEW."LevelCode", ''), COALESCE(NEW."RegionCode", ''),
        COALESCE(NEW."IndustryCode", ''), COALESCE(NEW."Credit", 0), COALESCE(NEW."Satisfaction", 0), 1, NEW."TotalSpend")
    ON CONFLICT DO UPDATE SET "Customers" = "Customers" + 1, "TotalSpend" = "TotalSpend" + excluded."TotalSpend";
    UPDATE "ReportCustomerRevenue" SET "OwnerId" = COALESCE(NEW."OwnerId", ''), "Stage" = NEW."Stage", "LevelCode" = COALESCE(NEW."LevelCode", ''),
        "RegionCode" = COALESCE(NEW."RegionCode", ''), "IndustryCode" = COALESCE(NEW."IndustryCode", '')
    WHERE "CustomerId" = NEW."Id" AND (NEW."OwnerId" IS NOT OLD."OwnerId" OR NEW."Stage" IS NOT OLD."Stage" OR NEW."LevelCode" IS NOT OLD."LevelCode"
        OR NEW."RegionCode" IS NOT OLD."RegionCode" OR NEW."IndustryCode" IS NOT OLD."IndustryCode");
    -- the customer's stage changes move with it to its new owner, level, region, industry
    INSERT INTO "ReportStageFlows"
    SELECT w."Month", w."FromStage", w."ToStage", COALESCE(OLD."OwnerId", ''), COALESCE(OLD."LevelCode", ''), COALESCE(OLD."RegionCode", ''),
           COALESCE(OLD."IndustryCode", ''), w."Weeks", -COUNT(*)
    FROM "ReportStageHistoryWeeks" w
    WHERE w."CustomerId" = NEW."Id" AND (NEW."OwnerId" IS NOT OLD."OwnerId" OR NEW."LevelCode" IS NOT OLD."LevelCode"
        OR NEW."RegionCode" IS NOT OLD."RegionCode" OR NEW."IndustryCode" IS NOT OLD."IndustryCode")
    GROUP BY w."Month", w."FromStage", w."ToStage", w."Weeks"
    ON CONFLICT DO UPDATE SET "Transitions" = "Transitions" + excluded."Transitions";
    INSERT INTO "ReportStageFlows"
    SELECT w."Month", w."FromStage", w."ToStage", COALESCE(NEW."OwnerId", ''), COALESCE(NEW."LevelCode", ''), COALESCE(NEW."RegionCode", ''),
           COALESCE(NEW."IndustryCode", ''), w."Weeks", COUNT(*)
    FROM "ReportStageHistoryWeeks" w
    WHERE w."CustomerId" = NEW."Id" AND (NEW."OwnerId" IS NOT OLD."OwnerId" OR NEW."LevelCode" IS NOT OLD."LevelCode"
        OR NEW."RegionCode" IS NOT OLD."RegionCode" OR NEW."IndustryCode" IS NOT OLD."IndustryCode")
    GROUP BY w."Month", w."FromStage", w."ToStage", w."Weeks"
    ON CONFLICT DO UPDATE SET "Transitions" = "Transitions" + excluded."Transitions";
END;

CREATE TRIGGER "TR_Customers_Report_Delete" BEFORE DELETE ON "Customers"
BEGIN
    UPDATE "ReportCustomerCube" SET "Customers" = "Customers" - 1, "TotalSpend" = "TotalSpend" - OLD."TotalSpend"
    WHERE "OwnerId" = COALESCE(OLD."OwnerId", '') AND "Stage" = OLD."Stage" AND "LevelCode" = COALESCE(OLD."LevelCode", '')
      AND "RegionCode" = COALESCE(OLD."RegionCode", '') AND "IndustryCode" = COALESCE(OLD."IndustryCode", '')
      AND "Credit" = COALESCE(OLD."Credit", 0) AND "Satisfaction" = COALESCE(OLD."Satisfaction", 0);
    DELETE FROM "ReportCustomerRevenue" WHERE "CustomerId" = OLD."Id";
    INSERT INTO "ReportStageFlows"
    SELECT w."Month", w."FromStage", w."ToStage", COALESCE(OLD."OwnerId", ''), COALESCE(OLD."LevelCode", ''), COALESCE(OLD."RegionCode", ''),
           COALESCE(OLD."IndustryCode", ''), w."Weeks", -COUNT(*)
    FROM "ReportStageHistoryWeeks" w WHERE w."CustomerId" = OLD."Id"
    GROUP BY w."Month", w."FromStage", w."ToStage", w."Weeks"
    ON CONFLICT DO UPDATE SET "Transitions" = "Transitions" + excluded."Transitions";
END;

CREATE TRIGGER "TR_Orders_Report_Insert" AFTER INSERT ON "Orders"
BEGIN
    INSERT INTO "ReportCustomerRevenue"
    SELECT NEW."CustomerId", CAST(substr(NEW."OrderDate", 1, 4) AS INTEGER), NEW."Amount", CASE WHEN NEW."Amount" > 0 THEN CAST(floor(ln(NEW."Amount") * 20) AS INTEGER) ELSE -1000 END, 1, COALESCE(c."OwnerId", ''), c."Stage",
           COALESCE(c."LevelCode", ''), COALESCE(c."RegionCode", ''), COALESCE(c."IndustryCode", '')
    FROM "Customers" c WHERE c."Id" = NEW."CustomerId"
    ON CONFLICT DO UPDATE SET "Amount" = "Amount" + excluded."Amount", "OrderCount" = "OrderCount" + 1,
        "AmountBin" = CASE WHEN ("Amount" + excluded."Amount") > 0 THEN CAST(floor(ln(("Amount" + excluded."Amount")) * 20) AS INTEGER) ELSE -1000 END;
END;

CREATE TRIGGER "TR_Orders_Report_Delete" AFTER DELETE ON "Orders"
BEGIN
    UPDATE "ReportCustomerRevenue" SET "Amount" = "Amount" - OLD."Amount", "OrderCount" = "OrderCount" - 1,
        "AmountBin" = CASE WHEN ("Amount" - OLD."Amount") > 0 THEN CAST(floor(ln(("Amount" - OLD."Amount")) * 20) AS INTEGER) ELSE -1000 END
    WHERE "CustomerId" = OLD."CustomerId" AND "Year" = CAST(substr(OLD."OrderDate", 1, 4) AS INTEGER);
    DELETE FROM "ReportCustomerRevenue" WHERE "CustomerId" = OLD."CustomerId" AND "OrderCount" <= 0;
END;

CREATE TRIGGER "TR_Orders_Report_Update" AFTER UPDATE OF "CustomerId", "OrderDate", "Amount" ON "Orders"
BEGIN
    UPDATE "ReportCustomerRevenue" SET "Amount" = "Amount" - OLD."Amount", "OrderCount" = "OrderCount" - 1,
        "AmountBin" = CASE WHEN ("Amount" - OLD."Amount") > 0 THEN CAST(floor(ln(("Amount" - OLD."Amount")) * 20) AS INTEGER) ELSE -1000 END
    WHERE "CustomerId" = OLD."CustomerId" AND "Year" = CAST(substr(OLD."OrderDate", 1, 4) AS INTEGER);
    DELETE FROM "ReportCustomerRevenue" WHERE "CustomerId" = OLD."CustomerId" AND "OrderCount" <= 0;
    INSERT INTO "ReportCustomerRevenue"
    SELECT NEW."CustomerId", CAST(substr(NEW."OrderDate", 1, 4) AS INTEGER), NEW."Amount", CASE WHEN NEW."Amount" > 0 THEN CAST(floor(ln(NEW."Amount") * 20) AS INTEGER) ELSE -1000 END, 1, COALESCE(c."OwnerId", ''), c."Stage",
           COALESCE(c."LevelCode", ''), COALESCE(c."RegionCode", ''), COALESCE(c."IndustryCode", '')
    FROM "Customers" c WHERE c."Id" = NEW."CustomerId"
    ON CONFLICT DO UPDATE SET "Amount" = "Amount" + excluded."Amount", "OrderCount" = "OrderCount" + 1,
        "AmountBin" = CASE WHEN ("Amount" + excluded."Amount") > 0 THEN CAST(floor(ln(("Amount" + excluded."Amount")) * 20) AS INTEGER) ELSE -1000 END;
END;

CREATE TRIGGER "TR_StageHistory_Report_Insert" AFTER INSERT ON "StageHistory"
BEGIN
    INSERT INTO "ReportStageFlows"
    SELECT w."Month", w."FromStage", w."ToStage", COALESCE(c."OwnerId", ''), COALESCE(c."LevelCode", ''), COALESCE(c."RegionCode", ''),
           COALESCE(c."IndustryCode", ''), w."Weeks", 1
    FROM "ReportStageHistoryWeeks" w JOIN "Customers" c ON c."Id" = w."CustomerId" WHERE w."Id" = NEW."Id"
    ON CONFLICT DO UPDATE SET "Transitions" = "Transitions" + 1;
END;

-- what is already there
INSERT INTO "ReportCustomerCube"
SELECT COALESCE("OwnerId", ''), "Stage", COALESCE("LevelCode", ''), COALESCE("RegionCode", ''), COALESCE("IndustryCode", ''),
       COALESCE("Credit", 0), COALESCE("Satisfaction", 0), COUNT(*), SUM("TotalSpend")
FROM "Customers" GROUP BY 1, 2, 3, 4, 5, 6, 7;

INSERT INTO "ReportCustomerRevenue"
SELECT o."CustomerId", o."Year", o."Amount", CASE WHEN o."Amount" > 0 THEN CAST(floor(ln(o."Amount") * 20) AS INTEGER) ELSE -1000 END, o."OrderCount", COALESCE(c."OwnerId", ''), c."Stage", COALESCE(c."LevelCode", ''),
       COALESCE(c."RegionCode", ''), COALESCE(c."IndustryCode", '')
FROM (SELECT "CustomerId", CAST(substr("OrderDate", 1, 4) AS INTEGER) AS "Year", SUM("Amount") AS "Amount", COUNT(*) AS "OrderCount"
      FROM "Orders" GROUP BY 1, 2) o
JOIN "Customers" c ON c."Id" = o."CustomerId";

INSERT INTO "ReportStageFlows"
SELECT w."Month", w."FromStage", w."ToStage", COALESCE(c."OwnerId", ''), COALESCE(c."LevelCode", ''), COALESCE(c."RegionCode", ''),
       COALESCE(c."IndustryCode", ''), w."Weeks", COUNT(*)
FROM "ReportStageHistoryWeeks" w JOIN "Customers" c ON c."Id" = w."CustomerId"
GROUP BY 1, 2, 3, 4, 5, 6, 7, 8;
