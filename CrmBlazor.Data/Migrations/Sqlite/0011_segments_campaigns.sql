-- Saved segments (a named customer-list filter, re-evaluated on use) and campaigns (issue #8):
-- the plan, its targets at launch (with the response and the follow-up task each got).
CREATE TABLE "CustomerSegments" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_CustomerSegments" PRIMARY KEY AUTOINCREMENT,
    "Name" TEXT NOT NULL,
    "OwnerId" TEXT NOT NULL,
    "IsShared" INTEGER NOT NULL,
    "Filter" TEXT NOT NULL,
    "CreatedAt" TEXT NOT NULL,
    "Version" INTEGER NOT NULL,
    CONSTRAINT "FK_CustomerSegments_AspNetUsers_OwnerId" FOREIGN KEY ("OwnerId") REFERENCES "AspNetUsers" ("Id") ON DELETE RESTRICT
);

CREATE TABLE "Campaigns" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_Campaigns" PRIMARY KEY AUTOINCREMENT,
    "Theme" TEXT NOT NULL,
    "Goal" TEXT NULL,
    "TargetKind" TEXT NOT NULL,
    "SegmentId" INTEGER NULL,
    "TargetStage" TEXT NULL,
    "Channel" TEXT NOT NULL,
    "StartDate" TEXT NOT NULL,
    "EndDate" TEXT NOT NULL,
    "Budget" REAL NOT NULL,
    "Script" TEXT NULL,
    "AttributionDays" INTEGER NOT NULL,
    "OwnerId" TEXT NOT NULL,
    "CreatedById" TEXT NOT NULL,
    "CreatedAt" TEXT NOT NULL,
    "LaunchedAt" TEXT NULL,
    "LaunchedById" TEXT NULL,
    "Version" INTEGER NOT NULL,
    CONSTRAINT "FK_Campaigns_AspNetUsers_OwnerId" FOREIGN KEY ("OwnerId") REFERENCES "AspNetUsers" ("Id") ON DELETE RESTRICT,
    CONSTRAINT "FK_Campaigns_CustomerSegments_SegmentId" FOREIGN KEY ("SegmentId") REFERENCES "CustomerSegments" ("Id") ON DELETE RESTRICT
);

CREATE TABLE "CampaignTargets" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_CampaignTargets" PRIMARY KEY AUTOINCREMENT,
    "CampaignId" INTEGER NOT NULL,
    "CustomerId" INTEGER NOT NULL,
    "OwnerId" TEXT NULL,
    "TaskId" INTEGER NULL,
    "SkipReason" TEXT NULL,
    "Response" TEXT NULL,
    "ContactedOn" TEXT NULL,
    "RespondedAt" TEXT NULL,
    "Note" TEXT NULL,
    "Version" INTEGER NOT NULL,
    CONSTRAINT "FK_CampaignTargets_Campaigns_CampaignId" FOREIGN KEY ("CampaignId") REFERENCES "Campaigns" ("Id") ON DELETE CASCADE,
    CONSTRAINT "FK_CampaignTargets_Customers_CustomerId" FOREIGN KEY ("CustomerId") REFERENCES "Customers" ("Id") ON DELETE CASCADE,
    CONSTRAINT "FK_CampaignTargets_FollowUpTasks_TaskId" FOREIGN KEY ("TaskId") REFERENCES "FollowUpTasks" ("Id") ON DELETE SET NULL
);

CREATE INDEX "IX_Campaigns_OwnerId" ON "Campaigns" ("OwnerId");

CREATE INDEX "IX_Campaigns_SegmentId" ON "Campaigns" ("SegmentId");

CREATE INDEX "IX_Campaigns_StartDate" ON "Campaigns" ("StartDate");

CREATE UNIQUE INDEX "IX_CampaignTargets_CampaignId_CustomerId" ON "CampaignTargets" ("CampaignId", "CustomerId");

CREATE INDEX "IX_CampaignTargets_CustomerId" ON "CampaignTargets" ("CustomerId");

CREATE INDEX "IX_CampaignTargets_TaskId" ON "CampaignTargets" ("TaskId");

CREATE UNIQUE INDEX "IX_CustomerSegments_OwnerId_Name" ON "CustomerSegments" ("OwnerId", "Name");
