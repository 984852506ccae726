-- Executive reports at a million customers (bench/reports): three aggregates the database keeps
-- up to date itself, by triggers, so that every writer — EF Core, the bulk seeder, the import, the
-- lifecycle recompute — maintains them and none can forget. Missing dimensions are stored as ''
-- (0 for ratings) so they take part in the keys. Dimensions are the customer's current ones.

CREATE TABLE "ReportCustomerCube" (
    "OwnerId" text NOT NULL,
    "Stage" text NOT NULL,
    "LevelCode" text NOT NULL,
    "RegionCode" text NOT NULL,
    "IndustryCode" text NOT NULL,
    "Credit" integer NOT NULL,
    "Satisfaction" integer NOT NULL,
    "Customers" integer NOT NULL,
    "TotalSpend" numeric(18,4) NOT NULL,
    CONSTRAINT "PK_ReportCustomerCube" PRIMARY KEY ("OwnerId", "Stage", "LevelCode", "RegionCode", "IndustryCode", "Credit", "Satisfaction")
);

-- AmountBin = floor(ln(Amount) × 20) (−1000 for nothing): the 80/20 curve is a histogram over it that
-- streams in index order, and ordering by (AmountBin, Amount) is ordering by amount.
CREATE TABLE "ReportCustomerRevenue" (
    "CustomerId" integer NOT NULL,
    "Year" integer NOT NULL,
    "Amount" numeric(18,4) NOT NULL,
    "AmountBin" integer NOT NULL,
    "OrderCount" integer NOT NULL,
    "OwnerId" text NOT NULL,
    "Stage" text NOT NULL,
    "LevelCode" text NOT NULL,
    "RegionCode" text NOT NULL,
    "IndustryCode" text NOT NULL,
    CONSTRAINT "PK_ReportCustomerRevenue" PRIMARY KEY ("CustomerId", "Year")
);
CREATE INDEX "IX_ReportCustomerRevenue_Year_AmountBin_Amount" ON "ReportCustomerRevenue" ("Year", "AmountBin", "Amount", "OwnerId", "Stage", "LevelCode", "RegionCode", "IndustryCode", "CustomerId");

CREATE TABLE "ReportStageFlows" (
    "Month" text NOT NULL,
    "FromStage" text NOT NULL,
    "ToStage" text NOT NULL,
    "OwnerId" text NOT NULL,
    "LevelCode" text NOT NULL,
    "RegionCode" text NOT NULL,
    "IndustryCode" text NOT NULL,
    "WeeksInFromStage" integer NOT NULL,
    "Transitions" integer NOT NULL,
    CONSTRAINT "PK_ReportStageFlows" PRIMARY KEY ("Month", "FromStage", "ToStage", "OwnerId", "LevelCode", "RegionCode", "IndustryCode", "WeeksInFromStage")
);

CREATE INDEX "IX_ChurnCases_Status_ClosedAt" ON "ChurnCases" ("Status", "ClosedAt");

-- weeks a stage change ends (capped at two years); -1 for a first classification
CREATE VIEW "ReportStageHistoryWeeks" AS
SELECT h."Id", h."CustomerId", to_char(h."At" AT TIME ZONE 'UTC', 'YYYY-MM') AS "Month", COALESCE(h."FromStage", '') AS "FromStage", h."ToStage",
       CASE WHEN h."FromStage" IS NULL THEN -1 ELSE
           LEAST(104, GREATEST(0, floor(EXTRACT(EPOCH FROM h."At" - COALESCE(
               (SELECT MAX(p."At") FROM "StageHistory" p WHERE p."CustomerId" = h."CustomerId" AND p."At" < h."At"),
               (SELECT c."CreatedAt" FROM "Customers" c WHERE c."Id" = h."CustomerId"), h."At")) / 604800)))::integer END AS "Weeks"
FROM "StageHistory" h;

CREATE FUNCTION report_cube_add(o text, s text, l text, r text, i text, cr integer, sa integer, n integer, spend numeric) RETURNS void AS $$
BEGIN
    INSERT INTO "ReportCustomerCube" VALUES (COALESCE(o, ''), s, COALESCE(l, ''), COALESCE(r, ''), COALESCE(i, ''), COALESCE(cr, 0), COALESCE(sa, 0), n, spend)
    ON CONFLICT ("OwnerId", "Stage", "LevelCode", "RegionCode", "IndustryCode", "Credit", "Satisfaction")
    DO UPDATE SET "Customers" = "ReportCustomerCube"."Customers" + EXCLUDED."Customers", "TotalSpend" = "ReportCustomerCube"."TotalSpend" + EXCLUDED."TotalSpend";
END $$ LANGUAGE plpgsql;

CREATE FUNCTION report_flows_move(customer integer, o text, l text, r text, i text, sign integer) RETURNS void AS $$
BEGIN
    INSERT INTO "ReportStageFlows"
    SELECT w."Month", w."FromStage", w."ToStage", COALESCE(o, ''), COALESCE(l, ''), COALESCE(r, ''), COALESCE(i, ''), w."Weeks", sign * COUNT(*)
    FROM "ReportStageHistoryWeeks" w WHERE w."CustomerId" = customer
    GROUP BY w."Month", w."FromStage", w."ToStage", w."Weeks"
    ON CONFLICT ("Month", "FromStage", "ToStage", "OwnerId", "LevelCode", "RegionCode", "IndustryCode", "WeeksInFromStage")
    DO UPDATE SET "Transitions" = "ReportStageFlows"."Transitions" + EXCLUDED."Transitions";
END $$ LANGUAGE plpgsql;

CREATE FUNCTION report_customers_changed() RETURNS trigger AS $$
BEGIN
    IF TG_OP IN ('UPDATE', 'DELETE') THEN
        PERFORM report_cube_add(OLD."OwnerId", OLD."Stage", OLD."LevelCode", OLD."RegionCode", OLD."IndustryCode", OLD."Credit", OLD."Satisfaction", -1, -OLD."TotalSpend");
    END IF;
    IF TG_OP IN ('INSERT', 'UPDATE') THEN
        PERFORM report_cube_add(NEW."OwnerId", NEW."Stage", NEW."LevelCode", NEW."RegionCode", NEW."IndustryCode", NEW."Credit", NEW."Satisfaction", 1, NEW."TotalSpend");
    END IF;
    IF TG_OP = 'UPDATE' THEN
        IF NEW."OwnerId" IS DISTINCT FROM OLD."OwnerId" OR NEW."Stage" IS DISTINCT FROM OLD."Stage" OR NEW."LevelCode" IS DISTINCT FROM OLD."LevelCode"
           OR NEW."RegionCode" IS DISTINCT FROM OLD."RegionCode" OR NEW."IndustryCode" IS DISTINCT FROM OLD."IndustryCode" THEN
            UPDATE "ReportCustomerRevenue" SET "OwnerId" = COALESCE(NEW."OwnerId", ''), "Stage" = NEW."Stage", "LevelCode" = COALESCE(NEW."LevelCode", ''),
                "RegionCode" = COALESCE(NEW."RegionCode", ''), "IndustryCode" = COALESCE(NEW."IndustryCode", '')
            WHERE "CustomerId" = NEW."Id";
        END IF;
        -- the customer's stage changes move with it to its new owner, level, region, industry
        IF NEW."OwnerId" IS DISTINCT FROM OLD."OwnerId" OR NEW."LevelCode" IS DISTINCT FROM OLD."LevelCode"
           OR NEW."RegionCode" IS DISTINCT FROM OLD."RegionCode" OR NEW."IndustryCode" IS DISTINCT FROM OLD."IndustryCode" THEN
            PERFORM report_flows_move(NEW."Id", OLD."OwnerId", OLD."LevelCode", OLD."RegionCode", OLD."IndustryCode", -1);
            PERFORM report_flows_move(NEW."Id", NEW."OwnerId", NEW."LevelCode", NEW."RegionCode", NEW."IndustryCode", 1);
        END IF;
    END IF;
    IF TG_OP = 'DELETE' THEN
        DELETE FROM "ReportCustomerRevenue" WHERE "CustomerId" = OLD."Id";
        PERFORM report_flows_move(OLD."Id", OLD."OwnerId", OLD."LevelCode", OLD."RegionCode", OLD."IndustryCode", -1);
        RETURN OLD;
    END IF;
    RETURN NEW;
END $$ LANGUAGE plpgsql;

CREATE TRIGGER "TR_Customers_Report_Insert" AFTER INSERT ON "Customers" FOR EACH ROW EXECUTE FUNCTION report_customers_changed();
CREATE TRIGGER "TR_Customers_Report_Update" AFTER UPDATE OF "OwnerId", "Stage", "LevelCode", "RegionCode", "IndustryCode", "Credit", "Satisfaction", "TotalSpend" ON "Customers"
    FOR EACH ROW WHEN (NEW."OwnerId" IS DISTINCT FROM OLD."OwnerId" OR NEW."Stage" IS DISTINCT FROM OLD."Stage" OR NEW."LevelCode" IS DISTINCT FROM OLD."LevelCode"
        OR NEW."RegionCode" IS DISTINCT FROM OLD."RegionCode" OR NEW."IndustryCode" IS DISTINCT FROM OLD."IndustryCode" OR NEW."Credit" IS DISTINCT FROM OLD."Credit"
        OR NEW."Satisfaction" IS DISTINCT FROM OLD."Satisfaction" OR NEW."TotalSpend" IS DISTINCT FROM OLD."TotalSpend")
    EXECUTE FUNCTION report_customers_changed();
CREATE TRIGGER "TR_Customers_Report_Delete" BEFORE DELETE ON "Customers" FOR EACH ROW EXECUTE FUNCTION report_customers_changed();

CREATE FUNCTION report_orders_changed() RETURNS trigger AS $$
BEGIN
    IF TG_OP IN ('UPDATE', 'DELETE') THEN
        UPDATE "ReportCustomerRevenue" SET "Amount" = "Amount" - OLD."Amount", "OrderCount" = "OrderCount" - 1,
            "AmountBin" = CASE WHEN ("Amount" - OLD."Amount") > 0 THEN floor(ln(("Amount" - OLD."Amount")) * 20)::integer ELSE -1000 END
        WHERE "CustomerId" = OLD."CustomerId" AND "Year" = EXTRACT(YEAR FROM OLD."OrderDate")::integer;
        DELETE FROM "ReportCustomerRevenue" WHERE "CustomerId" = OLD."CustomerId" AND "OrderCount" <= 0;
    END IF;
    IF TG_OP IN ('INSERT', 'UPDATE') THEN
        INSERT INTO "ReportCustomerRevenue"
        SELECT NEW."CustomerId", EXTRACT(YEAR FROM NEW."OrderDate")::integer, NEW."Amount", CASE WHEN NEW."Amount" > 0 THEN floor(ln(NEW."Amount") * 20)::integer ELSE -1000 END, 1, COALESCE(c."OwnerId", ''), c."Stage",
               COALESCE(c."LevelCode", ''), COALESCE(c."RegionCode", ''), COALESCE(c."IndustryCode", '')
        FROM "Customers" c WHERE c."Id" = NEW."CustomerId"
        ON CONFLICT ("CustomerId", "Year") DO UPDATE SET "Amount" = "ReportCustomerRevenue"."Amount" + EXCLUDED."Amount",
            "OrderCount" = "ReportCustomerRevenue"."OrderCount" + 1,
            "AmountBin" = CASE WHEN ("ReportCustomerRevenue"."Amount" + EXCLUDED."Amount") > 0 THEN floor(ln(("ReportCustomerRevenue"."Amount" + EXCLUDED."Amount")) * 20)::integer ELSE -1000 END;
    END IF;
    RETURN NULL;
END $$ LANGUAGE plpgsql;

CREATE TRIGGER "TR_Orders_Report" AFTER INSERT OR DELETE OR UPDATE OF "CustomerId", "OrderDate", "Amount" ON "Orders"
    FOR EACH ROW EXECUTE FUNCTION report_orders_changed();

CREATE FUNCTION report_stage_history_inserted() RETURNS trigger AS $$
BEGIN
    INSERT INTO "ReportStageFlows"
    SELECT w."Month", w."FromStage", w."ToStage", COALESCE(c."OwnerId", ''), COALESCE(c."LevelCode", ''), COALESCE(c."RegionCode", ''),
           COALESCE(c."IndustryCode", ''), w."Weeks", 1
    FROM "ReportStageHistoryWeeks" w JOIN "Customers" c ON c."Id" = w."CustomerId" WHERE w."Id" = NEW."Id"
    ON CONFLICT ("Month", "FromStage", "ToStage", "OwnerId", "LevelCode", "RegionCode", "IndustryCode", "WeeksInFromStage")
    DO UPDATE SET "Transitions" = "ReportStageFlows"."Transitions" + 1;
    RETURN NULL;
END $$ LANGUAGE plpgsql;

CREATE TRIGGER "TR_StageHistory_Report_Insert" AFTER INSERT ON "StageHistory" FOR EACH ROW EXECUTE FUNCTION report_stage_history_inserted();

-- what is already there
INSERT INTO "ReportCustomerCube"
SELECT COALESCE("OwnerId", ''), "Stage", COALESCE("LevelCode", ''), COALESCE("RegionCode", ''), COALESCE("IndustryCode", ''),
       COALESCE("Credit", 0), COALESCE("Satisfaction", 0), COUNT(*), SUM("TotalSpend")
FROM "Customers" GROUP BY 1, 2, 3, 4, 5, 6, 7;

INSERT INTO "ReportCustomerRevenue"
SELECT o."CustomerId", o."Year", o."Amount", CASE WHEN o."Amount" > 0 THEN floor(ln(o."Amount") * 20)::integer ELSE -1000 END, o."OrderCount", COALESCE(c."OwnerId", ''), c."Stage", COALESCE(c."LevelCode", ''),
       COALESCE(c."RegionCode", ''), COALESCE(c."IndustryCode", '')
FROM (SELECT "CustomerId", EXTRACT(YEAR FROM "OrderDate")::integer AS "Year", SUM("Amount") AS "Amount", COUNT(*) AS "OrderCount"
      FROM "Orders" GROUP BY 1, 2) o
JOIN "Customers" c ON c."Id" = o."CustomerId";

INSERT INTO "ReportStageFlows"
SELECT w."Month", w."FromStage", w."ToStage", COALESCE(c."OwnerId", ''), COALESCE(c."LevelCode", ''), COALESCE(c."RegionCode", ''),
       COALESCE(c."IndustryCode", ''), w."Weeks", COUNT(*)
FROM "ReportStageHistoryWeeks" w JOIN "Customers" c ON c."Id" = w."CustomerId"
GROUP BY 1, 2, 3, 4, 5, 6, 7, 8;
