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
    ];
}
