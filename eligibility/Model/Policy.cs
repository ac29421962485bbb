namespace RefundBot.Eligibility.Model;

/// <summary>
/// A business's refund policy as data (<c>policy-content/{id}/policy.yaml</c>): the facts its rules use and the rules,
/// in order. Every object remembers the line it was read from, so a problem can name it.
/// </summary>
public sealed class Policy : Located
{
    public string Id { get; set; } = "";
    public string Business { get; set; } = "";

    /// <summary>ISO 4217 code, e.g. "EUR".</summary>
    public string Currency { get; set; } = "";

    /// <summary>Digits after the decimal point in the currency (2 for EUR and USD).</summary>
    public int MinorUnits { get; set; } = 2;

    /// <summary>IANA zone in which the policy's calendar days are counted.</summary>
    public string TimeZone { get; set; } = "";

    /// <summary>The public holidays its business days skip (none: Monday to Friday).</summary>
    public PublicHolidays PublicHolidays { get; set; } = new();

    /// <summary>The language of the authoritative text ("en" or "fr").</summary>
    public string SourceLanguage { get; set; } = "";

    /// <summary>
    /// The largest amount any money fact may take (<c>maxAmount</c>, default <see cref="DefaultMaxAmount"/>): a price
    /// beyond it is a typo, asked again, and the bound keeps the engine's decimal arithmetic far from overflow.
    /// </summary>
    public decimal MaxAmount { get; set; } = DefaultMaxAmount;

    public const decimal DefaultMaxAmount = 1_000_000m;

    /// <summary>The largest <see cref="MaxAmount"/> a policy may set: sums and pro-rating of such amounts stay exact.</summary>
    public const decimal LargestMaxAmount = 1_000_000_000_000m;

    /// <summary>Where the published policy lives; sections are linked as {url}#{sectionId}.</summary>
    public string? Url { get; set; }

    public List<FactDefinition> Facts { get; set; } = [];

    /// <summary>Evaluated in order: the first rule whose condition holds decides.</summary>
    public List<Rule> Rules { get; set; } = [];

    /// <summary>The reason categories, from reasons.yaml.</summary>
    [YamlDotNet.Serialization.YamlIgnore]
    public List<ReasonCategory> Reasons { get; set; } = [];

    /// <summary>Guided troubleshooting, from troubleshooting.yaml when the policy has one.</summary>
    [YamlDotNet.Serialization.YamlIgnore]
    public List<TroubleshootingGuide> Troubleshooting { get; set; } = [];

    /// <summary>Example questions per section id and language, from questions.yaml when the policy has one.</summary>
    [YamlDotNet.Serialization.YamlIgnore]
    public Dictionary<string, Dictionary<string, List<string>>> SectionQuestions { get; set; } = [];

    /// <summary>The agent desk's canned replies by outcome, from desk-replies.yaml when the policy has one.</summary>
    [YamlDotNet.Serialization.YamlIgnore]
    public List<DeskReply> DeskReplies { get; set; } = [];

    /// <summary>The agent desk's target wait, from desk.yaml when the policy has one (else no target).</summary>
    [YamlDotNet.Serialization.YamlIgnore]
    public DeskSettings? Desk { get; set; }

    /// <summary>The agent desk's canned replies, from canned-replies.yaml when the policy has one.</summary>
    [YamlDotNet.Serialization.YamlIgnore]
    public List<CannedReply> CannedReplies { get; set; } = [];

    /// <summary>Section ids of the policy text, filled in by the loader from policy.{lang}.md.</summary>
    [YamlDotNet.Serialization.YamlIgnore]
    public Dictionary<string, PolicyText> Texts { get; set; } = [];

    /// <summary>
    /// The facts a refund rests on that the customer's word alone does not settle (<c>verify: [amount_paid,
    /// purchase_date]</c>): when one of them comes only from the customer, and neither the order record nor an agent
    /// confirms it, a refund the engine decides is provisional and the case waits for the team's check. Not set: the
    /// policy's money facts and its purchase date; <c>verify: []</c>: none.
    /// </summary>
    public List<FactReference>? Verify { get; set; }

    /// <summary>An optional name for this version of the policy (<c>versionLabel: "2026-03, 14-day window"</c>), shown beside its hash.</summary>
    public string? VersionLabel { get; set; }

    /// <summary>The files the policy was read from (set by the loader): their hash is the policy's version.</summary>
    [YamlDotNet.Serialization.YamlIgnore]
    public Loading.PolicyFolder? Source { get; set; }

    /// <summary>The version of the policy: its folder's content hash and its optional label. Every decision records it.</summary>
    [YamlDotNet.Serialization.YamlIgnore]
    public PolicyVersion Version => new(Source?.Hash ?? "", VersionLabel);

    public FactDefinition? Fact(string id) => Facts.FirstOrDefault(f => f.Id == id);

    /// <summary>
    /// Whether a value of <paramref name="factId"/> the customer alone gave makes a refund provisional (see <see cref="Verify"/>).
    /// A document always does, whatever <see cref="Verify"/> says: a file sent is not yet a file an agent accepted.
    /// </summary>
    public bool NeedsVerification(string factId) =>
        Fact(factId)?.Type == FactType.Document
        || (Verify is { } listed
            ? listed.Any(f => f.Id == factId)
            : factId == DefaultVerifiedDate || Fact(factId)?.Type == FactType.Money);

    /// <summary>The date fact every policy's windows count from (see policy-content/README.md), verified by default.</summary>
    public const string DefaultVerifiedDate = "purchase_date";
}

/// <summary>Something read from a policy file, with the line it starts on.</summary>
public abstract class Located
{
    [YamlDotNet.Serialization.YamlIgnore]
    public int Line { get; set; }
}

/// <summary>A text in each language: <c>{ en: "...", fr: "..." }</c>.</summary>
public sealed class LocalizedText : Dictionary<string, string>
{
    public string In(string language) =>
        TryGetValue(language, out var text) ? text : TryGetValue("en", out var english) ? english : Values.FirstOrDefault() ?? "";
}

public enum FactType
{
    Boolean,
    Choice,
    Money,
    Number,
    Integer,
    Date,
    Time,

    /// <summary>A file the customer sends and an agent checks (<see cref="DocumentEvidence"/>): never the customer's word.</summary>
    Document,
}

/// <summary>A fact the rules need, and how to ask the customer for it.</summary>
public sealed class FactDefinition : Located
{
    public string Id { get; set; } = "";
    public FactType Type { get; set; }
    public LocalizedText Question { get; set; } = [];

    /// <summary>The fact's name in a summary the customer confirms ("Amount paid: €49.99"), when it may be read from their words.</summary>
    public LocalizedText Label { get; set; } = [];

    /// <summary>For choice facts: each choice's id and its label per language.</summary>
    public List<FactChoice> Choices { get; set; } = [];

    public decimal? Min { get; set; }
    public decimal? Max { get; set; }

    /// <summary>
    /// For number and integer facts: what the value counts (<c>unit: hours</c>). The bot reads an answer given in
    /// another unit ("3 days" to an hours question) in this one, and reads the conversion back before using it.
    /// </summary>
    public FactUnit? Unit { get; set; }

    /// <summary>For document facts: what the file must be (<see cref="DocumentKinds"/>: <c>proof_of_purchase</c>, <c>evidence</c>).</summary>
    public string? Document { get; set; }

    /// <summary>
    /// For boolean facts: words, per language, that state the fact true in an answer to another question ("i got the
    /// router"): a later answer that says otherwise than the customer's answer to this fact has this fact asked again.
    /// </summary>
    public Dictionary<string, List<string>> SaidTrue { get; set; } = [];

    /// <summary>For boolean facts: words that state the fact false in an answer to another question ("i never got any equipment").</summary>
    public Dictionary<string, List<string>> SaidFalse { get; set; } = [];
}

/// <summary>What a number fact counts: a customer may answer in another unit of time, converted to this one.</summary>
public enum FactUnit
{
    Hours,
    Days,
    Percent,
}

public sealed class FactChoice : Located
{
    public string Id { get; set; } = "";
    public LocalizedText Label { get; set; } = [];

    /// <summary>
    /// Other words that select this choice, per language ("still broken", "pas réglé"). The id never does: it is
    /// matched only as a whole answer, never inside one ("resolved" in "it is not resolved").
    /// </summary>
    public Dictionary<string, List<string>> Synonyms { get; set; } = [];

    /// <summary>
    /// Whether this choice is the question's yes or its no: the bot's plain yes/no words ("yep", "nah", "non") then
    /// select it, and a plain no beside a yes ("fixed? not at all") is asked again. Synonyms may not be such words.
    /// </summary>
    public AnswerPolarity Polarity { get; set; }
}

/// <summary>The yes or the no of a yes/no-like choice fact; none for the others.</summary>
public enum AnswerPolarity
{
    None,
    Yes,
    No,
}
