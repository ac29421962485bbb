using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using RefundBot.Dialogs.Cases;
using RefundBot.Dialogs.Runtime;
using RefundBot.Eligibility.Model;

namespace RefundBot.Dialogs.Refund;

/// <summary>
/// Puts a decision into words in the customer's language: the outcome, the policy's reason, the amounts, when the
/// money comes back, other options, and the sections it rests on; as Markdown text, and for Teams also as an Adaptive
/// Card. Pure: the same decision gives the same message.
/// </summary>
internal sealed class DecisionPresenter(BotTexts texts)
{
    public const string AdaptiveCardContentType = "application/vnd.microsoft.card.adaptive";

    /// <summary>
    /// The reply that explains <paramref name="decision"/>; on Teams it carries an Adaptive Card as well.
    /// <paramref name="provisional"/>: the refund rests on facts only the customer gave, so its headline says so and
    /// that the team checks the order before the money is issued (the rest of the message is the decision's).
    /// </summary>
    public Activity Reply(Decision decision, Policy policy, TurnContext turn, bool provisional = false)
    {
        var parts = Compose(decision, policy, turn.Language, turn.Culture);
        if (provisional && decision.Breakdown is { } refund)
        {
            parts = parts with { Headline = texts.Get(turn.Language, $"decision.provisional.{Key(decision.Outcome)}", ("amount", FormatMoney(refund.Refund, policy.Currency, turn.Culture))) };
        }

        var reply = turn.Activity.CreateReply(Markdown(parts), turn.Culture.Name);
        if (turn.Activity.ChannelId == "msteams")
        {
            reply.Attachments = [new Attachment { ContentType = AdaptiveCardContentType, Content = System.Text.Json.JsonSerializer.SerializeToElement(Card(parts)) }];
        }

        return reply;
    }

    public string Present(Decision decision, Policy policy, string language, CultureInfo culture) =>
        Markdown(Compose(decision, policy, language, culture));

    public static string FormatMoney(decimal amount, string currency, CultureInfo culture) => Money.Format(amount, currency, culture);

    public static string Key(Outcome outcome) => OutcomeKeys.Of(outcome);

    /// <summary>The pieces of a decision message, already in the customer's language.</summary>
    private sealed record Parts(
        string Headline,
        string Explanation,
        IReadOnlyList<(string Label, string Amount, bool Total)> Amounts,
        string? Timeline,
        string? Alternatives,
        string Citations,
        string Colon);

    private Parts Compose(Decision decision, Policy policy, string language, CultureInfo culture)
    {
        string T(string key, params (string, object?)[] args) => texts.Get(language, key, args);
        string Money(decimal amount) => FormatMoney(amount, policy.Currency, culture);
        string Heading(string section) => policy.Texts.GetValueOrDefault(language)?.Section(section)?.Heading ?? section;

        var amounts = new List<(string, string, bool)>();
        if (decision.Breakdown is { } breakdown && decision.Outcome is Outcome.PartialRefund or Outcome.FullRefund or Outcome.Denied)
        {
            amounts.Add((T("amount.paid"), Money(breakdown.Paid), false));
            amounts.AddRange(breakdown.Lines.Where(l => l.Amount > 0)
                .Select(l => (T($"amount.{l.Kind}", ("label", Heading(l.Section))), "−" + Money(l.Amount), false)));
            amounts.Add((T("amount.refund"), Money(breakdown.Refund), true));
        }

        var timeline = decision.Timeline is { } t ? TimelineWording.Text(texts, t, language, culture) : null;
        var alternatives = decision.Alternatives.Count > 0
            ? T("alternatives", ("options", string.Join(", ", decision.Alternatives.Select(a => T($"alternative.{a}")))))
            : null;
        var citations = Citations(texts, policy, decision.Sections, language);
        return new Parts(
            T($"decision.{Key(decision.Outcome)}", ("amount", decision.Breakdown is { } b ? Money(b.Refund) : "")),
            decision.Explanation?.In(language) ?? "",
            amounts,
            timeline,
            alternatives,
            citations,
            T("punctuation.colon"));
    }

    private static string Markdown(Parts parts)
    {
        var text = new StringBuilder();
        text.Append("**").Append(parts.Headline).AppendLine("**").AppendLine();
        text.AppendLine(parts.Explanation);
        if (parts.Amounts.Count > 0)
        {
            text.AppendLine();
            foreach (var (label, amount, total) in parts.Amounts)
            {
                text.AppendLine(total ? $"- **{label}{parts.Colon}{amount}**" : $"- {label}{parts.Colon}{amount}");
            }
        }

        foreach (var paragraph in new[] { parts.Timeline, parts.Alternatives }.OfType<string>())
        {
            text.AppendLine().AppendLine(paragraph);
        }

        text.AppendLine().Append(parts.Citations);
        return text.ToString().Replace("\r", "");
    }

    /// <summary>An Adaptive Card 1.5: headline, explanation, the amounts as a fact set, timeline, options, citations.</summary>
    private static JsonObject Card(Parts parts)
    {
        static JsonObject Block(string text, bool bold = false, bool subtle = false) => new()
        {
            ["type"] = "TextBlock", ["text"] = text, ["wrap"] = true,
            ["weight"] = bold ? "Bolder" : "Default", ["isSubtle"] = subtle,
        };

        var body = new JsonArray { Block(parts.Headline, bold: true), Block(parts.Explanation) };
        if (parts.Amounts.Count > 0)
        {
            body.Add(new JsonObject
            {
                ["type"] = "FactSet",
                ["facts"] = new JsonArray(parts.Amounts.Select(a => (JsonNode)new JsonObject { ["title"] = a.Label, ["value"] = a.Amount }).ToArray()),
            });
        }

        foreach (var paragraph in new[] { parts.Timeline, parts.Alternatives }.OfType<string>())
        {
            body.Add(Block(paragraph));
        }

        body.Add(Block(parts.Citations, subtle: true));
        return new JsonObject
        {
            ["type"] = "AdaptiveCard",
            ["$schema"] = "http://adaptivecards.io/schemas/adaptive-card.json",
            ["version"] = "1.5",
            ["body"] = body,
        };
    }

    /// <summary>"See the refund policy: “Refund period” · …", each heading a link to its section when the policy has a page.</summary>
    internal static string Citations(BotTexts texts, Policy policy, IEnumerable<string> sections, string language)
    {
        string Heading(string section) => policy.Texts.GetValueOrDefault(language)?.Section(section)?.Heading ?? section;
        return texts.Get(language, "citations", ("sections", string.Join(" · ",
            sections.Select(s => Cite(policy, s, texts.Get(language, "citation", ("heading", Heading(s))))))));
    }

    private static string Cite(Policy policy, string section, string quoted) =>
        policy.Url is { } url ? $"[{quoted}]({url}#{section})" : quoted;
}
