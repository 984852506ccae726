-- Customer events (培训 / 技术讲座 / 研讨会) and the invitations to them: registration, attendance,
-- a training's score and pass, satisfaction. An invitation is visible with its customer.
CREATE TABLE "CustomerEvents" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_CustomerEvents" PRIMARY KEY AUTOINCREMENT,
    "Kind" TEXT NOT NULL,
    "Title" TEXT NOT NULL,
    "Description" TEXT NULL,
    "StartsAt" TEXT NOT NULL,
    "Place" TEXT NULL,
    "OnlineLink" TEXT NULL,
    "Capacity" INTEGER NULL,
    "PassMark" INTEGER NULL,
    "OwnerId" TEXT NOT NULL,
    "Status" TEXT NOT NULL,
    "CreatedById" TEXT NOT NULL,
    "CreatedAt" TEXT NOT NULL,
    "StatusChangedAt" TEXT NULL,
    "CancelReason" TEXT NULL,
    "Version" INTEGER NOT NULL,
    CONSTRAINT "FK_CustomerEvents_AspNetUsers_OwnerId" FOREIGN KEY ("OwnerId") REFERENCES "AspNetUsers" ("Id") ON DELETE RESTRICT
);
CREATE INDEX "IX_CustomerEvents_OwnerId" ON "CustomerEvents" ("OwnerId");
CREATE INDEX "IX_CustomerEvents_StartsAt" ON "CustomerEvents" ("StartsAt");
CREATE INDEX "IX_CustomerEvents_Status_StartsAt" ON "CustomerEvents" ("Status", "StartsAt");

CREATE TABLE "EventInvitations" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_EventInvitations" PRIMARY KEY AUTOINCREMENT,
    "EventId" INTEGER NOT NULL,
    "CustomerId" INTEGER NOT NULL,
    "ContactId" INTEGER NOT NULL,
    "InvitedById" TEXT NOT NULL,
    "InvitedAt" TEXT NOT NULL,
    "Registration" TEXT NOT NULL,
    "RespondedAt" TEXT NULL,
    "Attendance" TEXT NULL,
    "Score" REAL NULL,
    "Passed" INTEGER NULL,
    "Satisfaction" INTEGER NULL,
    "RecordedById" TEXT NULL,
    "RecordedAt" TEXT NULL,
    "Version" INTEGER NOT NULL,
    CONSTRAINT "FK_EventInvitations_CustomerEvents_EventId" FOREIGN KEY ("EventId") REFERENCES "CustomerEvents" ("Id") ON DELETE CASCADE,
    CONSTRAINT "FK_EventInvitations_Customers_CustomerId" FOREIGN KEY ("CustomerId") REFERENCES "Customers" ("Id") ON DELETE CASCADE,
    CONSTRAINT "FK_EventInvitations_Contacts_ContactId" FOREIGN KEY ("ContactId") REFERENCES "Contacts" ("Id") ON DELETE CASCADE
);
CREATE UNIQUE INDEX "IX_EventInvitations_EventId_ContactId" ON "EventInvitations" ("EventId", "ContactId");
CREATE INDEX "IX_EventInvitations_CustomerId" ON "EventInvitations" ("CustomerId");
CREATE INDEX "IX_EventInvitations_ContactId" ON "EventInvitations" ("ContactId");
