using System.Text;
using RefundBot.Eligibility.Analysis;

namespace RefundBot.Bot.PolicyTools;

/// <summary>A backtest's report as the command prints it.</summary>
internal static class BacktestReportText
{
    public static string Write(BacktestReport report, string policyId, int days)
    {
        var text = new StringBuilder();
        text.AppendLine($"{policyId}: {report.Replayed} case(s) of the last {days} day(s) replayed under the draft, {report.Changed.Count} changed");
        foreach (var money in report.Money)
        {
            text.AppendLine($"refunded: {Amount(money.Before, money.Currency)} before, {Amount(money.After, money.Currency)} after ({(money.Difference >= 0 ? "+" : "")}{Amount(money.Difference, money.Currency)})");
        }

        text.AppendLine($"escalations to a person: {report.EscalationsBefore} before, {report.EscalationsAfter} after");
        var currency = report.Money.FirstOrDefault()?.Currency ?? "";
        foreach (var change in report.Changed)
        {
            text.AppendLine($"  {change.Id}: {ExampleRunner.OutcomeName(change.From)} → {ExampleRunner.OutcomeName(change.To)}"
                + $" (rule {change.RuleBefore ?? "?"} → {change.RuleAfter ?? "?"})"
                + $", refund {Amount(change.RefundBefore, currency)} → {Amount(change.RefundAfter, currency)}"
                + (change.Asks.Count > 0 ? $"; the draft would first ask for {string.Join(", ", change.Asks)}" : ""));
        }

        foreach (var (id, why) in report.Unreadable)
        {
            text.AppendLine($"  {id}: not replayed, the draft cannot read its facts ({why})");
        }

        return text.ToString();
    }

    private static string Amount(decimal? amount, string currency) => PolicyBacktest.Amount(amount, currency);
}
