using System.Globalization;
using RefundBot.Dialogs.Cases;
using RefundBot.Eligibility.Model;

namespace RefundBot.Bot.AgentDesk;

/// <summary>
/// A case's facts as the desk shows them, in the desk's language (English): each named by the policy's label for it
/// (else its question), a choice by its label, yes/no for booleans, money in the policy's currency. Facts the policy
/// no longer has are shown by id and value. Each with where it comes from (the order record, the customer, an agent),
/// and a bound the customer gave as theirs ("at least 72"). Pure.
/// </summary>
internal static class DeskFacts
{
    private const string DeskLanguage = "en";
    private static readonly CultureInfo DeskCulture = CultureInfo.GetCultureInfo("en-US");

    public static IReadOnlyList<FactView> Of(RefundCase refundCase, Policy? policy)
    {
        var unverified = policy is null ? [] : refundCase.Unverified(policy).ToHashSet(StringComparer.Ordinal);
        return refundCase.Facts.Select(pair => policy?.Fact(pair.Key) is { } fact
                ? new FactView(pair.Key, Label(fact), Bounded(refundCase.SourceOf(pair.Key).Bound, Value(fact, pair.Value, policy)), refundCase.SourceOf(pair.Key),
                    unverified.Contains(pair.Key), pair.Value, TypeName(fact.Type), Choices(fact))
                : new FactView(pair.Key, pair.Key, pair.Value, refundCase.SourceOf(pair.Key), Raw: pair.Value))
            .ToList();
    }

    /// <summary>"at least 72": the side of the figure the customer gave, when they gave one (<see cref="FactSource.Bound"/>).</summary>
    private static string Bounded(string? bound, string value) => bound switch
    {
        "atLeast" => "at least " + value,
        "moreThan" => "more than " + value,
        "atMost" => "at most " + value,
        "lessThan" => "less than " + value,
        _ => value,
    };

    private static List<ChoiceView>? Choices(FactDefinition fact) =>
        fact.Type == FactType.Choice ? fact.Choices.Select(c => new ChoiceView(c.Id, c.Label.In(DeskLanguage))).ToList() : null;

    private static string TypeName(FactType type) => type.ToString().ToLowerInvariant();

    private static string Label(FactDefinition fact) =>
        fact.Label.Count > 0 ? fact.Label.In(DeskLanguage) : fact.Question.Count > 0 ? fact.Question.In(DeskLanguage) : fact.Id;

    private static string Value(FactDefinition fact, string value, Policy policy) => fact.Type switch
    {
        FactType.Choice => fact.Choices.FirstOrDefault(c => c.Id == value)?.Label.In(DeskLanguage) ?? value,
        FactType.Boolean => value switch { "true" => "Yes", "false" => "No", _ => value },
        FactType.Document => DocumentEvidence.Parse(value)?.Status switch
        {
            DocumentStatus.Received => "File received, to check",
            DocumentStatus.Verified => "File accepted",
            DocumentStatus.Rejected => "File rejected",
            DocumentStatus.Missing => "No file within the window",
            _ => value,
        },
        FactType.Money when decimal.TryParse(value, NumberStyles.Number, CultureInfo.InvariantCulture, out var amount) =>
            Money.Format(amount, policy.Currency, DeskCulture),
        _ => value,
    };
}
