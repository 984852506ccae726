using Bogus;
using CrmBlazor.Domain.Behaviour;
using CrmBlazor.Domain.Lifecycle;

namespace CrmBlazor.Data.Seeding;

internal sealed record GenContact(string Name, int Gender, string Title, string? OfficePhone, string Mobile, string? Email, DateOnly? Birthday, bool Consent);

internal sealed record GenOrder(DateOnly Date, decimal Amount, IReadOnlyList<(string Product, decimal Quantity, decimal UnitPrice)> Lines);

internal sealed record GenEvent(DateTime At, BehaviourEventType Type, decimal Value, string? Detail);

/// <summary>A generated customer with its whole history, before it is written.</summary>
internal sealed class GenCustomer
{
    public required string Name { get; init; }
    public required bool Chinese { get; init; }
    public required LifecycleStage Archetype { get; init; }
    public required string Region { get; init; }
    public required string Industry { get; init; }
    public required string Level { get; init; }
    public int? Satisfaction { get; init; }
    public int? Credit { get; init; }
    public string? Address { get; init; }
    public string? Postcode { get; init; }
    public string? Phone { get; init; }
    public string? Website { get; init; }
    public string? LicenceNumber { get; init; }
    public string? LegalRepresentative { get; init; }
    public decimal? RegisteredCapital { get; init; }
    public decimal? AnnualTurnover { get; init; }
    public string? Bank { get; init; }
    public string? BankAccount { get; init; }
    public string? TaxId { get; init; }
    public bool Consent { get; init; }
    public required DateTime CreatedAt { get; init; }
    public List<GenContact> Contacts { get; } = [];
    public List<GenOrder> Orders { get; } = [];
    public List<GenEvent> Events { get; } = [];
}

/// <summary>
/// Generates believable bilingual customers whose orders and behaviour follow one of the six
/// lifecycle patterns. The stage itself is never set here — the real stage rules classify the
/// generated history. Deterministic for a given seed and as-of date.
/// </summary>
internal sealed class CustomerGenerator
{
    private static readonly (LifecycleStage Stage, double Share)[] Mix =
    [
        (LifecycleStage.Prospect, 0.12), (LifecycleStage.New, 0.10), (LifecycleStage.Growing, 0.28),
        (LifecycleStage.Mature, 0.18), (LifecycleStage.Declining, 0.14), (LifecycleStage.Churned, 0.18),
    ];

    private static readonly string[] Industries = [.. NameBank.IndustryWords.Keys];
    private static readonly string[] Features = ["F-DASH", "F-ALERT", "F-RPT", "F-API", "F-MOB", "F-FLOW"];
    private static readonly string[] OrderProducts = ["G200", "G500", "DT10", "S-STD", "S-ENT", "IMPL", "TRAIN", "SUP-P"];

    private readonly Random _rng;
    private readonly Faker _en;
    private readonly DateOnly _asOf;
    private readonly bool _rich;

    public CustomerGenerator(int seed, DateOnly asOf, bool rich)
    {
        _rng = new Random(seed);
        _en = new Faker("en") { Random = new Randomizer(seed) };
        _asOf = asOf;
        _rich = rich;
    }

    public GenCustomer Next(int ordinal, int? ordersPerCustomer = null)
    {
        var archetype = PickArchetype();
        var chinese = _rng.NextDouble() < 0.8;
        var industry = Pick(Industries);
        var level = PickLevel(archetype);
        string name, region, address, postcode;
        if (chinese)
        {
            var city = Pick(NameBank.Cities);
            region = city.Region;
            name = $"{city.City}{Pick(NameBank.CompanyWords)}{Pick(NameBank.IndustryWords[industry])}有限公司";
            address = $"{city.City}市{Pick(city.Streets)}{_rng.Next(1, 999)}号";
            postcode = city.PostPrefix + _rng.Next(0, 1000).ToString("000");
        }
        else
        {
            var overseas = _rng.NextDouble() < 0.5;
            var city = Pick(NameBank.Cities);
            region = overseas ? "overseas" : city.Region;
            name = $"{_en.Name.LastName()} {NameBank.IndustryEn[industry]} {(overseas ? "Pte. Ltd." : "(China) Co., Ltd.")}";
            address = overseas ? $"{_rng.Next(1, 300)} {_en.Address.StreetName()}, {Pick(NameBank.OverseasCities)}" : $"{city.City}市{Pick(city.Streets)}{_rng.Next(1, 999)}号";
            postcode = overseas ? _rng.Next(10000, 99999).ToString() : city.PostPrefix + _rng.Next(0, 1000).ToString("000");
        }
        name = ordinal % 97 == 0 ? name.Replace("有限公司", "股份有限公司") : name;

        var orders = ordersPerCustomer is { } n ? VolumeOrders(archetype, level, n) : Orders(archetype, level);
        var firstOrder = orders.Count > 0 ? orders.Min(o => o.Date) : (DateOnly?)null;
        var createdDaysBefore = firstOrder is { } f ? _asOf.DayNumber - f.DayNumber + _rng.Next(3, 60) : _rng.Next(5, 200);
        var customer = new GenCustomer
        {
            Name = name,
            Chinese = chinese,
            Archetype = archetype,
            Region = region,
            Industry = industry,
            Level = level,
            Satisfaction = Satisfaction(archetype),
            Credit = _rng.Next(2, 6),
            Address = address,
            Postcode = postcode,
            Phone = chinese ? $"0{_rng.Next(10, 999)}-{_rng.Next(2000000, 89999999)}" : $"+65 {_rng.Next(6000, 6999)} {_rng.Next(1000, 9999)}",
            Website = $"www.{(chinese ? "corp" + _rng.Next(1000, 99999) : _en.Internet.DomainWord())}.{(chinese ? "cn" : "com")}",
            LicenceNumber = chinese ? $"91{_rng.Next(110000, 659999)}{_rng.NextInt64(1_000_000_000, 9_999_999_999)}" : null,
            LegalRepresentative = chinese ? PersonName() : _en.Name.FullName(),
            RegisteredCapital = _rng.Next(1, 200) * 100_000m,
            AnnualTurnover = _rng.Next(5, 5000) * 100_000m,
            Bank = chinese ? Pick(["中国工商银行", "中国建设银行", "招商银行", "中国银行", "交通银行"]) : Pick(["HSBC", "Standard Chartered", "DBS"]),
            BankAccount = $"6222{_rng.NextInt64(100_000_000_000, 999_999_999_999)}",
            TaxId = chinese ? $"91{_rng.Next(110000, 659999)}MA{_rng.Next(10000000, 99999999)}" : null,
            Consent = _rng.NextDouble() < 0.85,
            CreatedAt = _asOf.AddDays(-createdDaysBefore).ToDateTime(new TimeOnly(1, 0), DateTimeKind.Utc).AddMinutes(_rng.Next(0, 540)),
        };
        customer.Orders.AddRange(orders);
        var contacts = _rich ? _rng.Next(1, 4) : 1;
        for (var i = 0; i < contacts; i++) customer.Contacts.Add(Contact(chinese, customer.Website!));
        if (_rich) customer.Events.AddRange(Events(archetype, orders, customer.CreatedAt));
        return customer;
    }

    private LifecycleStage PickArchetype()
    {
        var x = _rng.NextDouble();
        foreach (var (stage, share) in Mix)
        {
            if (x < share) return stage;
            x -= share;
        }
        return LifecycleStage.Growing;
    }

    private string PickLevel(LifecycleStage archetype) => archetype switch
    {
        LifecycleStage.Mature => Pick(["strategic", "strategic", "major", "major", "partner"]),
        LifecycleStage.Prospect => Pick(["developing", "ordinary", "ordinary"]),
        _ => Pick(["ordinary", "ordinary", "ordinary", "major", "partner", "developing"]),
    };

    private int? Satisfaction(LifecycleStage archetype) => archetype switch
    {
        LifecycleStage.Prospect => null,
        LifecycleStage.Mature => _rng.Next(4, 6),
        LifecycleStage.Declining => _rng.Next(1, 4),
        LifecycleStage.Churned => _rng.Next(1, 4),
        _ => _rng.Next(3, 6),
    };

    private decimal BaseAmount(string level) => level switch
    {
        "strategic" => _rng.Next(60, 150) * 1000m,
        "major" => _rng.Next(20, 60) * 1000m,
        "partner" => _rng.Next(10, 40) * 1000m,
        "developing" => _rng.Next(5, 20) * 1000m,
        _ => _rng.Next(2, 15) * 1000m,
    };

    /// <summary>Order dates and amounts that follow the archetype (last order recency, rhythm, trend).</summary>
    private List<GenOrder> Orders(LifecycleStage archetype, string level)
    {
        var baseAmount = BaseAmount(level);
        var dates = new List<DateOnly>();
        switch (archetype)
        {
            case LifecycleStage.Prospect:
                break;
            case LifecycleStage.New:
                dates.Add(_asOf.AddDays(-_rng.Next(1, 28)));
                if (_rng.NextDouble() < 0.3) dates.Add(_asOf.AddDays(-_rng.Next(0, _asOf.DayNumber - dates[0].DayNumber + 1)));
                break;
            case LifecycleStage.Growing:
                Rhythm(dates, _rng.Next(90, 600), _rng.Next(0, 35), 15, 45, irregular: true);
                if (_rng.NextDouble() < 0.4) { dates.Add(_asOf.AddDays(-_rng.Next(0, 12))); dates.Add(_asOf.AddDays(-_rng.Next(12, 28))); }
                break;
            case LifecycleStage.Mature:
                Rhythm(dates, _rng.Next(240, 720), _rng.Next(0, 20), 20, 32);
                break;
            case LifecycleStage.Declining:
                Rhythm(dates, _rng.Next(180, 720), _rng.NextDouble() < 0.75 ? _rng.Next(62, 89) : _rng.Next(32, 55), 20, 50, irregular: true);
                break;
            case LifecycleStage.Churned:
                Rhythm(dates, _rng.Next(360, 720), _rng.Next(95, 330), 25, 60, irregular: true);
                break;
        }
        dates.Sort();
        var trend = archetype == LifecycleStage.Growing ? 0.04 : archetype == LifecycleStage.Declining ? -0.02 : 0.0;
        return dates.Select((d, i) => MakeOrder(d, Math.Max(500m, baseAmount * (decimal)(1 + trend * i) * (decimal)(0.8 + _rng.NextDouble() * 0.4)))).ToList();
    }

    /// <summary>Volume mode: exactly <paramref name="count"/> orders placed to match the archetype's recency.</summary>
    private List<GenOrder> VolumeOrders(LifecycleStage archetype, string level, int count)
    {
        if (archetype == LifecycleStage.Prospect || count == 0) return [];
        var last = archetype switch
        {
            LifecycleStage.New => _rng.Next(1, 28),
            LifecycleStage.Growing or LifecycleStage.Mature => _rng.Next(0, 30),
            LifecycleStage.Declining => _rng.Next(61, 89),
            _ => _rng.Next(95, 400),
        };
        var span = archetype == LifecycleStage.New ? _rng.Next(0, 30 - last) : _rng.Next(60, 700);
        var baseAmount = BaseAmount(level);
        var orders = new List<GenOrder>(count);
        for (var i = 0; i < count; i++)
        {
            var offset = count == 1 ? 0 : span * (count - 1 - i) / (count - 1);
            orders.Add(MakeOrder(_asOf.AddDays(-(last + offset)), Math.Round(baseAmount * (decimal)(0.7 + _rng.NextDouble() * 0.6), 2), lines: false));
        }
        return orders;
    }

    /// <summary>
    /// Orders from <paramref name="firstDaysAgo"/> to <paramref name="lastDaysAgo"/>. Irregular
    /// customers buy at their own pace (a per-customer factor, log-normal around 1) with random
    /// (exponential) gaps, as real buyers do — so the demo's purchase histories carry the
    /// heterogeneity the value models (BG/NBD) estimate; mature customers keep their monthly rhythm.
    /// </summary>
    private void Rhythm(List<DateOnly> dates, int firstDaysAgo, int lastDaysAgo, int minGap, int maxGap, bool irregular = false)
    {
        var d = _asOf.AddDays(-firstDaysAgo);
        var last = _asOf.AddDays(-lastDaysAgo);
        var pace = irregular ? Math.Exp(0.6 * Gaussian()) : 1;
        while (d < last)
        {
            dates.Add(d);
            var gap = irregular
                ? Math.Max(3, (int)Math.Round(pace * (minGap + maxGap) / 2.0 * -Math.Log(1 - _rng.NextDouble())))
                : _rng.Next(minGap, maxGap + 1);
            d = d.AddDays(gap);
        }
        dates.Add(last);
    }

    private double Gaussian() => Math.Sqrt(-2 * Math.Log(1 - _rng.NextDouble())) * Math.Cos(2 * Math.PI * _rng.NextDouble());

    private GenOrder MakeOrder(DateOnly date, decimal amount, bool lines = true)
    {
        if (!lines) return new GenOrder(date, amount, []);
        var count = _rng.Next(1, 4);
        var result = new List<(string, decimal, decimal)>();
        var remaining = Math.Round(amount, 0);
        for (var i = 0; i < count; i++)
        {
            var product = Pick(OrderProducts);
            var share = i == count - 1 ? remaining : Math.Round(remaining * (decimal)(0.3 + _rng.NextDouble() * 0.4), 0);
            var quantity = _rng.Next(1, 6);
            var unit = Math.Max(1m, Math.Round(share / quantity, 2));
            result.Add((product, quantity, unit));
            remaining -= unit * quantity;
            if (remaining <= 0) break;
        }
        return new GenOrder(date, result.Sum(l => l.Item2 * l.Item3), result);
    }

    private IEnumerable<GenEvent> Events(LifecycleStage archetype, List<GenOrder> orders, DateTime createdAt)
    {
        DateTime At(int daysAgo) => _asOf.AddDays(-daysAgo).ToDateTime(new TimeOnly(_rng.Next(0, 13), _rng.Next(0, 60)), DateTimeKind.Utc);
        var created = DateOnly.FromDateTime(createdAt);
        if (archetype == LifecycleStage.Prospect)
        {
            var kind = _rng.NextDouble();
            var visits = kind < 0.6 ? _rng.Next(3, 9) : _rng.Next(0, 3);
            for (var i = 0; i < visits; i++) yield return new GenEvent(At(_rng.Next(0, 85)), BehaviourEventType.SiteVisit, 1, Pick(["/pricing", "/products/g200", "/cases", "/solutions/iot"]));
            if (kind is >= 0.6 and < 0.8) yield return new GenEvent(At(_rng.Next(0, 80)), BehaviourEventType.LeadForm, 1, "white-paper");
            if (kind is >= 0.8 and < 0.95) yield return new GenEvent(At(_rng.Next(0, 80)), BehaviourEventType.EventParticipation, 1, "2026 工业物联网峰会");
            yield break;
        }
        if (orders.Count == 0) yield break;
        var start = orders[0].Date;
        var activeUntil = archetype == LifecycleStage.Churned ? orders[^1].Date.AddDays(20) : _asOf;
        var totalDays = Math.Max(1, _asOf.DayNumber - start.DayNumber);
        var baseUsage = _rng.Next(300, 2400);
        var dropping = archetype == LifecycleStage.Declining;
        // usage: one event a week over the last 16 weeks, one a month before that
        for (var daysAgo = totalDays; daysAgo >= 0; daysAgo -= daysAgo > 112 ? 30 : 7)
        {
            var day = _asOf.AddDays(-daysAgo);
            if (day > activeUntil || day < created) continue;
            var factor = dropping && daysAgo < 30 ? 0.35 : archetype == LifecycleStage.Growing ? 1 + (totalDays - daysAgo) / (double)totalDays : 1.0;
            var weekly = daysAgo > 112 ? 4 : 1;
            yield return new GenEvent(At(daysAgo), BehaviourEventType.UsageMinutes, Math.Round((decimal)(baseUsage * factor * weekly * (0.85 + _rng.NextDouble() * 0.3))), null);
        }
        var featureCount = archetype switch
        {
            LifecycleStage.Growing => _rng.Next(2, 6),
            LifecycleStage.Mature => _rng.Next(3, 7),
            LifecycleStage.New => _rng.Next(1, 3),
            _ => _rng.Next(0, 2),
        };
        if (archetype != LifecycleStage.Churned)
            foreach (var feature in Features.OrderBy(_ => _rng.Next()).Take(featureCount))
                yield return new GenEvent(At(_rng.Next(0, 25)), BehaviourEventType.FeatureUse, _rng.Next(3, 40), feature);
        var contacts = archetype == LifecycleStage.Declining ? _rng.Next(2, 6) : _rng.Next(0, 3);
        for (var i = 0; i < contacts; i++)
            yield return new GenEvent(At(archetype == LifecycleStage.Declining ? _rng.Next(31, 60) : _rng.Next(0, 60)), BehaviourEventType.ServiceContact, 1, "phone");
        if (archetype == LifecycleStage.Mature && _rng.NextDouble() < 0.4)
            yield return new GenEvent(At(_rng.Next(10, 200)), BehaviourEventType.Referral, 1, "referred a peer company");
        if (archetype == LifecycleStage.Churned && _rng.NextDouble() < 0.15)
            yield return new GenEvent(At(_rng.Next(30, 90)), BehaviourEventType.Unsubscribe, 1, "e-mail newsletter");
        if (_rng.NextDouble() < 0.1)
            yield return new GenEvent(At(_rng.Next(0, 300)), BehaviourEventType.EventParticipation, 1, "客户答谢会");
    }

    private GenContact Contact(bool chinese, string website)
    {
        var female = _rng.NextDouble() < 0.45;
        var name = chinese ? PersonName() : _en.Name.FullName(female ? Bogus.DataSets.Name.Gender.Female : Bogus.DataSets.Name.Gender.Male);
        var mobile = $"1{Pick(["38", "39", "50", "58", "86", "88", "35", "77"])}{_rng.Next(10000000, 99999999)}";
        var emailUser = chinese ? $"contact{_rng.Next(10, 9999)}" : name.Split(' ')[0].ToLowerInvariant();
        var domain = website.StartsWith("www.", StringComparison.Ordinal) ? website[4..] : website;
        var birthday = _rng.NextDouble() < 0.6 ? new DateOnly(_rng.Next(1965, 2000), _rng.Next(1, 13), _rng.Next(1, 29)) : (DateOnly?)null;
        return new GenContact(name, female ? 2 : 1, chinese ? Pick(NameBank.Titles) : Pick(NameBank.TitlesEn),
            _rng.NextDouble() < 0.5 ? $"0{_rng.Next(10, 999)}-{_rng.Next(2000000, 89999999)}" : null,
            mobile, $"{emailUser}@{domain}", birthday, _rng.NextDouble() < 0.85);
    }

    public string PersonName() => Pick(NameBank.Surnames) + Pick(NameBank.GivenNames);

    public T Pick<T>(IReadOnlyList<T> items) => items[_rng.Next(items.Count)];

    public Random Random => _rng;
}
