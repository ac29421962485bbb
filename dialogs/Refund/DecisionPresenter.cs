using System.Globalization;
using System.Text;
using RefundBot.Dialogs.Runtime;
using RefundBot.Eligibility.Model;

namespace RefundBot.Dialogs.Refund;

/// <summary>
/// Puts a decision into words in the customer's language: the outcome, the policy's reason, the amounts, when the
/// money comes back, other options, and the sections it rests on. Pure: the same decision gives the same text.
/// </summary>
public sealed class DecisionPresenter(BotTexts texts)
{
    public string Present(Decision decision, Policy policy, string language, CultureInfo culture)
    {
        string T(string key, params (string, object?)[] args) => texts.Get(language, key, args);
        string Money(decimal amount) => FormatMoney(amount, policy.Currency, culture);
        string Heading(string section) => policy.Texts.GetValueOrDefault(language)?.Section(section)?.Heading ?? section;

        var text = new StringBuilder();
        text.AppendLine(T($"decision.{Key(decision.Outcome)}", ("amount", decision.Breakdown is { } b ? Money(b.Refund) : "")));
        text.AppendLine();
        text.AppendLine(decision.Explanation?.In(language));
        if (decision.Breakdown is { } breakdown && decision.Outcome is Outcome.PartialRefund or Outcome.FullRefund or Outcome.Denied)
        {
            text.AppendLine();
            text.AppendLine(T("breakdown.paid", ("amount", Money(breakdown.Paid))));
            foreach (var line in breakdown.Lines.Where(l => l.Amount > 0))
            {
                text.AppendLine(T($"breakdown.{line.Kind}", ("label", Heading(line.Section)), ("amount", Money(line.Amount))));
            }

            text.AppendLine(T("breakdown.refund", ("amount", Money(breakdown.Refund))));
        }

        if (decision.Timeline is { } timeline)
        {
            text.AppendLine();
            var latest = timeline.LatestDate is { } date
                ? T("timeline.latest", ("date", date.ToString(T("format.date"), culture)))
                : "";
            text.AppendLine(T("timeline", ("text", timeline.Text.In(language)), ("latest", latest)));
        }

        if (decision.Alternatives.Count > 0)
        {
            text.AppendLine();
            text.AppendLine(T("alternatives", ("options", string.Join(", ", decision.Alternatives.Select(a => T($"alternative.{a}"))))));
        }

        text.AppendLine();
        text.Append(T("citations", ("sections", string.Join(" · ", decision.Sections.Select(s => Cite(policy, s, T("citation", ("heading", Heading(s))))))))));
        return text.ToString().Replace("\r", "");
    }

    public static string FormatMoney(decimal amount, string currency, CultureInfo culture)
    {
        var format = (NumberFormatInfo)culture.NumberFormat.Clone();
        format.CurrencySymbol = currency switch { "EUR" => "€", "USD" => "$", "GBP" => "£", _ => currency };
        return amount.ToString("C2", format);
    }

    public static string Key(Outcome outcome) => outcome switch
    {
        Outcome.FullRefund => "fullRefund",
        Outcome.PartialRefund => "partialRefund",
        Outcome.Denied => "denied",
        Outcome.TroubleshootingRequired => "troubleshootingRequired",
        Outcome.HumanReview => "humanReview",
        Outcome.AlternativeOffered => "alternativeOffered",
        Outcome.Resolved => "resolved",
        _ => throw new ArgumentOutOfRangeException(nameof(outcome), outcome, "not a decided outcome"),
    };

    private static string Cite(Policy policy, string section, string quoted) =>
        policy.Url is { } url ? $"[{quoted}]({url}#{section})" : quoted;
}
