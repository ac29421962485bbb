namespace RefundBot.Eligibility.Model;

public enum Outcome
{
    /// <summary>The rules cannot decide until the customer gives the facts in <c>Decision.MissingFacts</c>.</summary>
    MoreFactsNeeded,
    FullRefund,
    PartialRefund,
    Denied,
    TroubleshootingRequired,
    HumanReview,
    AlternativeOffered,

    /// <summary>Troubleshooting solved the problem: no refund is needed.</summary>
    Resolved,
}

/// <summary>One rule: when it applies, what it decides, how much, when, and the section it comes from.</summary>
public sealed class Rule : Located
{
    public string Id { get; set; } = "";

    /// <summary>The section of the policy text this rule rests on.</summary>
    public string Section { get; set; } = "";

    /// <summary>Other sections the decision also rests on (e.g. the timeline's).</summary>
    public List<string> AlsoCites { get; set; } = [];

    /// <summary>No condition: the rule always applies (a last, default rule).</summary>
    public Condition? When { get; set; }

    /// <summary>"refund" computes a full or partial refund from <see cref="Refund"/>; the others are as named.</summary>
    public RuleOutcome Outcome { get; set; }

    public RefundFormula? Refund { get; set; }

    /// <summary>Offered instead of (or besides) a refund: credit, exchange, extension, cancellation-at-period-end.</summary>
    public List<string> Alternatives { get; set; } = [];

    /// <summary>Why, in one or two sentences the bot says to the customer.</summary>
    public LocalizedText Explanation { get; set; } = [];

    /// <summary>When the money comes back; the first entry whose condition holds applies.</summary>
    public List<TimelineEntry> Timeline { get; set; } = [];

    /// <summary>For troubleshooting-required: how long support has to resolve the problem.</summary>
    public int? ResolutionWindowHours { get; set; }
}

public enum RuleOutcome
{
    Refund,
    Denied,
    TroubleshootingRequired,
    HumanReview,
    AlternativeOffered,
    Resolved,
}

/// <summary>
/// How a refund is computed: what was paid, minus fees kept, minus an amount withheld for use, minus deductions.
/// Each part cites its section. Amounts are rounded once each, half away from zero, to the currency's minor unit.
/// </summary>
public sealed class RefundFormula : Located
{
    /// <summary>Money facts that add up to what the customer paid.</summary>
    public List<string> Paid { get; set; } = [];

    public List<AmountPart> FeesKept { get; set; } = [];

    public UseWithholding? WithheldForUse { get; set; }

    public List<AmountPart> Deductions { get; set; } = [];
}

/// <summary>An amount taken from a money fact, when its condition holds.</summary>
public sealed class AmountPart : Located
{
    public string Fact { get; set; } = "";
    public string Section { get; set; } = "";
    public Condition? When { get; set; }
}

/// <summary>
/// The part of a price kept for the use already made: <c>of × usedDays / termDays</c> (term from a choice fact through
/// a table, e.g. annual → 365), or <c>of × usedPercent / 100</c>.
/// </summary>
public sealed class UseWithholding : Located
{
    public string Of { get; set; } = "";
    public string Section { get; set; } = "";
    public string? UsedDays { get; set; }
    public string? TermFrom { get; set; }
    public Dictionary<string, int> TermDays { get; set; } = [];
    public string? UsedPercent { get; set; }
}

public sealed class TimelineEntry : Located
{
    public Condition? When { get; set; }
    public LocalizedText Text { get; set; } = [];
    public string Section { get; set; } = "";

    /// <summary>When set, the latest date is computed: this many business days (Monday to Friday) after the decision.</summary>
    public int? BusinessDays { get; set; }
}
