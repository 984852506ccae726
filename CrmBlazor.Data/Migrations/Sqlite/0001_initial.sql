CREATE TABLE "AspNetRoles" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_AspNetRoles" PRIMARY KEY,
    "Name" TEXT NULL,
    "NormalizedName" TEXT NULL,
    "ConcurrencyStamp" TEXT NULL
);


CREATE TABLE "AuditEntries" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_AuditEntries" PRIMARY KEY AUTOINCREMENT,
    "At" TEXT NOT NULL,
    "UserId" TEXT NULL,
    "UserName" TEXT NOT NULL,
    "Action" TEXT NOT NULL,
    "EntityType" TEXT NOT NULL,
    "EntityId" TEXT NULL,
    "Changes" TEXT NULL,
    "IpAddress" TEXT NULL
);


CREATE TABLE "DictionaryEntries" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_DictionaryEntries" PRIMARY KEY AUTOINCREMENT,
    "Kind" TEXT NOT NULL,
    "Code" TEXT NOT NULL,
    "LabelZh" TEXT NOT NULL,
    "LabelEn" TEXT NOT NULL,
    "SortOrder" INTEGER NOT NULL,
    "IsActive" INTEGER NOT NULL,
    "Version" INTEGER NOT NULL
);


CREATE TABLE "LeadDistributionRules" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_LeadDistributionRules" PRIMARY KEY AUTOINCREMENT,
    "Order" INTEGER NOT NULL,
    "Kind" TEXT NOT NULL,
    "MatchCode" TEXT NULL,
    "EligibleUserIds" TEXT NULL,
    "IsActive" INTEGER NOT NULL,
    "LastAssignedUserId" TEXT NULL,
    "Version" INTEGER NOT NULL
);


CREATE TABLE "Products" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_Products" PRIMARY KEY AUTOINCREMENT,
    "Code" TEXT NOT NULL,
    "Name" TEXT NOT NULL,
    "NameEn" TEXT NULL,
    "Model" TEXT NULL,
    "Specification" TEXT NULL,
    "Unit" TEXT NOT NULL,
    "Price" REAL NOT NULL,
    "IsActive" INTEGER NOT NULL,
    "IsCoreFeature" INTEGER NOT NULL,
    "Version" INTEGER NOT NULL
);


CREATE TABLE "Settings" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_Settings" PRIMARY KEY AUTOINCREMENT,
    "Key" TEXT NOT NULL,
    "Value" TEXT NOT NULL,
    "UpdatedAt" TEXT NOT NULL,
    "UpdatedById" TEXT NULL,
    "Version" INTEGER NOT NULL
);


CREATE TABLE "StagePlaybooks" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_StagePlaybooks" PRIMARY KEY AUTOINCREMENT,
    "Stage" TEXT NOT NULL,
    "GoalZh" TEXT NOT NULL,
    "GoalEn" TEXT NOT NULL,
    "ActionsZh" TEXT NOT NULL,
    "ActionsEn" TEXT NOT NULL,
    "OwnerZh" TEXT NOT NULL,
    "OwnerEn" TEXT NOT NULL,
    "Cadence" TEXT NOT NULL,
    "Version" INTEGER NOT NULL
);


CREATE TABLE "AspNetRoleClaims" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_AspNetRoleClaims" PRIMARY KEY AUTOINCREMENT,
    "RoleId" TEXT NOT NULL,
    "ClaimType" TEXT NULL,
    "ClaimValue" TEXT NULL,
    CONSTRAINT "FK_AspNetRoleClaims_AspNetRoles_RoleId" FOREIGN KEY ("RoleId") REFERENCES "AspNetRoles" ("Id") ON DELETE CASCADE
);


CREATE TABLE "Inventory" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_Inventory" PRIMARY KEY AUTOINCREMENT,
    "ProductId" INTEGER NOT NULL,
    "Warehouse" TEXT NOT NULL,
    "Quantity" REAL NOT NULL,
    "UpdatedAt" TEXT NOT NULL,
    "Version" INTEGER NOT NULL,
    CONSTRAINT "FK_Inventory_Products_ProductId" FOREIGN KEY ("ProductId") REFERENCES "Products" ("Id") ON DELETE CASCADE
);


CREATE TABLE "AspNetUserClaims" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_AspNetUserClaims" PRIMARY KEY AUTOINCREMENT,
    "UserId" TEXT NOT NULL,
    "ClaimType" TEXT NULL,
    "ClaimValue" TEXT NULL,
    CONSTRAINT "FK_AspNetUserClaims_AspNetUsers_UserId" FOREIGN KEY ("UserId") REFERENCES "AspNetUsers" ("Id") ON DELETE CASCADE
);


CREATE TABLE "AspNetUserLogins" (
    "LoginProvider" TEXT NOT NULL,
    "ProviderKey" TEXT NOT NULL,
    "ProviderDisplayName" TEXT NULL,
    "UserId" TEXT NOT NULL,
    CONSTRAINT "PK_AspNetUserLogins" PRIMARY KEY ("LoginProvider", "ProviderKey"),
    CONSTRAINT "FK_AspNetUserLogins_AspNetUsers_UserId" FOREIGN KEY ("UserId") REFERENCES "AspNetUsers" ("Id") ON DELETE CASCADE
);


CREATE TABLE "AspNetUserRoles" (
    "UserId" TEXT NOT NULL,
    "RoleId" TEXT NOT NULL,
    CONSTRAINT "PK_AspNetUserRoles" PRIMARY KEY ("UserId", "RoleId"),
    CONSTRAINT "FK_AspNetUserRoles_AspNetRoles_RoleId" FOREIGN KEY ("RoleId") REFERENCES "AspNetRoles" ("Id") ON DELETE CASCADE,
    CONSTRAINT "FK_AspNetUserRoles_AspNetUsers_UserId" FOREIGN KEY ("UserId") REFERENCES "AspNetUsers" ("Id") ON DELETE CASCADE
);


CREATE TABLE "AspNetUsers" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_AspNetUsers" PRIMARY KEY,
    "DisplayName" TEXT NOT NULL,
    "PreferredCulture" TEXT NULL,
    "TeamId" INTEGER NULL,
    "RegionCodes" TEXT NULL,
    "IndustryCodes" TEXT NULL,
    "IsActive" INTEGER NOT NULL,
    "MustChangePassword" INTEGER NOT NULL,
    "CreatedAt" TEXT NOT NULL,
    "LastSignInAt" TEXT NULL,
    "UserName" TEXT NULL,
    "NormalizedUserName" TEXT NULL,
    "Email" TEXT NULL,
    "NormalizedEmail" TEXT NULL,
    "EmailConfirmed" INTEGER NOT NULL,
    "PasswordHash" TEXT NULL,
    "SecurityStamp" TEXT NULL,
    "ConcurrencyStamp" TEXT NULL,
    "PhoneNumber" TEXT NULL,
    "PhoneNumberConfirmed" INTEGER NOT NULL,
    "TwoFactorEnabled" INTEGER NOT NULL,
    "LockoutEnd" TEXT NULL,
    "LockoutEnabled" INTEGER NOT NULL,
    "AccessFailedCount" INTEGER NOT NULL,
    CONSTRAINT "FK_AspNetUsers_Teams_TeamId" FOREIGN KEY ("TeamId") REFERENCES "Teams" ("Id") ON DELETE SET NULL
);


CREATE TABLE "AspNetUserTokens" (
    "UserId" TEXT NOT NULL,
    "LoginProvider" TEXT NOT NULL,
    "Name" TEXT NOT NULL,
    "Value" TEXT NULL,
    CONSTRAINT "PK_AspNetUserTokens" PRIMARY KEY ("UserId", "LoginProvider", "Name"),
    CONSTRAINT "FK_AspNetUserTokens_AspNetUsers_UserId" FOREIGN KEY ("UserId") REFERENCES "AspNetUsers" ("Id") ON DELETE CASCADE
);


CREATE TABLE "Customers" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_Customers" PRIMARY KEY AUTOINCREMENT,
    "Number" TEXT NOT NULL,
    "Name" TEXT NOT NULL,
    "RegionCode" TEXT NULL,
    "IndustryCode" TEXT NULL,
    "LevelCode" TEXT NULL,
    "OwnerId" TEXT NULL,
    "Satisfaction" INTEGER NULL,
    "Credit" INTEGER NULL,
    "Address" TEXT NULL,
    "Postcode" TEXT NULL,
    "Phone" TEXT NULL,
    "Fax" TEXT NULL,
    "Website" TEXT NULL,
    "LicenceNumber" TEXT NULL,
    "LegalRepresentative" TEXT NULL,
    "RegisteredCapital" REAL NULL,
    "AnnualTurnover" REAL NULL,
    "Bank" TEXT NULL,
    "BankAccount" TEXT NULL,
    "TaxId" TEXT NULL,
    "ConsentToContact" INTEGER NOT NULL,
    "Status" TEXT NOT NULL,
    "CreatedAt" TEXT NOT NULL,
    "Stage" TEXT NOT NULL,
    "StageEnteredAt" TEXT NOT NULL,
    "StageReasons" TEXT NOT NULL,
    "FirstOrderDate" TEXT NULL,
    "LastOrderDate" TEXT NULL,
    "OrderCount" INTEGER NOT NULL,
    "TotalSpend" REAL NOT NULL,
    "Version" INTEGER NOT NULL,
    CONSTRAINT "FK_Customers_AspNetUsers_OwnerId" FOREIGN KEY ("OwnerId") REFERENCES "AspNetUsers" ("Id") ON DELETE RESTRICT
);


CREATE TABLE "Teams" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_Teams" PRIMARY KEY AUTOINCREMENT,
    "Name" TEXT NOT NULL,
    "ManagerId" TEXT NULL,
    "Version" INTEGER NOT NULL,
    CONSTRAINT "FK_Teams_AspNetUsers_ManagerId" FOREIGN KEY ("ManagerId") REFERENCES "AspNetUsers" ("Id") ON DELETE SET NULL
);


CREATE TABLE "BehaviourEvents" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_BehaviourEvents" PRIMARY KEY AUTOINCREMENT,
    "ExternalId" TEXT NULL,
    "CustomerId" INTEGER NOT NULL,
    "OccurredAt" TEXT NOT NULL,
    "Type" TEXT NOT NULL,
    "Value" REAL NOT NULL,
    "Detail" TEXT NULL,
    CONSTRAINT "FK_BehaviourEvents_Customers_CustomerId" FOREIGN KEY ("CustomerId") REFERENCES "Customers" ("Id") ON DELETE CASCADE
);


CREATE TABLE "ChurnCases" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_ChurnCases" PRIMARY KEY AUTOINCREMENT,
    "CustomerId" INTEGER NOT NULL,
    "Trigger" TEXT NOT NULL,
    "Status" TEXT NOT NULL,
    "RaisedAt" TEXT NOT NULL,
    "LastOrderDate" TEXT NULL,
    "ConfirmedReasonCode" TEXT NULL,
    "ClosedAt" TEXT NULL,
    "Version" INTEGER NOT NULL,
    CONSTRAINT "FK_ChurnCases_Customers_CustomerId" FOREIGN KEY ("CustomerId") REFERENCES "Customers" ("Id") ON DELETE CASCADE
);


CREATE TABLE "Contacts" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_Contacts" PRIMARY KEY AUTOINCREMENT,
    "CustomerId" INTEGER NOT NULL,
    "Name" TEXT NOT NULL,
    "Gender" TEXT NOT NULL,
    "Title" TEXT NULL,
    "OfficePhone" TEXT NULL,
    "Mobile" TEXT NULL,
    "Email" TEXT NULL,
    "Birthday" TEXT NULL,
    "Notes" TEXT NULL,
    "IsPrimary" INTEGER NOT NULL,
    "ConsentGiven" INTEGER NOT NULL,
    "ConsentChangedAt" TEXT NULL,
    "ConsentChannel" TEXT NULL,
    "ConsentRecordedById" TEXT NULL,
    "CollectionPurpose" TEXT NULL,
    "Version" INTEGER NOT NULL,
    CONSTRAINT "FK_Contacts_Customers_CustomerId" FOREIGN KEY ("CustomerId") REFERENCES "Customers" ("Id") ON DELETE CASCADE
);


CREATE TABLE "CustomerTags" (
    "CustomerId" INTEGER NOT NULL,
    "TagCode" TEXT NOT NULL,
    CONSTRAINT "PK_CustomerTags" PRIMARY KEY ("CustomerId", "TagCode"),
    CONSTRAINT "FK_CustomerTags_Customers_CustomerId" FOREIGN KEY ("CustomerId") REFERENCES "Customers" ("Id") ON DELETE CASCADE
);


CREATE TABLE "FollowUpTasks" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_FollowUpTasks" PRIMARY KEY AUTOINCREMENT,
    "CustomerId" INTEGER NOT NULL,
    "AssignedToId" TEXT NOT NULL,
    "Kind" TEXT NOT NULL,
    "Stage" TEXT NULL,
    "Title" TEXT NOT NULL,
    "DueDate" TEXT NOT NULL,
    "Status" TEXT NOT NULL,
    "CreatedAt" TEXT NOT NULL,
    "CompletedAt" TEXT NULL,
    "ContactDate" TEXT NULL,
    "ChannelCode" TEXT NULL,
    "Content" TEXT NULL,
    "NextPlan" TEXT NULL,
    "NextPlanDate" TEXT NULL,
    "SourceId" INTEGER NULL,
    "Version" INTEGER NOT NULL,
    CONSTRAINT "FK_FollowUpTasks_AspNetUsers_AssignedToId" FOREIGN KEY ("AssignedToId") REFERENCES "AspNetUsers" ("Id") ON DELETE RESTRICT,
    CONSTRAINT "FK_FollowUpTasks_Customers_CustomerId" FOREIGN KEY ("CustomerId") REFERENCES "Customers" ("Id") ON DELETE CASCADE
);


CREATE TABLE "Interactions" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_Interactions" PRIMARY KEY AUTOINCREMENT,
    "CustomerId" INTEGER NOT NULL,
    "Date" TEXT NOT NULL,
    "Place" TEXT NULL,
    "Summary" TEXT NOT NULL,
    "Details" TEXT NULL,
    "Notes" TEXT NULL,
    "CreatedById" TEXT NULL,
    "CreatedAt" TEXT NOT NULL,
    "Version" INTEGER NOT NULL,
    CONSTRAINT "FK_Interactions_Customers_CustomerId" FOREIGN KEY ("CustomerId") REFERENCES "Customers" ("Id") ON DELETE CASCADE
);


CREATE TABLE "Opportunities" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_Opportunities" PRIMARY KEY AUTOINCREMENT,
    "SourceCode" TEXT NOT NULL,
    "CustomerName" TEXT NOT NULL,
    "Probability" INTEGER NOT NULL,
    "Summary" TEXT NOT NULL,
    "ContactName" TEXT NOT NULL,
    "ContactPhone" TEXT NULL,
    "Description" TEXT NULL,
    "ExpectedAmount" REAL NULL,
    "RegionCode" TEXT NULL,
    "IndustryCode" TEXT NULL,
    "CreatedById" TEXT NOT NULL,
    "CreatedAt" TEXT NOT NULL,
    "AssignedToId" TEXT NULL,
    "AssignedById" TEXT NULL,
    "AssignedAt" TEXT NULL,
    "Status" TEXT NOT NULL,
    "ClosedAt" TEXT NULL,
    "LostReason" TEXT NULL,
    "CustomerId" INTEGER NULL,
    "IntakeChannel" TEXT NULL,
    "InPool" INTEGER NOT NULL,
    "PooledAt" TEXT NULL,
    "LastWorkedAt" TEXT NOT NULL,
    "Version" INTEGER NOT NULL,
    CONSTRAINT "FK_Opportunities_AspNetUsers_AssignedToId" FOREIGN KEY ("AssignedToId") REFERENCES "AspNetUsers" ("Id") ON DELETE RESTRICT,
    CONSTRAINT "FK_Opportunities_AspNetUsers_CreatedById" FOREIGN KEY ("CreatedById") REFERENCES "AspNetUsers" ("Id") ON DELETE RESTRICT,
    CONSTRAINT "FK_Opportunities_Customers_CustomerId" FOREIGN KEY ("CustomerId") REFERENCES "Customers" ("Id") ON DELETE SET NULL
);


CREATE TABLE "Orders" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_Orders" PRIMARY KEY AUTOINCREMENT,
    "OrderNo" TEXT NOT NULL,
    "CustomerId" INTEGER NOT NULL,
    "OrderDate" TEXT NOT NULL,
    "Amount" REAL NOT NULL,
    "ImportedAt" TEXT NOT NULL,
    CONSTRAINT "FK_Orders_Customers_CustomerId" FOREIGN KEY ("CustomerId") REFERENCES "Customers" ("Id") ON DELETE RESTRICT
);


CREATE TABLE "ServiceTickets" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_ServiceTickets" PRIMARY KEY AUTOINCREMENT,
    "TypeCode" TEXT NOT NULL,
    "Priority" TEXT NOT NULL,
    "Summary" TEXT NOT NULL,
    "CustomerId" INTEGER NOT NULL,
    "Status" TEXT NOT NULL,
    "Request" TEXT NOT NULL,
    "CreatedById" TEXT NOT NULL,
    "CreatedAt" TEXT NOT NULL,
    "AssignedToId" TEXT NULL,
    "AssignedById" TEXT NULL,
    "AssignedAt" TEXT NULL,
    "Handling" TEXT NULL,
    "HandledById" TEXT NULL,
    "HandledAt" TEXT NULL,
    "Result" TEXT NULL,
    "Satisfaction" INTEGER NULL,
    "FeedbackAt" TEXT NULL,
    "RehandleCount" INTEGER NOT NULL,
    "ArchivedAt" TEXT NULL,
    "Version" INTEGER NOT NULL,
    CONSTRAINT "FK_ServiceTickets_AspNetUsers_AssignedToId" FOREIGN KEY ("AssignedToId") REFERENCES "AspNetUsers" ("Id") ON DELETE RESTRICT,
    CONSTRAINT "FK_ServiceTickets_AspNetUsers_CreatedById" FOREIGN KEY ("CreatedById") REFERENCES "AspNetUsers" ("Id") ON DELETE RESTRICT,
    CONSTRAINT "FK_ServiceTickets_Customers_CustomerId" FOREIGN KEY ("CustomerId") REFERENCES "Customers" ("Id") ON DELETE RESTRICT
);


CREATE TABLE "StageHistory" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_StageHistory" PRIMARY KEY AUTOINCREMENT,
    "CustomerId" INTEGER NOT NULL,
    "FromStage" TEXT NULL,
    "ToStage" TEXT NOT NULL,
    "At" TEXT NOT NULL,
    "Reasons" TEXT NOT NULL,
    CONSTRAINT "FK_StageHistory_Customers_CustomerId" FOREIGN KEY ("CustomerId") REFERENCES "Customers" ("Id") ON DELETE CASCADE
);


CREATE TABLE "ChurnCaseEntries" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_ChurnCaseEntries" PRIMARY KEY AUTOINCREMENT,
    "ChurnCaseId" INTEGER NOT NULL,
    "Action" TEXT NOT NULL,
    "Text" TEXT NOT NULL,
    "ByUserId" TEXT NULL,
    "At" TEXT NOT NULL,
    CONSTRAINT "FK_ChurnCaseEntries_ChurnCases_ChurnCaseId" FOREIGN KEY ("ChurnCaseId") REFERENCES "ChurnCases" ("Id") ON DELETE CASCADE
);


CREATE TABLE "DevelopmentPlanSteps" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_DevelopmentPlanSteps" PRIMARY KEY AUTOINCREMENT,
    "OpportunityId" INTEGER NOT NULL,
    "Sequence" INTEGER NOT NULL,
    "PlannedDate" TEXT NOT NULL,
    "Action" TEXT NOT NULL,
    "Result" TEXT NULL,
    "ResultAt" TEXT NULL,
    "Version" INTEGER NOT NULL,
    CONSTRAINT "FK_DevelopmentPlanSteps_Opportunities_OpportunityId" FOREIGN KEY ("OpportunityId") REFERENCES "Opportunities" ("Id") ON DELETE CASCADE
);


CREATE TABLE "OpportunityHistory" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_OpportunityHistory" PRIMARY KEY AUTOINCREMENT,
    "OpportunityId" INTEGER NOT NULL,
    "Kind" TEXT NOT NULL,
    "ByUserId" TEXT NULL,
    "At" TEXT NOT NULL,
    "Detail" TEXT NULL,
    CONSTRAINT "FK_OpportunityHistory_Opportunities_OpportunityId" FOREIGN KEY ("OpportunityId") REFERENCES "Opportunities" ("Id") ON DELETE CASCADE
);


CREATE TABLE "OrderLines" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_OrderLines" PRIMARY KEY AUTOINCREMENT,
    "OrderId" INTEGER NOT NULL,
    "ProductId" INTEGER NULL,
    "ProductCode" TEXT NOT NULL,
    "Quantity" REAL NOT NULL,
    "UnitPrice" REAL NOT NULL,
    CONSTRAINT "FK_OrderLines_Orders_OrderId" FOREIGN KEY ("OrderId") REFERENCES "Orders" ("Id") ON DELETE CASCADE,
    CONSTRAINT "FK_OrderLines_Products_ProductId" FOREIGN KEY ("ProductId") REFERENCES "Products" ("Id") ON DELETE SET NULL
);


CREATE TABLE "TicketHistory" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_TicketHistory" PRIMARY KEY AUTOINCREMENT,
    "TicketId" INTEGER NOT NULL,
    "Kind" TEXT NOT NULL,
    "ByUserId" TEXT NULL,
    "At" TEXT NOT NULL,
    "Detail" TEXT NULL,
    CONSTRAINT "FK_TicketHistory_ServiceTickets_TicketId" FOREIGN KEY ("TicketId") REFERENCES "ServiceTickets" ("Id") ON DELETE CASCADE
);


CREATE INDEX "IX_AspNetRoleClaims_RoleId" ON "AspNetRoleClaims" ("RoleId");


CREATE UNIQUE INDEX "RoleNameIndex" ON "AspNetRoles" ("NormalizedName");


CREATE INDEX "IX_AspNetUserClaims_UserId" ON "AspNetUserClaims" ("UserId");


CREATE INDEX "IX_AspNetUserLogins_UserId" ON "AspNetUserLogins" ("UserId");


CREATE INDEX "IX_AspNetUserRoles_RoleId" ON "AspNetUserRoles" ("RoleId");


CREATE INDEX "EmailIndex" ON "AspNetUsers" ("NormalizedEmail");


CREATE INDEX "IX_AspNetUsers_TeamId" ON "AspNetUsers" ("TeamId");


CREATE UNIQUE INDEX "UserNameIndex" ON "AspNetUsers" ("NormalizedUserName");


CREATE INDEX "IX_AuditEntries_At" ON "AuditEntries" ("At");


CREATE INDEX "IX_AuditEntries_EntityType_EntityId" ON "AuditEntries" ("EntityType", "EntityId");


CREATE INDEX "IX_AuditEntries_UserId" ON "AuditEntries" ("UserId");


CREATE INDEX "IX_BehaviourEvents_CustomerId_Type_OccurredAt" ON "BehaviourEvents" ("CustomerId", "Type", "OccurredAt");


CREATE UNIQUE INDEX "IX_BehaviourEvents_ExternalId" ON "BehaviourEvents" ("ExternalId");


CREATE INDEX "IX_ChurnCaseEntries_ChurnCaseId" ON "ChurnCaseEntries" ("ChurnCaseId");


CREATE INDEX "IX_ChurnCases_CustomerId_Status" ON "ChurnCases" ("CustomerId", "Status");


CREATE INDEX "IX_ChurnCases_Status" ON "ChurnCases" ("Status");


CREATE INDEX "IX_Contacts_CustomerId" ON "Contacts" ("CustomerId");


CREATE INDEX "IX_Contacts_Mobile" ON "Contacts" ("Mobile");


CREATE INDEX "IX_Customers_IndustryCode" ON "Customers" ("IndustryCode");


CREATE INDEX "IX_Customers_LastOrderDate" ON "Customers" ("LastOrderDate");


CREATE INDEX "IX_Customers_Name" ON "Customers" ("Name");


CREATE UNIQUE INDEX "IX_Customers_Number" ON "Customers" ("Number");


CREATE INDEX "IX_Customers_OwnerId_Stage" ON "Customers" ("OwnerId", "Stage");


CREATE INDEX "IX_Customers_RegionCode" ON "Customers" ("RegionCode");


CREATE INDEX "IX_Customers_Stage" ON "Customers" ("Stage");


CREATE INDEX "IX_CustomerTags_TagCode" ON "CustomerTags" ("TagCode");


CREATE UNIQUE INDEX "IX_DevelopmentPlanSteps_OpportunityId_Sequence" ON "DevelopmentPlanSteps" ("OpportunityId", "Sequence");


CREATE UNIQUE INDEX "IX_DictionaryEntries_Kind_Code" ON "DictionaryEntries" ("Kind", "Code");


CREATE INDEX "IX_FollowUpTasks_AssignedToId_Status_DueDate" ON "FollowUpTasks" ("AssignedToId", "Status", "DueDate");


CREATE INDEX "IX_FollowUpTasks_CustomerId_Status" ON "FollowUpTasks" ("CustomerId", "Status");


CREATE INDEX "IX_Interactions_CustomerId_Date" ON "Interactions" ("CustomerId", "Date");


CREATE UNIQUE INDEX "IX_Inventory_ProductId_Warehouse" ON "Inventory" ("ProductId", "Warehouse");


CREATE INDEX "IX_LeadDistributionRules_Order" ON "LeadDistributionRules" ("Order");


CREATE INDEX "IX_Opportunities_AssignedToId" ON "Opportunities" ("AssignedToId");


CREATE INDEX "IX_Opportunities_CreatedById" ON "Opportunities" ("CreatedById");


CREATE INDEX "IX_Opportunities_CustomerId" ON "Opportunities" ("CustomerId");


CREATE INDEX "IX_Opportunities_InPool_Status" ON "Opportunities" ("InPool", "Status");


CREATE INDEX "IX_Opportunities_Status_AssignedToId" ON "Opportunities" ("Status", "AssignedToId");


CREATE INDEX "IX_OpportunityHistory_OpportunityId_At" ON "OpportunityHistory" ("OpportunityId", "At");


CREATE INDEX "IX_OrderLines_OrderId" ON "OrderLines" ("OrderId");


CREATE INDEX "IX_OrderLines_ProductId" ON "OrderLines" ("ProductId");


CREATE INDEX "IX_Orders_CustomerId_OrderDate" ON "Orders" ("CustomerId", "OrderDate");


CREATE INDEX "IX_Orders_OrderDate" ON "Orders" ("OrderDate");


CREATE UNIQUE INDEX "IX_Orders_OrderNo" ON "Orders" ("OrderNo");


CREATE UNIQUE INDEX "IX_Products_Code" ON "Products" ("Code");


CREATE INDEX "IX_ServiceTickets_AssignedToId" ON "ServiceTickets" ("AssignedToId");


CREATE INDEX "IX_ServiceTickets_CreatedAt" ON "ServiceTickets" ("CreatedAt");


CREATE INDEX "IX_ServiceTickets_CreatedById" ON "ServiceTickets" ("CreatedById");


CREATE INDEX "IX_ServiceTickets_CustomerId" ON "ServiceTickets" ("CustomerId");


CREATE INDEX "IX_ServiceTickets_Status_AssignedToId" ON "ServiceTickets" ("Status", "AssignedToId");


CREATE UNIQUE INDEX "IX_Settings_Key" ON "Settings" ("Key");


CREATE INDEX "IX_StageHistory_At" ON "StageHistory" ("At");


CREATE INDEX "IX_StageHistory_CustomerId_At" ON "StageHistory" ("CustomerId", "At");


CREATE UNIQUE INDEX "IX_StagePlaybooks_Stage" ON "StagePlaybooks" ("Stage");


CREATE INDEX "IX_Teams_ManagerId" ON "Teams" ("ManagerId");


CREATE UNIQUE INDEX "IX_Teams_Name" ON "Teams" ("Name");


CREATE INDEX "IX_TicketHistory_TicketId_At" ON "TicketHistory" ("TicketId", "At");


