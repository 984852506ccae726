-- The contribution report's name filter of one or two characters ("科技": too short for the trigram
-- index of 0007, and matching a tenth of a million customers) reads the customer's name beside its
-- year's amount: one pass over the year's index range instead of a hundred thousand lookups
-- (docs/decisions/010). The name moves with the customer through the triggers below.
ALTER TABLE "ReportCustomerRevenue" ADD "Name" TEXT NOT NULL DEFAULT '';
UPDATE "ReportCustomerRevenue" SET "Name" = COALESCE((SELECT c."Name" FROM "Customers" c WHERE c."Id" = "ReportCustomerRevenue"."CustomerId"), '');

DROP INDEX "IX_ReportCustomerRevenue_Year_AmountBin_Amount";
CREATE INDEX "IX_ReportCustomerRevenue_Year_AmountBin_Amount" ON "ReportCustomerRevenue"
    ("Year", "AmountBin", "Amount", "OwnerId", "Stage", "LevelCode", "RegionCode", "IndustryCode", "CustomerId", "Name");

CREATE TRIGGER "TR_Customers_Report_Rename" AFTER UPDATE OF "Name" ON "Customers"
WHEN NEW."Name" IS NOT OLD."Name"
BEGIN
    UPDATE "ReportCustomerRevenue" SET "Name" = NEW."Name" WHERE "CustomerId" = NEW."Id";
END;

-- the order triggers of 0005 named no columns; they now name them, the name included
DROP TRIGGER "TR_Orders_Report_Insert";
CREATE TRIGGER "TR_Orders_Report_Insert" AFTER INSERT ON "Orders"
BEGIN
    INSERT INTO "ReportCustomerRevenue" ("CustomerId", "Year", "Amount", "AmountBin", "OrderCount", "OwnerId", "Stage", "LevelCode", "RegionCode", "IndustryCode", "Name")
    SELECT NEW."CustomerId", CAST(substr(NEW."OrderDate", 1, 4) AS INTEGER), NEW."Amount", CASE WHEN NEW."Amount" > 0 THEN CAST(floor(ln(NEW."Amount") * 20) AS INTEGER) ELSE -1000 END, 1, COALESCE(c."OwnerId", ''), c."Stage",
           COALESCE(c."LevelCode", ''), COALESCE(c."RegionCode", ''), COALESCE(c."IndustryCode", ''), c."Name"
    FROM "Customers" c WHERE c."Id" = NEW."CustomerId"
    ON CONFLICT DO UPDATE SET "Amount" = "Amount" + excluded."Amount", "OrderCount" = "OrderCount" + 1,
        "AmountBin" = CASE WHEN ("Amount" + excluded."Amount") > 0 THEN CAST(floor(ln(("Amount" + excluded."Amount")) * 20) AS INTEGER) ELSE -1000 END;
END;

DROP TRIGGER "TR_Orders_Report_Update";
CREATE TRIGGER "TR_Orders_Report_Update" AFTER UPDATE OF "CustomerId", "OrderDate", "Amount" ON "Orders"
BEGIN
    UPDATE "ReportCustomerRevenue" SET "Amount" = "Amount" - OLD."Amount", "OrderCount" = "OrderCount" - 1,
        "AmountBin" = CASE WHEN ("Amount" - OLD."Amount") > 0 THEN CAST(floor(ln(("Amount" - OLD."Amount")) * 20) AS INTEGER) ELSE -1000 END
    WHERE "CustomerId" = OLD."CustomerId" AND "Year" = CAST(substr(OLD."OrderDate", 1, 4) AS INTEGER);
    DELETE FROM "ReportCustomerRevenue" WHERE "CustomerId" = OLD."CustomerId" AND "OrderCount" <= 0;
    INSERT INTO "ReportCustomerRevenue" ("CustomerId", "Year", "Amount", "AmountBin", "OrderCount", "OwnerId", "Stage", "LevelCode", "RegionCode", "IndustryCode", "Name")
    SELECT NEW."CustomerId", CAST(substr(NEW."OrderDate", 1, 4) AS INTEGER), NEW."Amount", CASE WHEN NEW."Amount" > 0 THEN CAST(floor(ln(NEW."Amount") * 20) AS INTEGER) ELSE -1000 END, 1, COALESCE(c."OwnerId", ''), c."Stage",
           COALESCE(c."LevelCode", ''), COALESCE(c."RegionCode", ''), COALESCE(c."IndustryCode", ''), c."Name"
    FROM "Customers" c WHERE c."Id" = NEW."CustomerId"
    ON CONFLICT DO UPDATE SET "Amount" = "Amount" + excluded."Amount", "OrderCount" = "OrderCount" + 1,
        "AmountBin" = CASE WHEN ("Amount" + excluded."Amount") > 0 THEN CAST(floor(ln(("Amount" + excluded."Amount")) * 20) AS INTEGER) ELSE -1000 END;
END;
