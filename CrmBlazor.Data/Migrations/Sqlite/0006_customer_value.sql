-- Customer value (issue #6): the nightly scores per customer and the model run that produced them.
CREATE TABLE "CustomerValueScores" (
    "CustomerId" INTEGER NOT NULL CONSTRAINT "PK_CustomerValueScores" PRIMARY KEY,
    "AsOf" TEXT NOT NULL,
    "RecencyDays" INTEGER NOT NULL,
    "OrderCount" INTEGER NOT NULL,
    "TotalSpend" REAL NOT NULL,
    "Revenue12Months" REAL NOT NULL,
    "RfmR" INTEGER NOT NULL,
    "RfmF" INTEGER NOT NULL,
    "RfmM" INTEGER NOT NULL,
    "RfmSegment" TEXT NOT NULL,
    "AbcTier" TEXT NOT NULL,
    "ValueTier" TEXT NOT NULL,
    "RepeatPurchases" INTEGER NOT NULL,
    "ExpectedPurchases" REAL NULL,
    "ProbabilityAlive" REAL NULL,
    "ExpectedAverageSpend" REAL NULL,
    "Clv" REAL NULL,
    "ChurnRiskScore" REAL NOT NULL,
    "ChurnRisk" TEXT NOT NULL,
    CONSTRAINT "FK_CustomerValueScores_Customers_CustomerId" FOREIGN KEY ("CustomerId") REFERENCES "Customers" ("Id") ON DELETE CASCADE
);
CREATE INDEX "IX_CustomerValueScores_Clv" ON "CustomerValueScores" ("Clv");
CREATE INDEX "IX_CustomerValueScores_RfmSegment" ON "CustomerValueScores" ("RfmSegment");
CREATE INDEX "IX_CustomerValueScores_ValueTier" ON "CustomerValueScores" ("ValueTier");
CREATE INDEX "IX_CustomerValueScores_ChurnRiskScore" ON "CustomerValueScores" ("ChurnRiskScore");

CREATE TABLE "ValueModelRuns" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_ValueModelRuns" PRIMARY KEY AUTOINCREMENT,
    "AsOf" TEXT NOT NULL,
    "ComputedAt" TEXT NOT NULL,
    "HorizonWeeks" INTEGER NOT NULL,
    "AnnualDiscountRate" REAL NOT NULL,
    "Customers" INTEGER NOT NULL,
    "RepeatBuyers" INTEGER NOT NULL,
    "TopTwentyShare" REAL NOT NULL,
    "BgR" REAL NULL,
    "BgAlpha" REAL NULL,
    "BgA" REAL NULL,
    "BgB" REAL NULL,
    "BgLogLikelihood" REAL NULL,
    "GgP" REAL NULL,
    "GgQ" REAL NULL,
    "GgV" REAL NULL,
    "GgLogLikelihood" REAL NULL,
    "FitError" TEXT NULL,
    "Seconds" REAL NOT NULL
);
CREATE INDEX "IX_ValueModelRuns_ComputedAt" ON "ValueModelRuns" ("ComputedAt");

-- The value report's aggregates, rebuilt with every scoring (bench/value-scoring, bench/reports).
CREATE TABLE "ReportValueSegments" (
    "OwnerId" TEXT NOT NULL,
    "Stage" TEXT NOT NULL,
    "LevelCode" TEXT NOT NULL,
    "RegionCode" TEXT NOT NULL,
    "IndustryCode" TEXT NOT NULL,
    "RfmR" INTEGER NOT NULL,
    "RfmFm" INTEGER NOT NULL,
    "Customers" INTEGER NOT NULL,
    "ClvCustomers" INTEGER NOT NULL,
    "Clv" REAL NOT NULL,
    "Revenue12Months" REAL NOT NULL,
    CONSTRAINT "PK_ReportValueSegments" PRIMARY KEY ("OwnerId", "Stage", "LevelCode", "RegionCode", "IndustryCode", "RfmR", "RfmFm")
);
CREATE TABLE "ReportValueClv" (
    "OwnerId" TEXT NOT NULL,
    "Stage" TEXT NOT NULL,
    "LevelCode" TEXT NOT NULL,
    "RegionCode" TEXT NOT NULL,
    "IndustryCode" TEXT NOT NULL,
    "Band" INTEGER NOT NULL,
    "Customers" INTEGER NOT NULL,
    "Clv" REAL NOT NULL,
    CONSTRAINT "PK_ReportValueClv" PRIMARY KEY ("OwnerId", "Stage", "LevelCode", "RegionCode", "IndustryCode", "Band")
);
