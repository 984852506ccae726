using CrmBlazor.Data.Audit;
using System.Linq.Expressions;
using CrmBlazor.Data.Access;
using CrmBlazor.Data.Common;
using CrmBlazor.Data.Events;
using CrmBlazor.Data.Users;
using CrmBlazor.Domain.Access;
using CrmBlazor.Domain.Common;
using CrmBlazor.Domain.Opportunities;
using CrmBlazor.Domain.Privacy;
using Microsoft.EntityFrameworkCore;

namespace CrmBlazor.Data.Opportunities;

/// <summary>
/// Sales opportunities (销售机会), PRODUCT.md §3: list, read, create, edit and delete while
/// unassigned, assign, develop with a plan, win (creating the customer) or lose, claim from the
/// pool. Each change is checked against the version the caller saw, committed, and then published.
/// Refusals are <see cref="DomainException"/>s the UI translates.
/// </summary>
public sealed class OpportunityService(CrmDbFactory dbFactory, CrmEventHub events, UserDirectory users, WonOpportunityCustomers wonCustomers, Lifecycle.LifecycleEvaluator lifecycle, TimeProvider clock)
{
    private static readonly Dictionary<string, Expression<Func<Opportunity, object?>>> Sorts = new()
    {
        ["Id"] = o => o.Id,
        ["CustomerName"] = o => o.CustomerName,
        ["Summary"] = o => o.Summary,
        ["Probability"] = o => o.Probability,
        ["ExpectedAmount"] = o => o.ExpectedAmount,
        ["Status"] = o => o.Status,
        ["CreatedAt"] = o => o.CreatedAt,
        ["AssignedAt"] = o => o.AssignedAt,
        ["SourceCode"] = o => o.SourceCode,
    };

    public async Task<PagedResult<OpportunityRow>> ListAsync(OpportunityQuery q, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateAsync(ct);
        db.Scope.Require(Capability.ViewOpportunities);
        var sorted = (IOrderedQueryable<Opportunity>)Filter(db.Opportunities.AsNoTracking(), q).SortBy(q.SortBy, q.SortBy is null || q.Descending, Sorts, "CreatedAt");
        return await sorted.ThenByDescending(o => o.Id).Select(OpportunityRow.Projection).ToPageAsync(q, ct);
    }

    internal static IQueryable<Opportunity> Filter(IQueryable<Opportunity> query, OpportunityQuery q)
    {
        if (!string.IsNullOrWhiteSpace(q.Text))
        {
            var text = q.Text.Trim();
            query = query.Where(o => o.CustomerName.Contains(text) || o.Summary.Contains(text));
        }
        if (q.Status is { } status) query = query.Where(o => o.Status == status);
        if (q.OpenOnly) query = query.Where(o => o.Status == OpportunityStatus.Unassigned || o.Status == OpportunityStatus.Assigned || o.Status == OpportunityStatus.Developing);
        if (!string.IsNullOrEmpty(q.SourceCode)) query = query.Where(o => o.SourceCode == q.SourceCode);
        if (!string.IsNullOrEmpty(q.AssignedToId)) query = query.Where(o => o.AssignedToId == q.AssignedToId);
        if (q.ProbabilityMin is { } min) query = query.Where(o => o.Probability >= min);
        if (q.ProbabilityMax is { } max) query = query.Where(o => o.Probability <= max);
        if (q.InPool is { } pool) query = query.Where(o => o.InPool == pool);
        if (!string.IsNullOrEmpty(q.RegionCode)) query = query.Where(o => o.RegionCode == q.RegionCode);
        if (!string.IsNullOrEmpty(q.IndustryCode)) query = query.Where(o => o.IndustryCode == q.IndustryCode);
        return query;
    }

    public async Task<Lookup<OpportunityDetail>> GetAsync(int id, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateAsync(ct);
        db.Scope.Require(Capability.ViewOpportunities);
        var o = await db.Opportunities.AsNoTracking().Include(x => x.PlanSteps).Include(x => x.History).FirstOrDefaultAsync(x => x.Id == id, ct);
        if (o is null)
            return await db.Opportunities.IgnoreQueryFilters().AnyAsync(x => x.Id == id, ct) ? await db.RefusedAsync<OpportunityDetail>("Opportunity", id, ct) : Lookup<OpportunityDetail>.NotFound;
        var scope = db.Scope;
        var me = scope.UserId;
        var phone = PersonalDataPolicy.OnScreen(PersonalKind.Phone, o.ContactPhone);
        var unassigned = o.Status == OpportunityStatus.Unassigned;
        return Lookup<OpportunityDetail>.Found(new OpportunityDetail(OpportunityRow.Of(o), o.ContactName, phone, o.Description, o.LostReason,
            o.CustomerId, o.IntakeChannel, o.LastWorkedAt, o.ClosedAt,
            o.PlanSteps.OrderBy(s => s.Sequence).Select(s => new PlanStepRow(s.Sequence, s.PlannedDate, s.Action, s.Result, s.ResultAt)).ToArray(),
            o.History.OrderByDescending(h => h.At).ThenByDescending(h => h.Id).Select(h => new OpportunityHistoryRow(h.Kind, h.ByUserId, h.At, h.Detail)).ToArray(),
            CanEdit: unassigned && (o.CreatedById == me || scope.Can(Capability.AssignOpportunities)) && scope.Can(Capability.CreateOpportunities),
            CanDelete: unassigned && o.CreatedById == me,
            CanAssign: scope.Can(Capability.AssignOpportunities) && o.Status is OpportunityStatus.Unassigned or OpportunityStatus.Assigned,
            CanDevelop: scope.Can(Capability.DevelopOpportunities) && o.AssignedToId == me && o.IsOpen,
            CanClaim: o.InPool && scope.Profile == AccessProfile.AccountManager)
        {
            CanRevealPhone = o.ContactPhone is not null && scope.Profile != AccessProfile.System
                && PersonalDataPolicy.SeesClear(scope, o.AssignedToId ?? o.CreatedById, o.CreatedById),
        });
    }

    /// <summary>Creates an opportunity; id, creator and creation time are set here, not by the caller.</summary>
    public async Task<int> CreateAsync(OpportunityDetails details, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateAsync(ct);
        db.Scope.Require(Capability.CreateOpportunities);
        var opportunity = Opportunity.Create(details, db.Scope.RequireUserId(), Now);
        db.Opportunities.Add(opportunity);
        await db.SaveChangesAsync(ct);
        await PublishAsync(opportunity, OpportunityChange.Created, null, db.Scope);
        return opportunity.Id;
    }

    /// <summary>Edits the editable fields while the opportunity is unassigned (creator, or a manager).</summary>
    public Task EditAsync(int id, int expectedVersion, OpportunityDetails details, CancellationToken ct = default) =>
        ChangeAsync(id, expectedVersion, (_, o, scope) =>
        {
            scope.Require(Capability.CreateOpportunities);
            if (o.CreatedById != scope.UserId && !scope.Can(Capability.AssignOpportunities))
                throw new AccessDeniedException("Opportunity.NotCreatorEdit", "Only the creator or a sales manager can edit this opportunity.");
            o.Edit(details, scope.RequireUserId(), Now);
            return Task.FromResult(OpportunityChange.Edited);
        }, ct);

    /// <summary>Deletes an unassigned opportunity; only its creator may.</summary>
    public async Task DeleteAsync(int id, int expectedVersion, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateAsync(ct);
        var o = await LoadAsync(db, id, ct);
        await EnsureVersionAsync(o, expectedVersion);
        o.EnsureDeletableBy(db.Scope.RequireUserId());
        var row = OpportunityRow.Of(o);
        db.Opportunities.Remove(o);
        await SaveAsync(db, o, ct);
        await events.PublishAsync(new OpportunityChanged(id, OpportunityChange.Deleted, row, null, db.Scope.UserId, Now) { Previous = row });
    }

    /// <summary>
    /// Assigns to one account manager (指派). The caller says which version it saw: if someone
    /// assigned it meanwhile, the call is refused with "already assigned to X by Y" — exactly one
    /// of two simultaneous drops wins.
    /// </summary>
    public async Task AssignAsync(int id, int expectedVersion, string assigneeId, CancellationToken ct = default)
    {
        var scope = await dbFactory.GetScopeAsync(ct);
        scope.Require(Capability.AssignOpportunities);
        await EnsureAssignableAsync(scope, assigneeId, ct);
        await ChangeAsync(id, expectedVersion, (_, o, s) =>
        {
            var kind = o.Status == OpportunityStatus.Unassigned ? OpportunityChange.Assigned : OpportunityChange.Reassigned;
            o.AssignTo(assigneeId, s.RequireUserId(), Now);
            return Task.FromResult(kind);
        }, ct);
    }

    /// <summary>Back to Unassigned — refused once development has started.</summary>
    public Task UnassignAsync(int id, int expectedVersion, CancellationToken ct = default) =>
        ChangeAsync(id, expectedVersion, (_, o, scope) =>
        {
            scope.Require(Capability.AssignOpportunities);
            o.Unassign(scope.RequireUserId(), Now);
            return Task.FromResult(OpportunityChange.Unassigned);
        }, ct);

    public Task AddPlanStepAsync(int id, int expectedVersion, DateOnly plannedDate, string action, CancellationToken ct = default) =>
        DevelopAsync(id, expectedVersion, (o, me) => o.AddPlanStep(plannedDate, action, me, Now), OpportunityChange.PlanChanged, ct);

    public Task EditPlanStepAsync(int id, int expectedVersion, int sequence, DateOnly plannedDate, string action, CancellationToken ct = default) =>
        DevelopAsync(id, expectedVersion, (o, me) => o.EditPlanStep(sequence, plannedDate, action, me, Now), OpportunityChange.PlanChanged, ct);

    public Task StartDevelopmentAsync(int id, int expectedVersion, CancellationToken ct = default) =>
        DevelopAsync(id, expectedVersion, (o, me) => o.StartDevelopment(me, Now), OpportunityChange.DevelopmentStarted, ct);

    public Task RecordStepResultAsync(int id, int expectedVersion, int sequence, string result, CancellationToken ct = default) =>
        DevelopAsync(id, expectedVersion, (o, me) => o.RecordStepResult(sequence, result, me, Now), OpportunityChange.PlanChanged, ct);

    public Task MarkLostAsync(int id, int expectedVersion, string reason, CancellationToken ct = default) =>
        DevelopAsync(id, expectedVersion, (o, me) => o.MarkLost(reason, me, Now), OpportunityChange.Lost, ct);

    /// <summary>Won (开发成功): creates the customer, with the opportunity's contact, owned by the assignee — in the same transaction.</summary>
    public async Task<int> MarkWonAsync(int id, int expectedVersion, CancellationToken ct = default)
    {
        var customerId = 0;
        await ChangeAsync(id, expectedVersion, async (db, o, scope) =>
        {
            scope.Require(Capability.DevelopOpportunities);
            var me = scope.RequireUserId();
            if (o.AssignedToId != me)
                throw new DomainException("Opportunity.NotAssignee", "Only the account manager the opportunity is assigned to can develop it.");
            customerId = await wonCustomers.CreateAsync(db, o, Now, ct);
            o.MarkWon(customerId, me, Now);
            return OpportunityChange.Won;
        }, ct);
        await lifecycle.EvaluateAsync([customerId], ct);
        return customerId;
    }

    /// <summary>An account manager claims a lead from the pool (公海); of two simultaneous claims one wins.</summary>
    public Task ClaimAsync(int id, int expectedVersion, CancellationToken ct = default) =>
        ChangeAsync(id, expectedVersion, (_, o, scope) =>
        {
            if (scope.Profile != AccessProfile.AccountManager)
                throw new AccessDeniedException("Opportunity.ClaimRole", "Only account managers claim leads from the pool.");
            o.Claim(scope.RequireUserId(), Now);
            return Task.FromResult(OpportunityChange.Claimed);
        }, ct);

    private DateTime Now => clock.GetUtcNow().UtcDateTime;

    private Task DevelopAsync(int id, int expectedVersion, Action<Opportunity, string> action, OpportunityChange change, CancellationToken ct) =>
        ChangeAsync(id, expectedVersion, (_, o, scope) =>
        {
            scope.Require(Capability.DevelopOpportunities);
            action(o, scope.RequireUserId());
            return Task.FromResult(change);
        }, ct);

    /// <summary>Load (through the caller's filters) → check the version → change → save → publish.</summary>
    private async Task ChangeAsync(int id, int expectedVersion, Func<CrmDbContext, Opportunity, AccessScope, Task<OpportunityChange>> change, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateAsync(ct);
        var o = await LoadAsync(db, id, ct);
        await EnsureVersionAsync(o, expectedVersion);
        var previous = OpportunityRow.Of(o);
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var kind = await change(db, o, db.Scope);
        // a change to the plan alone (a child row) still moves the opportunity's version, so two
        // people editing one plan conflict like any other concurrent change
        var entry = db.Entry(o);
        if (entry.State == EntityState.Unchanged) entry.Property(x => x.Version).IsModified = true;
        await SaveAsync(db, o, ct);
        await tx.CommitAsync(ct);
        await PublishAsync(o, kind, previous, db.Scope);
    }

    private Task PublishAsync(Opportunity o, OpportunityChange kind, OpportunityRow? previous, AccessScope by) =>
        events.PublishAsync(new OpportunityChanged(o.Id, kind, OpportunityRow.Of(o), previous?.AssignedToId != o.AssignedToId ? previous?.AssignedToId : null, by.UserId, Now)
        {
            Previous = previous,
        });

    private static async Task<Opportunity> LoadAsync(CrmDbContext db, int id, CancellationToken ct)
    {
        var o = await db.Opportunities.Include(x => x.PlanSteps).FirstOrDefaultAsync(x => x.Id == id, ct);
        if (o is not null) return o;
        if (await db.Opportunities.IgnoreQueryFilters().AnyAsync(x => x.Id == id, ct))
            throw new AccessDeniedException("Opportunity.Denied", "This opportunity is not yours to see or change.");
        throw new DomainException("Record.NotFound", "The opportunity no longer exists.");
    }

    /// <summary>The caller acted on a version that is no longer current: say what happened meanwhile.</summary>
    private async Task EnsureVersionAsync(Opportunity o, int expectedVersion)
    {
        if (o.Version == expectedVersion) return;
        throw await ConflictAsync(o);
    }

    private async Task SaveAsync(CrmDbContext db, Opportunity o, CancellationToken ct)
    {
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException e)
        {
            // someone committed between our read and our write: report their change, not ours. On
            // PostgreSQL a child row (a plan step) can collide on its unique key before the
            // version check runs — the same race, seen from another row.
            await using var fresh = await dbFactory.CreateAsync(ct);
            var current = await fresh.Opportunities.AsNoTracking().FirstOrDefaultAsync(x => x.Id == o.Id, ct);
            if (current is null) throw new DomainException("Record.NotFound", "The opportunity no longer exists.");
            if (e is DbUpdateConcurrencyException || current.Version != db.Entry(o).Property(x => x.Version).OriginalValue) throw await ConflictAsync(current);
            throw;
        }
    }

    private async Task<DomainException> ConflictAsync(Opportunity current)
    {
        var directory = await users.GetAsync();
        return current.AssignedToId is { } assignee
            ? new DomainException("Opportunity.AssignConflict", "The opportunity was assigned meanwhile.", directory.NameOf(assignee), directory.NameOf(current.AssignedById))
            : new DomainException("Record.Changed", "Someone else changed this record meanwhile.");
    }

    /// <summary>The assignee must be an active account manager — for a sales manager, one of their team.</summary>
    private async Task EnsureAssignableAsync(AccessScope scope, string assigneeId, CancellationToken ct)
    {
        var directory = await users.GetAsync(ct);
        if (!directory.Users.TryGetValue(assigneeId, out var user) || !user.IsActive || !user.Roles.Contains(Roles.AccountManager))
            throw new DomainException("Opportunity.AssigneeNotAccountManager", "Opportunities are assigned to active account managers.");
        if (scope.Profile == AccessProfile.SalesManager && !scope.TeamUserIds.Contains(assigneeId))
            throw new AccessDeniedException("Opportunity.AssigneeNotInTeam", "You can only assign to account managers of your team.");
    }
}
