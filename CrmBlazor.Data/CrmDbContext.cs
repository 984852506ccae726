using CrmBlazor.Data.Identity;
using CrmBlazor.Data.Infrastructure;
using CrmBlazor.Domain.Access;
using CrmBlazor.Domain.Audit;
using CrmBlazor.Domain.BasicData;
using CrmBlazor.Domain.Common;
using CrmBlazor.Domain.Behaviour;
using CrmBlazor.Domain.Customers;
using CrmBlazor.Domain.CustomerEvents;
using CrmBlazor.Domain.Lifecycle;
using CrmBlazor.Domain.Opportunities;
using CrmBlazor.Domain.Orders;
using CrmBlazor.Domain.Organisation;
using CrmBlazor.Domain.Privacy;
using CrmBlazor.Domain.Products;
using CrmBlazor.Domain.Service;
using CrmBlazor.Domain.Value;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;

namespace CrmBlazor.Data;

/// <summary>
/// The CRM's EF Core context. Each instance is bound to one <see cref="AccessScope"/>: the query
/// filters in <c>CrmDbContext.Access.cs</c> make every query return only what that caller may
/// see. A context created without a scope (Identity's plumbing) sees no business record.
/// Create contexts through <see cref="Access.CrmDbFactory"/>.
/// </summary>
public sealed partial class CrmDbContext(DbContextOptions<CrmDbContext> options) : IdentityDbContext<AppUser>(options)
{
    public AccessScope Scope { get; private set; } = AccessScope.None;

    /// <summary>Injected clock for audit and version stamps; set by the factory.</summary>
    internal TimeProvider Clock { get; set; } = TimeProvider.System;

    /// <summary>The client address recorded in the audit trail, when known.</summary>
    internal string? ClientAddress { get; set; }

    /// <summary>Seeding writes thousands of generated rows that are not user actions; it turns the row-by-row audit off.</summary>
    internal bool SuppressAudit { get; set; }

    public DbSet<Customer> Customers => Set<Customer>();
    public DbSet<Contact> Contacts => Set<Contact>();
    public DbSet<Interaction> Interactions => Set<Interaction>();
    public DbSet<CustomerTag> CustomerTags => Set<CustomerTag>();
    public DbSet<Order> Orders => Set<Order>();
    public DbSet<OrderLine> OrderLines => Set<OrderLine>();
    public DbSet<Product> Products => Set<Product>();
    public DbSet<InventoryItem> Inventory => Set<InventoryItem>();
    public DbSet<BehaviourEvent> BehaviourEvents => Set<BehaviourEvent>();
    public DbSet<Opportunity> Opportunities => Set<Opportunity>();
    public DbSet<DevelopmentPlanStep> DevelopmentPlanSteps => Set<DevelopmentPlanStep>();
    public DbSet<OpportunityHistoryEntry> OpportunityHistory => Set<OpportunityHistoryEntry>();
    public DbSet<LeadDistributionRule> LeadDistributionRules => Set<LeadDistributionRule>();
    public DbSet<ServiceTicket> Tickets => Set<ServiceTicket>();
    public DbSet<TicketHistoryEntry> TicketHistory => Set<TicketHistoryEntry>();
    public DbSet<StageHistoryEntry> StageHistory => Set<StageHistoryEntry>();
    public DbSet<StagePlaybook> Playbooks => Set<StagePlaybook>();
    public DbSet<FollowUpTask> FollowUpTasks => Set<FollowUpTask>();
    public DbSet<ChurnCase> ChurnCases => Set<ChurnCase>();
    public DbSet<ChurnCaseEntry> ChurnCaseEntries => Set<ChurnCaseEntry>();
    public DbSet<DictionaryEntry> Dictionary => Set<DictionaryEntry>();
    public DbSet<Setting> Settings => Set<Setting>();
    public DbSet<AuditEntry> AuditEntries => Set<AuditEntry>();
    public DbSet<Team> Teams => Set<Team>();
    public DbSet<ErasureTombstone> ErasureTombstones => Set<ErasureTombstone>();
    public DbSet<CustomerValueScore> ValueScores => Set<CustomerValueScore>();
    public DbSet<ValueModelRun> ValueModelRuns => Set<ValueModelRun>();
    public DbSet<Value.ValueSegmentFact> ReportValueSegments => Set<Value.ValueSegmentFact>();
    public DbSet<Value.ValueClvFact> ReportValueClv => Set<Value.ValueClvFact>();
    public DbSet<Reports.CustomerCubeFact> ReportCustomerCube => Set<Reports.CustomerCubeFact>();
    public DbSet<Reports.CustomerRevenueFact> ReportCustomerRevenue => Set<Reports.CustomerRevenueFact>();
    public DbSet<Reports.StageFlowFact> ReportStageFlows => Set<Reports.StageFlowFact>();
    public DbSet<CustomerEvent> CustomerEvents => Set<CustomerEvent>();
    public DbSet<EventInvitation> EventInvitations => Set<EventInvitation>();
    public DbSet<Domain.Campaigns.CustomerSegment> Segments => Set<Domain.Campaigns.CustomerSegment>();
    public DbSet<Domain.Campaigns.Campaign> Campaigns => Set<Domain.Campaigns.Campaign>();
    public DbSet<Domain.Campaigns.CampaignTarget> CampaignTargets => Set<Domain.Campaigns.CampaignTarget>();

    internal void Bind(AccessScope scope) => Scope = scope;

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        builder.ApplyConfigurationsFromAssembly(typeof(CrmDbContext).Assembly);
        Configurations.CustomerNameSearchIndex.Apply(builder, Database.ProviderName);
        foreach (var entity in builder.Model.GetEntityTypes().Where(e => typeof(IVersioned).IsAssignableFrom(e.ClrType)))
            builder.Entity(entity.ClrType).Property(nameof(IVersioned.Version)).IsConcurrencyToken();
        ApplyAccessFilters(builder);
    }

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        ProviderConventions.Apply(configurationBuilder, Database.ProviderName);
    }
}
