using System.Data.Common;
using System.Globalization;
using System.Text;
using CrmBlazor.Data.Infrastructure;
using CrmBlazor.Domain.Lifecycle;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;

namespace CrmBlazor.Data.Lifecycle;

/// <summary>One customer's decided changes, ready to write.</summary>
internal sealed record CustomerWrite(CustomerState Before, EvaluationOutcome Outcome, OrderAggregate Orders);

/// <summary>
/// Writes one slice's decisions in one transaction with set-based statements: customer rows in
/// multi-statement batches (each guarded by its version, so a customer someone changed meanwhile
/// is left for the next evaluation, and its history row is only written when the update took),
/// cancelled tasks and resolved warnings by id lists, new tasks and warnings by bulk insert.
/// </summary>
internal sealed class EvaluationWriter(CrmDbContext db, SqlDialect dialect)
{
    /// <summary>Days after a first purchase its revisit (回访) is due; null: plan none (Care.CareScheduler).</summary>
    public int? FirstPurchaseRevisitDays { get; init; }

    private const int CustomersPerCommand = 100;
    private const int IdsPerStatement = 500;

    public async Task WriteAsync(IReadOnlyList<CustomerWrite> writes, DateTime at, DateTime now, CancellationToken ct)
    {
        if (writes.Count == 0) return;
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var connection = db.Database.GetDbConnection();
        var transaction = tx.GetDbTransaction();

        foreach (var part in writes.Where(w => w.Outcome.RowChanged).Chunk(CustomersPerCommand))
            await UpdateCustomersAsync(connection, transaction, part, at, ct);

        var cancelled = writes.Where(w => w.Outcome.CancelTaskId is not null).Select(w => w.Outcome.CancelTaskId!.Value).ToArray();
        foreach (var ids in cancelled.Chunk(IdsPerStatement))
            await ExecuteAsync(connection, transaction,
                $"UPDATE {Q("FollowUpTasks")} SET {Q("Status")} = '{FollowUpStatus.Cancelled}', {Q("Version")} = {Q("Version")} + 1 WHERE {Q("Status")} = '{FollowUpStatus.Open}' AND {Q("Id")} IN ({Ids(ids)})", ct);

        var resolved = writes.Where(w => w.Outcome.ResolveChurn).Select(w => w.Before.Id).ToArray();
        foreach (var ids in resolved.Chunk(IdsPerStatement))
        {
            var active = $"{Q("CustomerId")} IN ({Ids(ids)}) AND {Q("Status")} IN ('{ChurnCaseStatus.Open}', '{ChurnCaseStatus.Postponed}')";
            await ExecuteAsync(connection, transaction,
                $"INSERT INTO {Q("ChurnCaseEntries")} ({Q("ChurnCaseId")}, {Q("Action")}, {Q("Text")}, {Q("ByUserId")}, {Q("At")}) " +
                $"SELECT {Q("Id")}, '{ChurnCaseStatus.Resolved}', '', NULL, @now FROM {Q("ChurnCases")} WHERE {active}", ct, ("@now", now));
            await ExecuteAsync(connection, transaction,
                $"UPDATE {Q("ChurnCases")} SET {Q("Status")} = '{ChurnCaseStatus.Resolved}', {Q("ClosedAt")} = @now, {Q("Version")} = {Q("Version")} + 1 WHERE {active}", ct, ("@now", now));
        }

        var cases = BulkInserter.For<ChurnCase>(db, connection, dialect, "CustomerId", "Trigger", "Status", "RaisedAt", "LastOrderDate", "Version");
        foreach (var w in writes.Where(w => w.Outcome.RaiseChurn is not null))
            cases.Add(w.Before.Id, w.Outcome.RaiseChurn!.Value, ChurnCaseStatus.Open, at, w.Orders.LastDate, 0);
        await cases.FlushAsync(transaction, ct);
        await cases.DisposeAsync();

        var tasks = BulkInserter.For<FollowUpTask>(db, connection, dialect, "CustomerId", "AssignedToId", "Kind", "Stage", "Title", "DueDate", "Status", "CreatedAt", "Version");
        foreach (var w in writes.Where(w => w.Outcome.NewTask is not null))
        {
            var plan = w.Outcome.NewTask!;
            tasks.Add(w.Before.Id, plan.AssignedToId, FollowUpKind.FollowUp, plan.Stage, $"{plan.Stage} follow-up", plan.DueDate, FollowUpStatus.Open, now, 0);
        }
        await tasks.FlushAsync(transaction, ct);
        await tasks.DisposeAsync();

        await tx.CommitAsync(ct);
    }

    private async Task UpdateCustomersAsync(DbConnection connection, DbTransaction transaction, CustomerWrite[] part, DateTime at, CancellationToken ct)
    {
        await using var cmd = connection.CreateCommand();
        cmd.Transaction = transaction;
        var sql = new StringBuilder();
        for (var i = 0; i < part.Length; i++)
        {
            var (c, o, orders) = (part[i].Before, part[i].Outcome, part[i].Orders);
            string P(string name, object? value)
            {
                var p = cmd.CreateParameter();
                p.ParameterName = "@" + name + i.ToString(CultureInfo.InvariantCulture);
                p.Value = dialect.ToDb(value);
                cmd.Parameters.Add(p);
                return p.ParameterName;
            }
            var id = P("i", c.Id);
            var version = P("v", c.Version);
            var stage = P("s", o.Stage);
            var entered = P("e", o.StageChanged ? at : c.StageEnteredAt);
            var reasons = P("r", o.Reasons);
            sql.Append($"UPDATE {Q("Customers")} SET {Q("Stage")} = {stage}, {Q("StageEnteredAt")} = {entered}, {Q("StageReasons")} = {reasons}, ")
               .Append($"{Q("FirstOrderDate")} = {P("f", orders.FirstDate)}, {Q("LastOrderDate")} = {P("l", orders.LastDate)}, ")
               .Append($"{Q("OrderCount")} = {P("c", orders.Count)}, {Q("TotalSpend")} = {P("t", orders.Total)}, {Q("Version")} = {Q("Version")} + 1 ")
               .Append($"WHERE {Q("Id")} = {id} AND {Q("Version")} = {version};\n");
            if (o.StageChanged)
                sql.Append($"INSERT INTO {Q("StageHistory")} ({Q("CustomerId")}, {Q("FromStage")}, {Q("ToStage")}, {Q("At")}, {Q("Reasons")}) ")
                   .Append($"SELECT {dialect.Typed(id, "integer")}, {dialect.Typed(P("p", c.Stage), "varchar(32)")}, {dialect.Typed(stage, "varchar(32)")}, ")
                   .Append($"{dialect.Typed(entered, "timestamptz")}, {dialect.Typed(reasons, "varchar(2000)")} ")
                   .Append($"WHERE EXISTS (SELECT 1 FROM {Q("Customers")} WHERE {Q("Id")} = {id} AND {Q("Version")} = {version} + 1);\n");
            if (Care.CareScheduler.FirstPurchaseRevisit(c, orders.FirstDate, FirstPurchaseRevisitDays, at) is { } revisit)
                sql.Append(Care.CareScheduler.FirstPurchaseRevisitSql(dialect, id, version, P("ro", revisit.OwnerId), P("rt", revisit.Title), P("rd", revisit.DueDate), P("rn", at)));
        }
        cmd.CommandText = sql.ToString();
        cmd.CommandTimeout = 0;
        await cmd.ExecuteNonQueryAsync(ct);
    }

    private async Task ExecuteAsync(DbConnection connection, DbTransaction transaction, string sql, CancellationToken ct, params (string Name, object Value)[] parameters)
    {
        await using var cmd = connection.CreateCommand();
        cmd.Transaction = transaction;
        cmd.CommandText = sql;
        cmd.CommandTimeout = 0;
        foreach (var (name, value) in parameters)
        {
            var p = cmd.CreateParameter();
            p.ParameterName = name;
            p.Value = dialect.ToDb(value);
            cmd.Parameters.Add(p);
        }
        await cmd.ExecuteNonQueryAsync(ct);
    }

    private string Q(string name) => dialect.Quote(name);

    private static string Ids(IEnumerable<int> ids) => string.Join(", ", ids.Select(i => i.ToString(CultureInfo.InvariantCulture)));
}
