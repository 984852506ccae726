using CrmBlazor.Domain.Customers;
using CrmBlazor.Domain.Lifecycle;
using CrmBlazor.Domain.Opportunities;
using CrmBlazor.Domain.Service;

namespace CrmBlazor.Data.Seeding;

/// <summary>
/// The demo company's working life: opportunities and tickets in every status (driven through
/// their domain methods, so their histories are real), follow-up tasks on each stage's cadence,
/// churn warnings with postponements and confirmations, interactions and tags.
/// </summary>
internal sealed class DemoActivity(CrmDbContext db, CustomerGenerator gen, IReadOnlyDictionary<string, string> users, DateOnly asOf, DateTime now)
{
    private readonly Random _rng = gen.Random;
    private string Manager => users["manager@crm.demo"];
    private string Service => users["service@crm.demo"];
    private string[] AccountManagers => [users["am1@crm.demo"], users["am2@crm.demo"], users["am3@crm.demo"], users["am4@crm.demo"]];

    private static readonly (string Zh, string En)[] OpportunitySummaries =
    [
        ("工厂设备联网改造项目", "Plant equipment connectivity upgrade"), ("采购智能网关 50 台", "Purchase of 50 smart gateways"),
        ("云平台企业版年度订阅", "Annual enterprise platform subscription"), ("仓储物联网监控方案", "Warehouse IoT monitoring"),
        ("能耗监测系统试点", "Energy-monitoring pilot"), ("门店客流分析系统", "Store footfall analytics"),
        ("冷链运输温控追踪", "Cold-chain temperature tracking"), ("生产线数据采集升级", "Production-line data capture upgrade"),
        ("集团数据看板建设", "Group-wide dashboards"), ("设备预测性维护平台", "Predictive maintenance platform"),
    ];

    private static readonly (string Zh, string En)[] PlanActions =
    [
        ("电话沟通需求，确认决策链", "Call to confirm needs and decision chain"), ("上门拜访并演示产品", "On-site visit and product demo"),
        ("提交技术方案与报价", "Send technical proposal and quote"), ("安排试点部署", "Arrange a pilot deployment"),
        ("商务谈判，确定合同条款", "Negotiate contract terms"),
    ];

    private static readonly (string Type, string Zh, string En, string RequestZh, string RequestEn)[] TicketTemplates =
    [
        ("consultation", "咨询网关固件升级方法", "How to upgrade gateway firmware", "请问 G200 网关如何在线升级固件？", "How do we upgrade the G200 firmware online?"),
        ("consultation", "咨询报表导出格式", "Report export formats", "报表能否导出为 Excel 格式？", "Can reports be exported to Excel?"),
        ("suggestion", "建议增加移动端告警推送", "Suggest mobile alert push", "希望告警能推送到企业微信。", "We would like alerts pushed to WeCom."),
        ("complaint", "设备频繁掉线", "Devices keep going offline", "最近一周有多台终端频繁掉线，影响生产。", "Several terminals dropped offline repeatedly this week, hurting production."),
        ("complaint", "发票开具延误", "Invoice delayed", "上月订单发票至今未收到。", "Last month's invoice has still not arrived."),
        ("complaint", "实施进度滞后", "Implementation running late", "实施团队未按计划完成部署。", "The implementation team missed the deployment plan."),
        ("other", "申请更换联系人", "Change of contact person", "我司对接人变更，请更新资料。", "Our contact person changed; please update the record."),
    ];

    public async Task AddAsync(IReadOnlyList<GenCustomer> customers, int[] ids, string?[] owners, List<StageStep>[] timelines, CancellationToken ct)
    {
        AddOpportunities(customers, ids, owners);
        AddLeadRules();
        AddTickets(customers, ids, owners);
        AddFollowUps(customers, ids, owners, timelines);
        AddChurnCases(customers, ids, owners, timelines);
        AddInteractionsAndTags(customers, ids, owners);
        await db.SaveChangesAsync(ct);
    }

    private DateTime Ago(double days) => now.AddDays(-days).AddMinutes(-_rng.Next(0, 600));

    private T Pick<T>(IReadOnlyList<T> items) => items[_rng.Next(items.Count)];

    private void AddOpportunities(IReadOnlyList<GenCustomer> customers, int[] ids, string?[] owners)
    {
        // Won opportunities became today's newer customers; the rest are prospects not yet customers.
        var wonCustomers = Enumerable.Range(0, customers.Count)
            .Where(i => owners[i] is not null && customers[i].Orders.Count > 0 && customers[i].Orders.Min(o => o.Date) > asOf.AddDays(-240))
            .Take(14).ToArray();
        var plan = new List<OpportunityStatus>();
        plan.AddRange(Enumerable.Repeat(OpportunityStatus.Unassigned, 12));
        plan.AddRange(Enumerable.Repeat(OpportunityStatus.Assigned, 10));
        plan.AddRange(Enumerable.Repeat(OpportunityStatus.Developing, 12));
        plan.AddRange(Enumerable.Repeat(OpportunityStatus.Won, wonCustomers.Length));
        plan.AddRange(Enumerable.Repeat(OpportunityStatus.Lost, 8));
        var wonIndex = 0;
        var sources = new[] { "website", "exhibition", "referral", "telemarketing", "advertising", "partner", "webform" };
        for (var k = 0; k < plan.Count; k++)
        {
            var status = plan[k];
            var chinese = _rng.NextDouble() < 0.8;
            int? customerIndex = status == OpportunityStatus.Won ? wonCustomers[wonIndex++] : null;
            var prospect = customerIndex is { } ci ? customers[ci] : gen.Next(10_000 + k);
            var summary = Pick(OpportunitySummaries);
            var age = status switch
            {
                OpportunityStatus.Unassigned => _rng.Next(0, 10), OpportunityStatus.Assigned => _rng.Next(0, 5), // recent: older ones would already be back in the pool
                OpportunityStatus.Developing => _rng.Next(15, 70), _ => _rng.Next(60, 220),
            };
            var created = customerIndex is { } wi ? customers[wi].CreatedAt.AddDays(-_rng.Next(20, 60)) : Ago(age);
            if (created > now.AddHours(-1)) created = now.AddHours(-2);
            var creator = _rng.NextDouble() < 0.4 ? Manager : Pick(AccountManagers);
            var contact = prospect.Contacts[0];
            var opportunity = Opportunity.Create(new OpportunityDetails
            {
                SourceCode = Pick(sources),
                CustomerName = prospect.Name,
                Probability = status switch { OpportunityStatus.Won => 100, OpportunityStatus.Lost => 0, OpportunityStatus.Developing => _rng.Next(40, 90), _ => _rng.Next(10, 60) },
                Summary = chinese ? summary.Zh : summary.En,
                ContactName = contact.Name,
                ContactPhone = contact.Mobile,
                Description = chinese ? "客户有明确预算，希望年内完成部署。" : "The customer has budget and wants deployment this year.",
                ExpectedAmount = _rng.Next(5, 120) * 10_000m,
                RegionCode = prospect.Region,
                IndustryCode = prospect.Industry,
            }, creator, created);
            if (status == OpportunityStatus.Unassigned)
            {
                if (k % 4 == 0) opportunity.ReturnToPool(created.AddDays(1) < now ? created.AddDays(1) : now);
                db.Opportunities.Add(opportunity);
                continue;
            }
            var assignee = customerIndex is { } oi ? owners[oi]! : Pick(AccountManagers);
            var assignedAt = created.AddHours(_rng.Next(2, 48));
            opportunity.AssignTo(assignee, Manager, assignedAt < now ? assignedAt : now);
            if (status != OpportunityStatus.Assigned)
            {
                var steps = _rng.Next(2, 5);
                for (var s = 0; s < steps; s++)
                {
                    var action = PlanActions[s];
                    opportunity.AddPlanStep(DateOnly.FromDateTime(assignedAt).AddDays(7 * (s + 1)), chinese ? action.Zh : action.En, assignee, assignedAt.AddHours(1));
                }
                var started = assignedAt.AddDays(1);
                opportunity.StartDevelopment(assignee, started);
                var done = status == OpportunityStatus.Developing ? _rng.Next(0, steps) : steps;
                for (var s = 0; s < done; s++)
                    opportunity.RecordStepResult(s + 1, chinese ? "已完成，客户反馈积极" : "Done; positive feedback", assignee, started.AddDays(7 * (s + 1)));
                var closed = started.AddDays(7 * steps + 2);
                if (status == OpportunityStatus.Won) opportunity.MarkWon(ids[customerIndex!.Value], assignee, customers[customerIndex.Value].CreatedAt);
                if (status == OpportunityStatus.Lost) opportunity.MarkLost(chinese ? "客户选择了竞争对手的方案" : "The customer chose a competitor", assignee, closed < now ? closed : now);
            }
            db.Opportunities.Add(opportunity);
        }
    }

    /// <summary>Two distribution rules so the lead-intake page shows how they read; other leads go to the pool.</summary>
    private void AddLeadRules()
    {
        db.LeadDistributionRules.Add(LeadDistributionRule.Create(10, LeadRuleKind.Region, "east", null));
        db.LeadDistributionRules.Add(LeadDistributionRule.Create(20, LeadRuleKind.Industry, "it", null));
    }

    private void AddTickets(IReadOnlyList<GenCustomer> customers, int[] ids, string?[] owners)
    {
        var candidates = Enumerable.Range(0, customers.Count).Where(i => customers[i].Orders.Count > 0 && owners[i] is not null).ToArray();
        var plan = new (TicketStatus Status, int Count)[]
        {
            (TicketStatus.Created, 12), (TicketStatus.Assigned, 18), (TicketStatus.Handled, 14), (TicketStatus.FeedbackGiven, 22), (TicketStatus.Archived, 54),
        };
        foreach (var (status, count) in plan)
        {
            for (var k = 0; k < count; k++)
            {
                var i = Pick(candidates);
                var chinese = customers[i].Chinese;
                var template = Pick(TicketTemplates);
                var created = status is TicketStatus.Created or TicketStatus.Assigned ? Ago(_rng.Next(0, 12)) : Ago(_rng.Next(15, 360));
                var creator = _rng.NextDouble() < 0.5 ? Service : owners[i]!;
                var priority = template.Type == "complaint" ? (_rng.NextDouble() < 0.5 ? TicketPriority.High : TicketPriority.Urgent) : TicketPriority.Normal;
                var ticket = ServiceTicket.Create(template.Type, priority, chinese ? template.Zh : template.En, ids[i], chinese ? template.RequestZh : template.RequestEn, creator, created);
                if (status != TicketStatus.Created)
                {
                    var handler = _rng.NextDouble() < 0.6 ? Service : owners[i]!;
                    var assigned = created.AddHours(_rng.Next(1, 20));
                    ticket.AssignTo(handler, Manager, Min(assigned));
                    if (status != TicketStatus.Assigned)
                    {
                        var handled = assigned.AddHours(_rng.Next(2, 72));
                        ticket.Handle(chinese ? "已远程排查并解决问题，已告知客户处理结果。" : "Diagnosed remotely and fixed; the customer was informed.", handler, Min(handled));
                        if (status is TicketStatus.FeedbackGiven or TicketStatus.Archived)
                        {
                            if (_rng.NextDouble() < 0.15)
                            {
                                ticket.GiveFeedback(_rng.Next(1, 3), chinese ? "问题仍未彻底解决" : "Not fully solved yet", creator, Min(handled.AddDays(1)));
                                ticket.Handle(chinese ? "现场复查，更换故障部件。" : "Re-checked on site and replaced the faulty part.", handler, Min(handled.AddDays(3)));
                            }
                            ticket.GiveFeedback(_rng.Next(3, 6), chinese ? "客户确认问题已解决" : "The customer confirmed the fix", creator, Min(handled.AddDays(4)));
                            if (status == TicketStatus.Archived) ticket.Archive(Manager, Min(handled.AddDays(10)));
                        }
                    }
                }
                db.Tickets.Add(ticket);
            }
        }
    }

    private DateTime Min(DateTime t) => t < now ? t : now;

    private void AddFollowUps(IReadOnlyList<GenCustomer> customers, int[] ids, string?[] owners, List<StageStep>[] timelines)
    {
        var today = asOf;
        for (var i = 0; i < customers.Count; i++)
        {
            if (owners[i] is not { } owner) continue;
            var stage = timelines[i][^1].To.Stage;
            var cadence = FollowUpCadence.Default(stage);
            var chinese = customers[i].Chinese;
            var title = TaskTitle(stage, chinese);
            // the follow-up log: the last two contacts, then the next one due on the cadence
            var last = today.AddDays(-_rng.Next(0, stage == LifecycleStage.Declining ? 6 : 35));
            var previous = last.AddDays(-(int)Math.Round(30 / FollowUpCadence.PerPeriod(cadence, 30)));
            foreach (var contactDate in new[] { previous, last })
            {
                if (contactDate < DateOnly.FromDateTime(customers[i].CreatedAt)) continue;
                var done = FollowUpTask.Create(ids[i], owner, FollowUpKind.FollowUp, stage, title, contactDate, contactDate.AddDays(-7).ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc));
                done.Complete(contactDate, Pick(["phone", "wechat", "email", "visit"]), chinese ? "沟通近期使用情况，客户反馈正常。" : "Checked recent usage; all normal.",
                    chinese ? "下次跟进确认增购需求" : "Next time: confirm up-sell needs", FollowUpCadence.Next(cadence, contactDate), owner, Min(contactDate.ToDateTime(new TimeOnly(15, 0), DateTimeKind.Utc)));
                db.FollowUpTasks.Add(done);
            }
            var due = FollowUpCadence.Next(cadence, last);
            db.FollowUpTasks.Add(FollowUpTask.Create(ids[i], owner, FollowUpKind.FollowUp, stage, title, due, last.ToDateTime(new TimeOnly(16, 0), DateTimeKind.Utc)));
        }
    }

    private static string TaskTitle(LifecycleStage stage, bool chinese) => (stage, chinese) switch
    {
        (LifecycleStage.Prospect, true) => "跟进意向：推送案例并邀请试用", (LifecycleStage.Prospect, false) => "Nurture: send case study, invite to trial",
        (LifecycleStage.New, true) => "新客户每周回访：入门计划", (LifecycleStage.New, false) => "Weekly onboarding revisit",
        (LifecycleStage.Growing, true) => "月度回访：挖掘增购需求", (LifecycleStage.Growing, false) => "Monthly review: up-sell needs",
        (LifecycleStage.Mature, true) => "VIP 关怀：定制方案与转介绍", (LifecycleStage.Mature, false) => "VIP care: tailored plan and referrals",
        (LifecycleStage.Declining, true) => "挽回跟进：调研流失原因", (LifecycleStage.Declining, false) => "Win-back: survey the cause",
        (_, true) => "评估重新激活：发送回归优惠", (_, false) => "Re-activation: send welcome-back offer",
    };

    private void AddChurnCases(IReadOnlyList<GenCustomer> customers, int[] ids, string?[] owners, List<StageStep>[] timelines)
    {
        for (var i = 0; i < customers.Count; i++)
        {
            var step = timelines[i][^1];
            if (step.To.Stage is not (LifecycleStage.Churned or LifecycleStage.Declining) || owners[i] is not { } owner) continue;
            var trigger = step.To.Stage == LifecycleStage.Churned ? ChurnTrigger.Churned : ChurnTrigger.Declining;
            var lastOrder = customers[i].Orders.Count == 0 ? (DateOnly?)null : customers[i].Orders.Max(o => o.Date);
            var raised = step.At < now ? step.At : now;
            var churn = ChurnCase.Raise(ids[i], trigger, lastOrder, raised);
            var roll = _rng.NextDouble();
            var chinese = customers[i].Chinese;
            if (roll < 0.3)
                churn.Postpone(chinese ? "电话回访了解原因，提供九折续约优惠。" : "Called to learn why; offered 10 % off renewal.", owner, Min(raised.AddDays(2)));
            else if (roll < 0.45 && trigger == ChurnTrigger.Churned)
                churn.Confirm(Pick(["price", "competitor", "service", "demand", "business"]), chinese ? "客户已转用其他供应商" : "The customer moved to another supplier", owner, Min(raised.AddDays(5)));
            db.ChurnCases.Add(churn);
        }
    }

    private void AddInteractionsAndTags(IReadOnlyList<GenCustomer> customers, int[] ids, string?[] owners)
    {
        var tags = new[] { "needs-training", "price-sensitive", "vip", "referrer", "upsell", "key-decision-maker" };
        for (var i = 0; i < customers.Count; i++)
        {
            var chinese = customers[i].Chinese;
            var count = customers[i].Orders.Count == 0 ? _rng.Next(0, 2) : _rng.Next(1, 5);
            for (var k = 0; k < count; k++)
            {
                var date = DateOnly.FromDateTime(Ago(_rng.Next(1, 300)));
                if (date < DateOnly.FromDateTime(customers[i].CreatedAt)) continue;
                var visit = _rng.NextDouble() < 0.5;
                db.Interactions.Add(Interaction.Create(ids[i], date,
                    visit ? (chinese ? "客户公司会议室" : "Customer office") : (chinese ? "电话" : "Phone"),
                    visit ? (chinese ? "季度业务回顾" : "Quarterly business review") : (chinese ? "需求沟通" : "Needs call"),
                    chinese ? "讨论了设备使用情况和下季度采购计划。" : "Discussed device usage and next quarter's purchasing.", null,
                    owners[i], date.ToDateTime(new TimeOnly(18, 0), DateTimeKind.Utc)));
            }
            if (_rng.NextDouble() < 0.35)
                foreach (var tag in tags.OrderBy(_ => _rng.Next()).Take(_rng.Next(1, 3)))
                    db.CustomerTags.Add(new CustomerTag(ids[i], tag));
        }
    }
}
