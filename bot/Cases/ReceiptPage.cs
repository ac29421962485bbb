using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using RefundBot.Bot.AgentDesk;
using RefundBot.Dialogs.Cases;
using RefundBot.Eligibility.Model;

namespace RefundBot.Bot.Cases;

/// <summary>
/// <c>GET /agent/cases/{id}/receipt</c>: a case's decision receipt as a printable page for a signed-in agent (the desk
/// links to it): the same content as the API's JSON (<see cref="CaseReceipt"/>), laid out to be read and printed.
/// </summary>
public static class ReceiptPage
{
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    public static IEndpointRouteBuilder MapReceiptPage(this IEndpointRouteBuilder app)
    {
        app.MapGet("/agent/cases/{id}/receipt", PageAsync).RequireAuthorization(AgentDeskSetup.AgentPolicy);
        return app;
    }

    private static async Task<IResult> PageAsync(string id, CaseStore cases, CaseReceipts receipts, CancellationToken cancellationToken)
    {
        if (id.Length > 64 || await cases.FindAsync(id, cancellationToken) is not { } refundCase)
        {
            return Results.Problem(title: "No such case", statusCode: StatusCodes.Status404NotFound);
        }

        var (receipt, why) = await receipts.BuildAsync(refundCase, cancellationToken);
        return receipt is null ? CasesApi.Unavailable(why) : Results.Content(Html(receipt), "text/html; charset=utf-8");
    }

    /// <summary>The page: every value HTML-encoded (facts and texts come from customers and policies).</summary>
    public static string Html(CaseReceipt receipt)
    {
        var e = HtmlEncoder.Default;
        var html = new StringBuilder();
        html.Append($"""
            <!doctype html>
            <html lang="en">
            <head>
              <meta charset="utf-8">
              <meta name="viewport" content="width=device-width, initial-scale=1">
              <title>Decision receipt {e.Encode(receipt.CaseId)}</title>
              <link rel="stylesheet" href="/agent/receipt.css">
            </head>
            <body>
            <main>
            <h1>Decision receipt · case {e.Encode(receipt.CaseId)}</h1>
            <dl class="receipt-summary">
              <dt>Business</dt><dd>{e.Encode(receipt.Policy.Business)} (policy {e.Encode(receipt.Policy.Id)})</dd>
              <dt>Policy version</dt><dd><code>{e.Encode(receipt.Policy.Version)}</code>{(receipt.Policy.Label is { } label ? $" · {e.Encode(label)}" : "")}</dd>
              <dt>Order</dt><dd>{e.Encode(receipt.OrderId)}</dd>
              <dt>Requested</dt><dd>{Instant(receipt.Instants.RequestedAt)}</dd>
              <dt>Decided</dt><dd>{Instant(receipt.Instants.DecidedAt)}</dd>
              <dt>Decision</dt><dd>{e.Encode(receipt.Decision.Outcome)}{(receipt.DecidedBy is { } rule ? $" (rule <code>{e.Encode(rule)}</code>)" : "")}</dd>
              <dt>Status now</dt><dd>{e.Encode(receipt.Status)}</dd>
              <dt>Run again</dt><dd>{(receipt.Reproduced ? "the engine gives the same decision under this version" : "<strong>the engine gives another decision under this version</strong>")}</dd>
            </dl>

            """);
        if (receipt.Explanation is { } explanation)
        {
            html.Append($"<p class=\"explanation\">{e.Encode(explanation.In("en"))}</p>\n");
        }

        AppendFacts(html, receipt, e);
        AppendRules(html, receipt, e);
        AppendAmounts(html, receipt, e);
        if (receipt.AgentDecision is { } agent)
        {
            html.Append($"<h2>A person's decision</h2>\n<p>{e.Encode(agent.AgentName)} decided <strong>{e.Encode(agent.Outcome)}</strong>"
                + $"{(agent.Amount is { } amount ? $" ({Money(amount)} {e.Encode(agent.Currency ?? "")})" : "")} at {Instant(agent.At)}; it stands over the engine's.</p>\n");
        }

        AppendSections(html, receipt, e);
        html.Append("</main>\n</body>\n</html>\n");
        return html.ToString();
    }

    private static void AppendFacts(StringBuilder html, CaseReceipt receipt, HtmlEncoder e)
    {
        html.Append("<h2>Facts</h2>\n<table>\n<thead><tr><th>Fact</th><th>Value</th><th>Source</th></tr></thead>\n<tbody>\n");
        foreach (var fact in receipt.Facts)
        {
            var source = fact.Source.ByName is { } by ? $"{fact.Source.Source} ({by})" : fact.Source.Source;
            var now = fact.Now is { } corrected ? $" <em>(now {e.Encode(corrected)})</em>" : "";
            html.Append($"<tr><td>{e.Encode(fact.Label)} <code>{e.Encode(fact.Id)}</code></td><td>{e.Encode(fact.Value)}{now}</td><td>{e.Encode(source)}, {Instant(fact.Source.At)}</td></tr>\n");
        }

        html.Append("</tbody>\n</table>\n");
    }

    private static void AppendRules(StringBuilder html, CaseReceipt receipt, HtmlEncoder e)
    {
        html.Append("<h2>Rules tried, in order</h2>\n<ol class=\"rules\">\n");
        foreach (var trial in receipt.RulesTried)
        {
            var result = trial.Result switch
            {
                RuleResult.Applies => "<strong>applies: this rule decided</strong>",
                RuleResult.DoesNotApply => "does not apply",
                _ => $"cannot tell without {e.Encode(string.Join(", ", trial.MissingFacts))}",
            };
            html.Append($"<li><code>{e.Encode(trial.RuleId)}</code> (§ {e.Encode(trial.Section)}): {result}</li>\n");
        }

        html.Append("</ol>\n");
    }

    private static void AppendAmounts(StringBuilder html, CaseReceipt receipt, HtmlEncoder e)
    {
        if (receipt.Amounts is not { } b)
        {
            return;
        }

        var currency = e.Encode(b.Currency);
        html.Append("<h2>Amounts</h2>\n<table class=\"amounts\">\n<tbody>\n");
        html.Append($"<tr><td>Paid</td><td>{Money(b.Paid)} {currency}</td></tr>\n");
        foreach (var line in b.Lines.Where(l => l.Amount > 0))
        {
            html.Append($"<tr><td>− {e.Encode(line.Kind)} ({e.Encode(line.Source)}, § {e.Encode(line.Section)})</td><td>{Money(line.Amount)} {currency}</td></tr>\n");
        }

        html.Append($"<tr class=\"total\"><td>Refund</td><td>{Money(b.Refund)} {currency}</td></tr>\n");
        if (receipt.Decision.LatestRefundDate is { } latest)
        {
            html.Append($"<tr><td>Refund by, at the latest</td><td>{latest.ToString("yyyy-MM-dd", Invariant)}</td></tr>\n");
        }

        html.Append("</tbody>\n</table>\n");
    }

    private static void AppendSections(StringBuilder html, CaseReceipt receipt, HtmlEncoder e)
    {
        html.Append("<h2>Cited sections</h2>\n");
        foreach (var section in receipt.Sections)
        {
            html.Append($"<section class=\"cited\">\n<h3>§ <code>{e.Encode(section.Id)}</code></h3>\n");
            foreach (var (language, text) in section.Text)
            {
                var note = language == receipt.Policy.SourceLanguage ? "authoritative text" : "translation";
                html.Append($"<h4 lang=\"{e.Encode(language)}\">{e.Encode(text.Heading)} <small>({e.Encode(language)}, {note})</small></h4>\n");
                html.Append($"<blockquote lang=\"{e.Encode(language)}\">{e.Encode(text.Body)}</blockquote>\n");
            }

            html.Append("</section>\n");
        }
    }

    private static string Instant(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss 'UTC'", Invariant);

    private static string Money(decimal amount) => amount.ToString("0.00##", Invariant);
}
