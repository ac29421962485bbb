using RefundBot.Dialogs.Cases;
using RefundBot.Eligibility.Model;

namespace RefundBot.Bot.Cases;

/// <summary>
/// A decision receipt, for a dispute: everything the engine's decision on a case rests on, so that anyone can check it
/// and run it again. The policy's version (its content hash and label), the facts as they were with their sources, the
/// two instants (when the customer asked: windows are judged then; when the bot decided: timelines count from then),
/// the rules tried in order and the one that decided, the cited sections' text in each language, the amounts, and the
/// decision as the case recorded it. <see cref="Reproduced"/>: the engine, run again on this receipt's facts and
/// instants under this version, gives exactly <see cref="Decision"/>.
/// </summary>
public sealed record CaseReceipt(
    string CaseId,
    string OrderId,
    string Language,
    string Status,
    ReceiptPolicy Policy,
    ReceiptInstants Instants,
    IReadOnlyList<ReceiptFact> Facts,
    IReadOnlyList<RuleTrial> RulesTried,
    string? DecidedBy,
    CaseDecision Decision,
    bool Reproduced,
    LocalizedText? Explanation,
    RefundBreakdown? Amounts,
    IReadOnlyList<ReceiptSection> Sections,
    ReceiptAgentDecision? AgentDecision);

/// <summary>The policy the decision was made under: its id and business, and the version (hash, optional label).</summary>
public sealed record ReceiptPolicy(string Id, string Business, string Version, string? Label, string Currency, string TimeZone, string SourceLanguage);

public sealed record ReceiptInstants(DateTimeOffset RequestedAt, DateTimeOffset DecidedAt);

/// <summary>
/// A fact the decision used: its id and label (in English), its value as recorded at the decision, and where it comes
/// from; <see cref="Now"/> is the value the case holds today when an agent corrected it after the decision.
/// </summary>
public sealed record ReceiptFact(string Id, string Label, string Value, FactSource Source, string? Now = null);

/// <summary>A cited section: its heading and text in each language; the policy's source language is the authoritative one.</summary>
public sealed record ReceiptSection(string Id, IReadOnlyDictionary<string, ReceiptSectionText> Text);

public sealed record ReceiptSectionText(string Heading, string Body);

/// <summary>A person's decision made after the engine's, which stands over it (no internal note: that stays on the desk).</summary>
public sealed record ReceiptAgentDecision(string Outcome, decimal? Amount, string? Currency, string AgentName, DateTimeOffset At);
