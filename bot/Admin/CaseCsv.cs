using System.Globalization;
using System.Text;

namespace RefundBot.Bot.Admin;

/// <summary>
/// The cases as CSV (RFC 4180): a header line, then one line per case, CRLF line ends; a field holding a comma, a
/// quote or a line break is quoted, its quotes doubled. Amounts are written in the invariant culture ("116.71"), with
/// their currency in a column of its own; times in UTC, ISO 8601. A field that a spreadsheet would run as a formula
/// (starting with = + - @) is prefixed with an apostrophe.
/// </summary>
public static class CaseCsv
{
    public static readonly string[] Header =
    [
        "case_id", "created_at", "policy", "status", "outcome", "decided_by", "decided_at", "language", "channel", "order_id",
        "reason", "refund_amount", "currency", "escalation_reason", "rating", "comment",
    ];

    public static string Write(IEnumerable<CaseRow> rows)
    {
        var csv = new StringBuilder();
        Line(csv, Header);
        foreach (var row in rows)
        {
            Line(csv,
            [
                row.Id, Time(row.CreatedAt), row.PolicyId, row.Status, row.Outcome, row.DecidedBy, row.DecidedAt is { } at ? Time(at) : null,
                row.Language, row.Channel, row.OrderId, row.ReasonCategory, row.RefundAmount?.ToString("0.00", CultureInfo.InvariantCulture),
                row.Currency, row.EscalationReason, row.Rating?.ToString(CultureInfo.InvariantCulture), row.Comment,
            ]);
        }

        return csv.ToString();
    }

    public static string Field(string? value)
    {
        if (string.IsNullOrEmpty(value))
        {
            return "";
        }

        if (value[0] is '=' or '+' or '-' or '@' or '\t' or '\r')
        {
            value = "'" + value;
        }

        return value.IndexOfAny([',', '"', '\r', '\n']) >= 0 ? $"\"{value.Replace("\"", "\"\"", StringComparison.Ordinal)}\"" : value;
    }

    private static void Line(StringBuilder csv, IEnumerable<string?> fields) => csv.Append(string.Join(',', fields.Select(Field))).Append("\r\n");

    private static string Time(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy'-'MM'-'dd'T'HH':'mm':'ss'Z'", CultureInfo.InvariantCulture);
}
