using CrmBlazor.Data.Segments;
using CrmBlazor.Data.Products;
using CrmBlazor.Data.Privacy;
using CrmBlazor.Data.CustomerEvents;
using CrmBlazor.Data.Campaigns;
using CrmBlazor.Data.BasicData;
using CrmBlazor.Data;
using CrmBlazor.Data.Access;
using CrmBlazor.Data.Audit;
using CrmBlazor.Data.Care;
using CrmBlazor.Data.Churn;
using CrmBlazor.Data.Customers;
using CrmBlazor.Data.Dashboard;
using CrmBlazor.Data.DataQuality;
using CrmBlazor.Data.Events;
using CrmBlazor.Data.FollowUps;
using CrmBlazor.Data.Import;
using CrmBlazor.Data.Infrastructure;
using CrmBlazor.Data.Lifecycle;
using CrmBlazor.Data.Lookups;
using CrmBlazor.Data.Migrations;
using CrmBlazor.Data.Opportunities;
using CrmBlazor.Data.Reports;
using CrmBlazor.Data.Seeding;
using CrmBlazor.Data.Service;
using CrmBlazor.Data.Users;
using CrmBlazor.Data.Value;
using static CrmBlazor.Domain.Access.Capability;

namespace CrmBlazor.Tests.Security;

public static partial class AccessRules
{
    /// <summary>One line per public service method (overloads share it), grouped by service, services in alphabetical order.</summary>
    public static readonly IReadOnlyList<MethodRule> Methods =
    [
        System<AuditLog>(nameof(AuditLog.WriteAsync), "called by services and sign-in after the fact; the trail is read through the admin-only audit filter"),

        Read<CareService>(nameof(CareService.CalendarAsync), Records.Customer, ViewCustomers),
        Write<CareService>(nameof(CareService.CreateTasksAsync), Records.Customer, EditCustomers, "tasks only for customers the caller may edit"),

        Aggregate<ChurnReportService>(nameof(ChurnReportService.GetAsync), Records.Customer, ViewReports),
        Aggregate<ChurnReportService>(nameof(ChurnReportService.ChurnedAsync), Records.Customer, ViewReports, "drill-down rows of the report"),

        Read<ChurnService>(nameof(ChurnService.ListAsync), Records.Customer, [ActOnChurn, ViewReports]),
        Read<ChurnService>(nameof(ChurnService.GetAsync), Records.Customer, [ActOnChurn, ViewReports]),
        Write<ChurnService>(nameof(ChurnService.PostponeAsync), Records.Customer, ActOnChurn, "the customer's owner") with { OwnOnly = true },
        Write<ChurnService>(nameof(ChurnService.ConfirmAsync), Records.Customer, ActOnChurn, "the customer's owner") with { OwnOnly = true },
        Setting<ChurnService>(nameof(ChurnService.NoOrderMonthsAsync), ViewCustomers, "the warning rule's period"),

        Aggregate<CompositionReportService>(nameof(CompositionReportService.GetAsync), Records.Customer, ViewReports),

        Aggregate<ContributionReportService>(nameof(ContributionReportService.GetAsync), Records.Customer, ViewReports),
        Aggregate<ContributionReportService>(nameof(ContributionReportService.RankAsync), Records.Customer, ViewReports, "top customers of the report"),

        SignedIn<CrmDbFactory>(nameof(CrmDbFactory.CreateAsync), "opens a context bound to the caller's own scope"),
        SignedIn<CrmDbFactory>(nameof(CrmDbFactory.GetScopeAsync), "the caller's own scope"),

        SignedIn<CrmEventHub>(nameof(CrmEventHub.Subscribe), "delivers only what EventAccess lets the subscriber's scope see"),
        System<CrmEventHub>(nameof(CrmEventHub.PublishAsync), "services, after a committed save"),
        System<CrmEventHub>(nameof(CrmEventHub.RunInBackground)),
        System<CrmEventHub>(nameof(CrmEventHub.FlushAsync)),
        System<CrmEventHub>(nameof(CrmEventHub.Dispose)),

        Write<CustomerEditService>(nameof(CustomerEditService.CreateAsync), Records.Customer, EditCustomers, "an account manager's new customer is their own; a manager gives it to the team"),
        Write<CustomerEditService>(nameof(CustomerEditService.EditAsync), Records.Customer, EditCustomers, "only managers and admins change the owner"),
        Write<CustomerEditService>(nameof(CustomerEditService.DeleteAsync), Records.Customer, EditCustomers),
        Write<CustomerEditService>(nameof(CustomerEditService.MarkInactiveAsync), Records.Customer, EditCustomers),
        Write<CustomerEditService>(nameof(CustomerEditService.ReactivateAsync), Records.Customer, EditCustomers),
        Write<CustomerEditService>(nameof(CustomerEditService.AddTagAsync), Records.Customer, EditCustomers),
        Write<CustomerEditService>(nameof(CustomerEditService.RemoveTagAsync), Records.Customer, EditCustomers),

        Write<CustomerRecordsService>(nameof(CustomerRecordsService.AddContactAsync), Records.Customer, EditCustomers),
        Write<CustomerRecordsService>(nameof(CustomerRecordsService.EditContactAsync), Records.Customer, EditCustomers),
        Write<CustomerRecordsService>(nameof(CustomerRecordsService.DeleteContactAsync), Records.Customer, EditCustomers),
        Write<CustomerRecordsService>(nameof(CustomerRecordsService.GetContactAsync), Records.Customer, EditCustomers, "a contact in clear, for its edit dialog"),
        Write<CustomerRecordsService>(nameof(CustomerRecordsService.AddInteractionAsync), Records.Customer, EditCustomers),
        Write<CustomerRecordsService>(nameof(CustomerRecordsService.EditInteractionAsync), Records.Customer, EditCustomers),
        Write<CustomerRecordsService>(nameof(CustomerRecordsService.DeleteInteractionAsync), Records.Customer, EditCustomers),
        Read<CustomerRecordsService>(nameof(CustomerRecordsService.GetInteractionAsync), Records.Customer, ViewCustomers),

        Read<CustomerService>(nameof(CustomerService.ListAsync), Records.Customer, ViewCustomers),
        Read<CustomerService>(nameof(CustomerService.GetAsync), Records.Customer, ViewCustomers),
        Read<CustomerService>(nameof(CustomerService.StreamAsync), Records.Customer, ViewCustomers, "the CSV export"),
        Read<CustomerService>(nameof(CustomerService.ListOrdersAsync), Records.Customer, ViewCustomers),
        Read<CustomerService>(nameof(CustomerService.ListInteractionsAsync), Records.Customer, ViewCustomers),

        Read<CustomerTrackingService>(nameof(CustomerTrackingService.ActivityAsync), Records.Customer, ViewCustomers),
        Read<CustomerTrackingService>(nameof(CustomerTrackingService.FollowUpLogAsync), Records.Customer, ViewCustomers),
        Read<CustomerTrackingService>(nameof(CustomerTrackingService.NextFollowUpAsync), Records.Customer, ViewCustomers),
        Read<CustomerTrackingService>(nameof(CustomerTrackingService.ListTicketsAsync), Records.Customer, ViewCustomers, "the customer's tickets, only when the customer is reached"),
        Read<CustomerTrackingService>(nameof(CustomerTrackingService.OrderLinesAsync), Records.Customer, ViewCustomers),
        Read<CustomerTrackingService>(nameof(CustomerTrackingService.TimelineAsync), Records.Customer, ViewCustomers),

        System<CustomerValueScorer>(nameof(CustomerValueScorer.ScoreAsync), "the nightly job and the clv command"),

        Read<CustomerValueService>(nameof(CustomerValueService.GetAsync), Records.Customer, ViewCustomers),
        Setting<CustomerValueService>(nameof(CustomerValueService.LatestRunAsync), ViewCustomers, "the model run's statistics, no customer"),

        Aggregate<DashboardService>(nameof(DashboardService.GetAsync), Records.Customer, ViewDashboard),
        Aggregate<DashboardService>(nameof(DashboardService.StagesAsync), Records.Customer, ViewDashboard),
        Aggregate<DashboardService>(nameof(DashboardService.PipelineAsync), Records.Opportunity, ViewDashboard),
        Aggregate<DashboardService>(nameof(DashboardService.FollowUpsAsync), Records.FollowUpTask, ViewDashboard),
        Aggregate<DashboardService>(nameof(DashboardService.ChurnAsync), Records.Customer, ViewDashboard),
        Aggregate<DashboardService>(nameof(DashboardService.AwaitingAssignmentAsync), Records.Opportunity, ViewDashboard, "empty unless the caller assigns opportunities"),
        Aggregate<DashboardService>(nameof(DashboardService.TicketsAsync), Records.Ticket, ViewDashboard),

        System<DatabaseInitializer>(nameof(DatabaseInitializer.MigrateAsync)),
        System<DatabaseOptions>(nameof(DatabaseOptions.ResolveConnectionString)),

        Aggregate<DataQualityService>(nameof(DataQualityService.ReportAsync), Records.Customer, ReviewDataQuality),

        System<DemoSeeder>(nameof(DemoSeeder.SeedIfEmptyAsync)),

        SignedIn<DictionaryCache>(nameof(DictionaryCache.ListAsync), "reference data"),
        SignedIn<DictionaryCache>(nameof(DictionaryCache.LabellerAsync), "reference data"),
        System<DictionaryCache>(nameof(DictionaryCache.Invalidate)),

        Read<FollowUpService>(nameof(FollowUpService.ListAsync), Records.FollowUpTask, ViewDashboard),
        Aggregate<FollowUpService>(nameof(FollowUpService.CountsAsync), Records.FollowUpTask, ViewDashboard),
        Read<FollowUpService>(nameof(FollowUpService.GetAsync), Records.FollowUpTask, ViewDashboard),
        Write<FollowUpService>(nameof(FollowUpService.CompleteAsync), Records.FollowUpTask, ViewDashboard, "only the assignee completes a task") with { OwnOnly = true },

        Write<ImportService>(nameof(ImportService.ImportAsync), Records.Customer, ImportData, "rows land only on customers the caller reaches"),

        Write<LeadService>(nameof(LeadService.SubmitAsync), Records.Opportunity, CreateOpportunities),
        Public<LeadService>(nameof(LeadService.SubmitFromApiAsync), "POST /api/leads with a valid API key"),
        Public<LeadService>(nameof(LeadService.IsValidApiKeyAsync)),
        Write<LeadService>(nameof(LeadService.ImportCsvAsync), Records.Opportunity, [ImportData, CreateOpportunities], "needs both"),
        System<LeadService>(nameof(LeadService.ReturnStaleLeadsAsync), "the hourly pool job"),
        Setting<LeadService>(nameof(LeadService.ListRulesAsync), AssignOpportunities, "lead distribution rules"),
        Setting<LeadService>(nameof(LeadService.AddRuleAsync), AssignOpportunities),
        Setting<LeadService>(nameof(LeadService.SetRuleActiveAsync), AssignOpportunities),
        Setting<LeadService>(nameof(LeadService.MoveRuleAsync), AssignOpportunities),
        Setting<LeadService>(nameof(LeadService.DeleteRuleAsync), AssignOpportunities),
        Setting<LeadService>(nameof(LeadService.GetPoolReturnDaysAsync), AssignOpportunities),
        Setting<LeadService>(nameof(LeadService.SetPoolReturnDaysAsync), AssignOpportunities),
        AdminOnly<LeadService>(nameof(LeadService.RegenerateApiKeyAsync), ManageSettings),
        Setting<LeadService>(nameof(LeadService.HasApiKeyAsync), AssignOpportunities, "whether a key exists, never the key"),

        System<LifecycleEvaluator>(nameof(LifecycleEvaluator.EvaluateAsync), "services after a change, on the ids they already checked"),
        System<LifecycleEvaluator>(nameof(LifecycleEvaluator.RecomputeAsync), "the nightly job and the recompute command"),

        Aggregate<LifecycleReportService>(nameof(LifecycleReportService.GetAsync), Records.Customer, ViewReports),

        Read<OpportunityBoardService>(nameof(OpportunityBoardService.GetAsync), Records.Opportunity, AssignOpportunities),
        Aggregate<OpportunityBoardService>(nameof(OpportunityBoardService.ColumnsAsync), Records.Opportunity, AssignOpportunities),

        Read<OpportunityService>(nameof(OpportunityService.ListAsync), Records.Opportunity, ViewOpportunities),
        Read<OpportunityService>(nameof(OpportunityService.GetAsync), Records.Opportunity, ViewOpportunities),
        Write<OpportunityService>(nameof(OpportunityService.CreateAsync), Records.Opportunity, CreateOpportunities),
        Write<OpportunityService>(nameof(OpportunityService.EditAsync), Records.Opportunity, CreateOpportunities, "while unassigned") with { OwnUnless = AssignOpportunities },
        Write<OpportunityService>(nameof(OpportunityService.DeleteAsync), Records.Opportunity, CreateOpportunities, "its creator, while unassigned") with { OwnOnly = true },
        Write<OpportunityService>(nameof(OpportunityService.AssignAsync), Records.Opportunity, AssignOpportunities),
        Write<OpportunityService>(nameof(OpportunityService.UnassignAsync), Records.Opportunity, AssignOpportunities),
        Write<OpportunityService>(nameof(OpportunityService.ClaimAsync), Records.Opportunity, DevelopOpportunities, "from the pool"),
        Write<OpportunityService>(nameof(OpportunityService.AddPlanStepAsync), Records.Opportunity, DevelopOpportunities, "the assignee") with { OwnOnly = true },
        Write<OpportunityService>(nameof(OpportunityService.EditPlanStepAsync), Records.Opportunity, DevelopOpportunities, "the assignee") with { OwnOnly = true },
        Write<OpportunityService>(nameof(OpportunityService.StartDevelopmentAsync), Records.Opportunity, DevelopOpportunities, "the assignee") with { OwnOnly = true },
        Write<OpportunityService>(nameof(OpportunityService.RecordStepResultAsync), Records.Opportunity, DevelopOpportunities, "the assignee") with { OwnOnly = true },
        Write<OpportunityService>(nameof(OpportunityService.MarkLostAsync), Records.Opportunity, DevelopOpportunities, "the assignee") with { OwnOnly = true },
        Write<OpportunityService>(nameof(OpportunityService.MarkWonAsync), Records.Opportunity, DevelopOpportunities, "the assignee") with { OwnOnly = true },

        Aggregate<PipelineStatsService>(nameof(PipelineStatsService.GetAsync), Records.Opportunity, ViewOpportunities),

        Aggregate<PlaybookEffectService>(nameof(PlaybookEffectService.GetAsync), Records.Customer, ViewReports),

        Setting<PlaybookService>(nameof(PlaybookService.ListAsync), ViewCustomers, "the stage playbooks"),
        AdminOnly<PlaybookService>(nameof(PlaybookService.UpdateAsync), ManageSettings),

        Read<RevisitService>(nameof(RevisitService.GetAsync), Records.FollowUpTask, ViewDashboard),
        Write<RevisitService>(nameof(RevisitService.CompleteAsync), Records.FollowUpTask, ViewDashboard, "only the assignee; correcting customer data needs EditCustomers") with { OwnOnly = true },

        System<SchemaMigrator>(nameof(SchemaMigrator.MigrateAsync)),

        SignedIn<ServiceLevelSettingsService>(nameof(ServiceLevelSettingsService.CurrentAsync), "the service-level targets"),
        AdminOnly<ServiceLevelSettingsService>(nameof(ServiceLevelSettingsService.GetAsync), ManageSettings),
        AdminOnly<ServiceLevelSettingsService>(nameof(ServiceLevelSettingsService.SaveAsync), ManageSettings),

        Aggregate<ServiceQualityService>(nameof(ServiceQualityService.MeasureAsync), Records.Ticket, ViewReports),
        Aggregate<ServiceQualityService>(nameof(ServiceQualityService.DueTicketsAsync), Records.Ticket, ViewReports),

        System<SqlDialect>(nameof(SqlDialect.LockForMigrationAsync)),
        System<SqlDialect>(nameof(SqlDialect.UnlockForMigrationAsync)),
        System<SqlDialect>(nameof(SqlDialect.Quote)),
        System<SqlDialect>(nameof(SqlDialect.ResetIdentityAsync)),
        System<SqlDialect>(nameof(SqlDialect.TuneAsync)),
        System<SqlDialect>(nameof(SqlDialect.ToDb)),
        System<SqlDialect>(nameof(SqlDialect.Typed)),

        AdminOnly<StageSettingsService>(nameof(StageSettingsService.GetAsync), ManageSettings),
        AdminOnly<StageSettingsService>(nameof(StageSettingsService.SaveAsync), ManageSettings),

        Read<TicketBoardService>(nameof(TicketBoardService.GetAsync), Records.Ticket, AssignTickets),
        Aggregate<TicketBoardService>(nameof(TicketBoardService.ColumnsAsync), Records.Ticket, AssignTickets),

        System<TicketReminderService>(nameof(TicketReminderService.RemindOverdueAsync), "the overdue-ticket job"),

        Read<TicketService>(nameof(TicketService.ListAsync), Records.Ticket, ViewTickets),
        Read<TicketService>(nameof(TicketService.StreamAsync), Records.Ticket, ViewTickets, "the CSV export"),
        Read<TicketService>(nameof(TicketService.GetAsync), Records.Ticket, ViewTickets),
        Read<TicketService>(nameof(TicketService.CustomerChoicesAsync), Records.Customer, CreateTickets, "customers to open a ticket for"),
        Write<TicketService>(nameof(TicketService.CreateAsync), Records.Customer, CreateTickets, "for a customer the caller reaches"),
        Write<TicketService>(nameof(TicketService.EditAsync), Records.Ticket, CreateTickets, "its creator, or a supervisor, while new or assigned") with { OwnUnless = AssignTickets },
        Write<TicketService>(nameof(TicketService.AssignAsync), Records.Ticket, AssignTickets),
        Write<TicketService>(nameof(TicketService.HandleAsync), Records.Ticket, HandleTickets, "the assignee") with { OwnOnly = true },
        Write<TicketService>(nameof(TicketService.GiveFeedbackAsync), Records.Ticket, CreateTickets),
        Write<TicketService>(nameof(TicketService.ArchiveAsync), Records.Ticket, CreateTickets, "its creator or its handler, once closed") with { OwnUnless = AssignTickets },

        AdminOnly<UserAdminService>(nameof(UserAdminService.ListAsync), ManageUsers),
        AdminOnly<UserAdminService>(nameof(UserAdminService.ListTeamsAsync), ManageUsers),
        AdminOnly<UserAdminService>(nameof(UserAdminService.CreateAsync), ManageUsers),
        AdminOnly<UserAdminService>(nameof(UserAdminService.UpdateAsync), ManageUsers),
        AdminOnly<UserAdminService>(nameof(UserAdminService.ResetPasswordAsync), ManageUsers),
        AdminOnly<UserAdminService>(nameof(UserAdminService.SetActiveAsync), ManageUsers),
        AdminOnly<UserAdminService>(nameof(UserAdminService.UnlockAsync), ManageUsers),
        AdminOnly<UserAdminService>(nameof(UserAdminService.SaveTeamAsync), ManageUsers),

        SignedIn<UserDirectory>(nameof(UserDirectory.GetAsync), "names and teams of users, for pickers and labels"),
        System<UserDirectory>(nameof(UserDirectory.ScopeForAsync), "sign-in builds the caller's scope"),
        System<UserDirectory>(nameof(UserDirectory.Invalidate)),

        Aggregate<ValueReportService>(nameof(ValueReportService.GetAsync), Records.Customer, ViewReports),

        System<VolumeSeeder>(nameof(VolumeSeeder.SeedAsync), "the seed-volume command"),

        System<WonOpportunityCustomers>(nameof(WonOpportunityCustomers.CreateAsync), "inside MarkWonAsync, on its own context"),

        // issue #7: personal data (reveal, consent, export, erasure) and the audit trail
        System<AuditLog>(nameof(AuditLog.ExportAsync), "records the caller's own download"),
        System<AuditLog>(nameof(AuditLog.RefusedAsync), "records a refusal the caller met"),
        System<AuditLog>(nameof(AuditLog.RevealAsync), "records the caller's own reveal (RevealService checks the right first)"),
        AdminOnly<AuditTrailService>(nameof(AuditTrailService.SearchAsync), ManageUsers, "the whole trail: admins"),
        AdminOnly<AuditTrailService>(nameof(AuditTrailService.ExportAsync), ManageUsers, "the whole trail: admins; the export is audited"),
        Read<AuditTrailService>(nameof(AuditTrailService.HistoryAsync), Records.Customer, [AssignOpportunities, AssignTickets],
            "a record's own history: admins, and sales managers for records they see"),
        SignedIn<AuditTrailService>(nameof(AuditTrailService.CanReadHistoryAsync), "says whether the caller's role reads histories"),
        Write<CustomerRecordsService>(nameof(CustomerRecordsService.GiveConsentAsync), Records.Customer, EditCustomers, "consent of a contact of a customer the caller may edit"),
        Write<CustomerRecordsService>(nameof(CustomerRecordsService.WithdrawConsentAsync), Records.Customer, EditCustomers, "one click; cancels the contact's open greetings"),
        AdminOnly<ErasureService>(nameof(ErasureService.EraseContactAsync), ManageUsers, "PIPL art. 47: admins, any contact; audited"),
        AdminOnly<ErasureService>(nameof(ErasureService.EraseCustomerAsync), ManageUsers, "PIPL art. 47: admins, any customer; audited"),
        AdminOnly<PersonalDataExportService>(nameof(PersonalDataExportService.SubjectsAsync), ManageUsers, "the people held about a customer"),
        AdminOnly<PersonalDataExportService>(nameof(PersonalDataExportService.ExportCustomerAsync), ManageUsers, "PIPL art. 45: everything held; audited"),
        AdminOnly<PersonalDataExportService>(nameof(PersonalDataExportService.ExportContactAsync), ManageUsers, "PIPL art. 45: everything held; audited"),
        Read<RevealService>(nameof(RevealService.CustomerFieldAsync), Records.Customer, ViewCustomers, "in clear only for the owner, their manager, admins; audited, refusals too"),
        Read<RevealService>(nameof(RevealService.ContactFieldAsync), Records.Customer, ViewCustomers, "in clear only for the owner, their manager, admins; audited, refusals too"),
        Read<RevealService>(nameof(RevealService.OpportunityPhoneAsync), Records.Opportunity, ViewOpportunities, "the assignee or creator, their manager, admins; audited"),

        // issue #8: basic data, products, segments, campaigns, customer events
        SignedIn<DictionaryCache>(nameof(DictionaryCache.FormOptionsAsync), "reference data: active entries plus the record's own"),
        System<DictionaryCache>(nameof(DictionaryCache.ReloadAsync), "after a dictionary change"),
        AdminOnly<DictionaryService>(nameof(DictionaryService.ListAsync), ManageSettings),
        AdminOnly<DictionaryService>(nameof(DictionaryService.AddAsync), ManageSettings),
        AdminOnly<DictionaryService>(nameof(DictionaryService.RenameAsync), ManageSettings),
        AdminOnly<DictionaryService>(nameof(DictionaryService.SetActiveAsync), ManageSettings),
        AdminOnly<DictionaryService>(nameof(DictionaryService.MoveAsync), ManageSettings),
        AdminOnly<DictionaryService>(nameof(DictionaryService.UsageAsync), ManageSettings),
        AdminOnly<DictionaryService>(nameof(DictionaryService.DeleteAsync), ManageSettings, "refused while in use, saying where"),
        SignedIn<ProductService>(nameof(ProductService.SearchAsync), "the catalogue, read-only for everyone"),
        SignedIn<ProductService>(nameof(ProductService.GetAsync), "the catalogue, read-only for everyone"),
        SignedIn<ProductService>(nameof(ProductService.InventoryAsync), "stock, read-only for everyone"),
        SignedIn<ProductService>(nameof(ProductService.WarehousesAsync), "stock, read-only for everyone"),
        Read<ProductService>(nameof(ProductService.OrderLinesAsync), Records.Customer, ViewCustomers, "lines of a visible customer's order; stock only for salespeople"),
        Setting<SegmentService>(nameof(SegmentService.SaveAsync), ViewCustomers, "the caller's own segment (a filter, no ids)"),
        Aggregate<SegmentService>(nameof(SegmentService.ListAsync), Records.Customer, ViewCustomers, "own and shared segments, members counted within the caller's reach"),
        Aggregate<SegmentService>(nameof(SegmentService.GetAsync), Records.Customer, ViewCustomers, "an own or shared segment, counted within the caller's reach"),
        Setting<SegmentService>(nameof(SegmentService.ResolveAsync), ViewCustomers, "an own or shared segment as a customer filter"),
        Setting<SegmentService>(nameof(SegmentService.RenameAsync), ViewCustomers, "the segment's owner only"),
        Setting<SegmentService>(nameof(SegmentService.DeleteAsync), ViewCustomers, "the segment's owner only; refused while a campaign aims at it"),
        Read<SegmentService>(nameof(SegmentService.StreamContactsAsync), Records.Customer, EditCustomers, "contacts of the members the caller sees, masked per policy"),
        Aggregate<CampaignService>(nameof(CampaignService.ListAsync), null, ViewCampaigns, "every campaign with its measures"),
        Aggregate<CampaignService>(nameof(CampaignService.GetAsync), null, ViewCampaigns, "a campaign with its measures"),
        Read<CampaignService>(nameof(CampaignService.ListTargetsAsync), Records.Customer, ViewCampaigns, "targets whose customer the caller sees"),
        Read<CampaignService>(nameof(CampaignService.GetTaskAsync), Records.FollowUpTask, ViewCampaigns),
        Setting<CampaignService>(nameof(CampaignService.PresetsAsync), RunCampaigns, "the stage playbooks as campaign presets"),
        Write<CampaignService>(nameof(CampaignService.PlanAsync), Records.Customer, RunCampaigns, "admins any owner; managers the team; account managers themselves"),
        Write<CampaignService>(nameof(CampaignService.UpdateAsync), Records.Customer, RunCampaigns, "admins any; managers the team's; account managers own campaigns"),
        Write<CampaignService>(nameof(CampaignService.LaunchAsync), Records.Customer, RunCampaigns, "targets resolved within the launcher's reach, consenting contacts only"),
        Write<CampaignService>(nameof(CampaignService.RecordResponseAsync), Records.Customer, ViewCampaigns, "the target's owner, their manager, or an admin"),
        Aggregate<CustomerEventService>(nameof(CustomerEventService.ListAsync), null, ViewEvents, "every event with its measures"),
        Aggregate<CustomerEventService>(nameof(CustomerEventService.SummaryAsync), null, ViewEvents, "measures across events"),
        Aggregate<CustomerEventService>(nameof(CustomerEventService.GetAsync), null, ViewEvents, "an event with its measures"),
        Setting<CustomerEventService>(nameof(CustomerEventService.CreateAsync), ManageEvents, "owner: the caller's team (any for admins)"),
        Setting<CustomerEventService>(nameof(CustomerEventService.EditAsync), ManageEvents, "the team's events (any for admins)"),
        Setting<CustomerEventService>(nameof(CustomerEventService.OpenRegistrationAsync), ManageEvents, "the team's events (any for admins)"),
        Setting<CustomerEventService>(nameof(CustomerEventService.MarkHeldAsync), ManageEvents, "the team's events (any for admins)"),
        Setting<CustomerEventService>(nameof(CustomerEventService.CloseAsync), ManageEvents, "the team's events (any for admins)"),
        Setting<CustomerEventService>(nameof(CustomerEventService.CancelAsync), ManageEvents, "the team's events (any for admins); cancels open invitation tasks"),
        Write<EventInvitationService>(nameof(EventInvitationService.PreviewAsync), Records.Customer, ManageEvents, "customers within the caller's reach; consenting contacts"),
        Write<EventInvitationService>(nameof(EventInvitationService.InviteAsync), Records.Customer, ManageEvents, "customers within the caller's reach; consenting contacts"),
        Read<EventInvitationService>(nameof(EventInvitationService.ListAsync), Records.Customer, ViewEvents, "invitations of customers the caller sees, masked"),
        Read<EventInvitationService>(nameof(EventInvitationService.StreamAsync), Records.Customer, ViewEvents, "the participants CSV, masked, audited"),
        Read<EventInvitationService>(nameof(EventInvitationService.ListForCustomerAsync), Records.Customer, ViewEvents, "a visible customer's participation"),
        Write<EventInvitationService>(nameof(EventInvitationService.RespondAsync), Records.Customer, RecordEventRegistrations),
        Write<EventInvitationService>(nameof(EventInvitationService.RecordAttendanceAsync), Records.Customer, RecordEventAttendance),
        Write<EventInvitationService>(nameof(EventInvitationService.RecordSatisfactionAsync), Records.Customer, RecordEventAttendance),
    ];
}
