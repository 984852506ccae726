using CrmBlazor.Domain.BasicData;
using CrmBlazor.Domain.Lifecycle;
using static CrmBlazor.Domain.BasicData.DictionaryKind;

namespace CrmBlazor.Data.Seeding;

/// <summary>
/// The reference data every installation starts with: the data dictionary in both languages, the
/// stage playbooks of PRODUCT.md §2, the default stage thresholds. Written by <c>migrate</c> into an
/// empty database (it is configuration, not demo data) and editable by admins afterwards.
/// </summary>
public static class ReferenceData
{
    public static readonly IReadOnlyList<(DictionaryKind Kind, string Code, string Zh, string En)> Dictionary =
    [
        (CustomerLevel, "ordinary", "普通客户", "Ordinary"),
        (CustomerLevel, "major", "重点客户", "Major account"),
        (CustomerLevel, "partner", "合作伙伴", "Cooperation partner"),
        (CustomerLevel, "strategic", "战略合作伙伴", "Strategic partner"),
        (CustomerLevel, "developing", "重点开发客户", "Key developing"),

        (Region, "east", "华东", "East China"),
        (Region, "north", "华北", "North China"),
        (Region, "south", "华南", "South China"),
        (Region, "central", "华中", "Central China"),
        (Region, "southwest", "西南", "Southwest China"),
        (Region, "northwest", "西北", "Northwest China"),
        (Region, "northeast", "东北", "Northeast China"),
        (Region, "overseas", "海外", "Overseas"),

        (Industry, "manufacturing", "制造业", "Manufacturing"),
        (Industry, "it", "信息技术", "Information technology"),
        (Industry, "retail", "零售", "Retail"),
        (Industry, "finance", "金融", "Finance"),
        (Industry, "healthcare", "医疗健康", "Healthcare"),
        (Industry, "education", "教育", "Education"),
        (Industry, "logistics", "物流", "Logistics"),
        (Industry, "energy", "能源", "Energy"),
        (Industry, "realestate", "房地产", "Real estate"),
        (Industry, "food", "食品饮料", "Food & beverage"),

        (OpportunitySource, "website", "官网咨询", "Website enquiry"),
        (OpportunitySource, "exhibition", "展会", "Trade show"),
        (OpportunitySource, "referral", "客户推荐", "Customer referral"),
        (OpportunitySource, "telemarketing", "电话营销", "Telemarketing"),
        (OpportunitySource, "advertising", "广告投放", "Advertising"),
        (OpportunitySource, "partner", "渠道合作", "Channel partner"),
        (OpportunitySource, "webform", "网站表单", "Web form"),
        (OpportunitySource, "import", "批量导入", "Bulk import"),
        (OpportunitySource, "api", "系统接口", "System API"),

        (ServiceType, "consultation", "咨询", "Consultation"),
        (ServiceType, "suggestion", "建议", "Suggestion"),
        (ServiceType, "complaint", "投诉", "Complaint"),
        (ServiceType, "other", "其他", "Other"),

        (ChurnReason, "price", "价格因素", "Price"),
        (ChurnReason, "competitor", "转向竞争对手", "Moved to a competitor"),
        (ChurnReason, "quality", "产品质量问题", "Product quality"),
        (ChurnReason, "service", "服务不满意", "Unhappy with service"),
        (ChurnReason, "business", "经营困难或停业", "Business difficulties or closure"),
        (ChurnReason, "demand", "需求变化", "Needs changed"),
        (ChurnReason, "other", "其他", "Other"),

        (FollowUpChannel, "phone", "电话", "Phone"),
        (FollowUpChannel, "email", "电子邮件", "E-mail"),
        (FollowUpChannel, "visit", "上门拜访", "Visit"),
        (FollowUpChannel, "wechat", "微信", "WeChat"),
        (FollowUpChannel, "sms", "短信", "SMS"),
        (FollowUpChannel, "meeting", "会议", "Meeting"),

        (Tag, "needs-training", "需要培训", "Needs training"),
        (Tag, "price-sensitive", "价格敏感", "Price-sensitive"),
        (Tag, "vip", "VIP", "VIP"),
        (Tag, "referrer", "推荐来源", "Referrer"),
        (Tag, "upsell", "增购机会", "Up-sell opportunity"),
        (Tag, "key-decision-maker", "决策人已接触", "Decision maker engaged"),
    ];

    public static IEnumerable<DictionaryEntry> DictionaryEntries() =>
        Dictionary.Select((d, i) => DictionaryEntry.Create(d.Kind, d.Code, d.Zh, d.En, (i + 1) * 10));

    public static IEnumerable<StagePlaybook> Playbooks() =>
    [
        StagePlaybook.Create(LifecycleStage.Prospect, "建立认知，培育购买意向", "Build awareness, nurture intent",
            "推送白皮书与成功案例；邀请免费试用；安排专属销售对接", "Send white papers and case studies; invite to a free trial; assign a dedicated sales contact",
            "市场部、销售代表", "Marketing, sales rep", CadenceKind.Weekly),
        StagePlaybook.Create(LifecycleStage.New, "快速激活，建立信任", "Activate fast, build trust",
            "发送新手引导；执行30天入门计划，每周回访一次；分享客户成功故事", "Send the onboarding guide; run the 30-day getting-started plan with a weekly revisit; share success stories",
            "客户成功专员", "Customer success specialist", CadenceKind.Weekly),
        StagePlaybook.Create(LifecycleStage.Growing, "挖掘需求，提升价值", "Find needs, raise value",
            "高级功能培训；交叉销售与增购；客户访谈收集反馈", "Advanced-feature training; cross-sell and up-sell; interview for feedback",
            "销售主管、产品经理", "Sales manager, product manager", CadenceKind.Monthly),
        StagePlaybook.Create(LifecycleStage.Mature, "维系关系，获取转介绍", "Keep the relationship, win referrals",
            "开通VIP服务通道；提供定制化方案；推荐奖励计划", "Open the VIP service channel; tailored solutions; referral rewards",
            "客户成功总监", "Customer success director", CadenceKind.Monthly),
        StagePlaybook.Create(LifecycleStage.Declining, "查明原因，挽回客户", "Find the cause, win back",
            "电话或问卷开展流失原因调研；提供针对性优惠；指定专人跟进", "Churn-cause survey by phone or questionnaire; targeted offer; a named person follows up",
            "服务主管、销售代表", "Service supervisor, sales rep", CadenceKind.TwiceWeekly),
        StagePlaybook.Create(LifecycleStage.Churned, "评估重新激活的可能", "Judge re-activation",
            "三个月后发送“欢迎回来”优惠；与竞品对比分析；邀请加入老客户社群", "\"Welcome back\" offer after 3 months; comparison against competitors; former-customer community",
            "市场部、销售代表", "Marketing, sales rep", CadenceKind.Monthly),
    ];

    public static readonly IReadOnlyList<(string Code, string Zh, string En, string Unit, decimal Price, bool Core)> Products =
    [
        ("G200", "智能网关 G200", "Smart gateway G200", "台", 4800m, false),
        ("G500", "工业网关 G500", "Industrial gateway G500", "台", 12800m, false),
        ("DT10", "数据采集终端 DT-10", "Data terminal DT-10", "台", 2600m, false),
        ("S-STD", "云平台订阅（标准版）", "Cloud platform subscription (Standard)", "年", 19800m, false),
        ("S-ENT", "云平台订阅（企业版）", "Cloud platform subscription (Enterprise)", "年", 68000m, false),
        ("IMPL", "实施服务", "Implementation service", "人天", 2400m, false),
        ("TRAIN", "培训课程", "Training course", "人次", 1500m, false),
        ("SUP-P", "高级技术支持", "Premium support", "年", 12000m, false),
        ("F-DASH", "数据看板", "Dashboards", "模块", 0m, true),
        ("F-ALERT", "告警中心", "Alert centre", "模块", 0m, true),
        ("F-RPT", "报表分析", "Reports & analysis", "模块", 0m, true),
        ("F-API", "开放接口", "Open API", "模块", 0m, true),
        ("F-MOB", "移动应用", "Mobile app", "模块", 0m, true),
        ("F-FLOW", "流程自动化", "Workflow automation", "模块", 0m, true),
    ];
}
