using CrmBlazor.Data.Common;
using CrmBlazor.Domain.Customers;
using CrmBlazor.Domain.Lifecycle;
using CrmBlazor.Domain.Value;

namespace CrmBlazor.Data.Customers;

/// <summary>The customer list's filters; every field optional.</summary>
public sealed record CustomerQuery : PageRequest
{
    public string? Text { get; init; }
    public LifecycleStage? Stage { get; init; }
    public string? OwnerId { get; init; }
    public string? RegionCode { get; init; }
    public string? IndustryCode { get; init; }
    public string? LevelCode { get; init; }
    public string? TagCode { get; init; }
    public CustomerStatus? Status { get; init; }
    public DateOnly? LastOrderFrom { get; init; }
    public DateOnly? LastOrderTo { get; init; }
    public RfmSegment? RfmSegment { get; init; }
    public ValueTier? ValueTier { get; init; }
    public ChurnRiskLevel? ChurnRisk { get; init; }
    /// <summary>A CLV band of the value report: CLV at least <see cref="ClvFrom"/> and below <see cref="ClvTo"/>.</summary>
    public decimal? ClvFrom { get; init; }
    public decimal? ClvTo { get; init; }
    public int? Credit { get; init; }
    public int? Satisfaction { get; init; }
    /// <summary>True: customers with at least one contact who consented to marketing contact (and was not erased); false: customers without one.</summary>
    public bool? WithConsent { get; init; }

    // Report drill-downs (docs: the report pages): the customers behind a bar or slice.
    /// <summary>With <see cref="RevenueMinBin"/>…<see cref="RevenueMaxBin"/>: customers whose order amount in this year falls in those amount bins (a contribution bucket).</summary>
    public int? RevenueYear { get; init; }
    public int? RevenueMinBin { get; init; }
    public int? RevenueMaxBin { get; init; }
    /// <summary>Customers with a churn warning now in this state, raised in <see cref="WarnedFrom"/>…<see cref="WarnedTo"/>.</summary>
    public ChurnCaseStatus? ChurnWarning { get; init; }
    public DateOnly? WarnedFrom { get; init; }
    public DateOnly? WarnedTo { get; init; }
    /// <summary>Customers whose churn was confirmed with this reason in <see cref="ChurnedFrom"/>…<see cref="ChurnedTo"/>.</summary>
    public string? ChurnReason { get; init; }
    public DateOnly? ChurnedFrom { get; init; }
    public DateOnly? ChurnedTo { get; init; }
    /// <summary>Customers who moved from <see cref="MovedFrom"/> (any when null; <see cref="MovedFromNone"/>: a first classification) to <see cref="MovedTo"/> in <see cref="MovedSince"/>…<see cref="MovedUntil"/> (UTC days).</summary>
    public LifecycleStage? MovedFrom { get; init; }
    public bool MovedFromNone { get; init; }
    public LifecycleStage? MovedTo { get; init; }
    public DateOnly? MovedSince { get; init; }
    public DateOnly? MovedUntil { get; init; }
    /// <summary>Customers who were in <see cref="InStage"/> at the end of <see cref="InStageOn"/> (a UTC day): their last stage change up to then went into it (the lifecycle report's stages over time).</summary>
    public LifecycleStage? InStage { get; init; }
    public DateOnly? InStageOn { get; init; }
}

public sealed record CustomerRow(int Id, string Number, string Name, LifecycleStage Stage, DateTime StageEnteredAt, string StageReasons,
    string? OwnerId, string? RegionCode, string? IndustryCode, string? LevelCode, CustomerStatus Status,
    DateOnly? LastOrderDate, int OrderCount, decimal TotalSpend, CustomerValueBrief? Value = null)
{
    /// <summary>The company phone: masked in lists for everyone; in an export, clear where the caller may see it (<see cref="Domain.Privacy.PersonalDataPolicy"/>).</summary>
    public string? Phone { get; init; }

    /// <summary>Whether the caller may reveal this customer's personal fields (the owner, their manager, admins).</summary>
    public bool CanReveal { get; init; }
}

/// <summary>A customer's value scores as the list shows them.</summary>
public sealed record CustomerValueBrief(RfmSegment Segment, ValueTier Tier, decimal? Clv, double? ProbabilityAlive, ChurnRiskLevel ChurnRisk);

/// <summary>A contact as the customer page shows it: phones and e-mail masked, with the latest consent change (given or withdrawn, when, how, by whom, purpose).</summary>
public sealed record ContactRow(int Id, string Name, Gender Gender, string? Title, string? OfficePhone, string? Mobile, string? Email,
    bool IsPrimary, bool ConsentGiven, DateTime? ConsentChangedAt = null, string? ConsentChannel = null, string? ConsentRecordedById = null,
    string? CollectionPurpose = null, bool Erased = false)
{
    /// <summary>The row of a loaded contact, phones and e-mail masked (<see cref="Domain.Privacy.PersonalDataPolicy.OnScreen"/>).</summary>
    public static ContactRow Of(Contact x) => new(x.Id, x.Name, x.Gender, x.Title, Domain.Privacy.PersonalDataPolicy.OnScreen(Domain.Privacy.PersonalKind.Phone, x.OfficePhone),
        Domain.Privacy.PersonalDataPolicy.OnScreen(Domain.Privacy.PersonalKind.Phone, x.Mobile), Domain.Privacy.PersonalDataPolicy.OnScreen(Domain.Privacy.PersonalKind.Email, x.Email),
        x.IsPrimary, x.ConsentGiven, x.ConsentChangedAt, x.ConsentChannel, x.ConsentRecordedById, x.CollectionPurpose, x.ErasedAt != null);
}

public sealed record InteractionRow(int Id, DateOnly Date, string? Place, string Summary, string? Details, string? Notes, string? CreatedById, int Version);

public sealed record OrderRow(int Id, string OrderNo, DateOnly OrderDate, decimal Amount, int LineCount);

/// <summary>The strategy of a stage (阶段化策略) in both languages, with its follow-up cadence.</summary>
public sealed record PlaybookRow(string GoalZh, string GoalEn, string ActionsZh, string ActionsEn, string OwnerZh, string OwnerEn, CadenceKind Cadence);

/// <summary>
/// The customer page: master data, owner, stage with its explanation, figures, contacts. Personal fields are
/// masked for everyone; <see cref="CanReveal"/> says whether the caller may reveal them one at a time.
/// </summary>
public sealed record CustomerDetail(
    int Id, string Number, string Name, string? RegionCode, string? IndustryCode, string? LevelCode, string? OwnerId,
    int? Satisfaction, int? Credit, string? Address, string? Postcode, string? Phone, string? Fax, string? Website,
    string? LicenceNumber, string? LegalRepresentative, decimal? RegisteredCapital, decimal? AnnualTurnover,
    string? Bank, string? BankAccount, string? TaxId, bool ConsentToContact, CustomerStatus Status, DateTime CreatedAt,
    LifecycleStage Stage, DateTime StageEnteredAt, string StageReasons,
    DateOnly? FirstOrderDate, DateOnly? LastOrderDate, int OrderCount, decimal TotalSpend,
    bool CanReveal, IReadOnlyList<ContactRow> Contacts, IReadOnlyList<string> Tags, PlaybookRow? Playbook, int Version,
    bool CanEdit = false, bool CanChooseOwner = false)
{
    public decimal? AverageOrderValue => OrderCount == 0 ? null : Math.Round(TotalSpend / OrderCount, 2);
}
