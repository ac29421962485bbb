using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Mvc;
using RefundBot.Bot.Hosting;
using RefundBot.Bot.OpenApi;
using RefundBot.Dialogs.Cases;
using RefundBot.Eligibility.Loading;

namespace RefundBot.Bot.Cases;

/// <summary>
/// The business's own systems read its cases: <c>GET /api/cases</c> (filtered, paged with a continuation, in a stable
/// order: request instant, then case id), <c>GET /api/cases/{id}</c> and <c>GET /api/cases/{id}/receipt</c> (the
/// decision receipt). Each request carries an API key as a bearer token (<see cref="CasesApiOptions"/>): 401 without a
/// known key; a key reads only its own policies' cases (403 for another business's case or policy).
/// </summary>
public static partial class CasesApi
{
    public const int DefaultLimit = 50;
    public const int MaxLimit = 200;

    public static IEndpointRouteBuilder MapCasesApi(this IEndpointRouteBuilder app)
    {
        var cases = app.MapGroup("/api/cases").RequireRateLimiting(RateLimits.Api).WithTags(PublicApiDocument.CasesTag);
        cases.MapGet("", ListAsync).WithName("ListCases")
            .WithSummary("The business's cases, filtered and paged, oldest request first")
            .Produces<CaseList>().ProducesProblem(StatusCodes.Status400BadRequest).Produces(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden);
        cases.MapGet("/{id}", GetAsync).WithName("GetCase")
            .WithSummary("One case: its facts and their sources, its decisions and its history")
            .Produces<CaseResource>().Produces(StatusCodes.Status401Unauthorized).ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound);
        cases.MapGet("/{id}/receipt", ReceiptAsync).WithName("GetCaseReceipt")
            .WithSummary("The decision receipt: facts, instants, rules tried, cited sections, amounts and the policy version")
            .Produces<CaseReceipt>().Produces(StatusCodes.Status401Unauthorized).ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        return app;
    }

    /// <param name="policy">Only this policy's cases (one of the key's); default: all of the key's policies.</param>
    /// <param name="status">Only cases in this state (submitted, decided, human-review, approved, ...).</param>
    /// <param name="outcome">Only cases whose standing decision is this: the engine's (fullRefund, partialRefund, denied, ...) or a person's (approve, partial, deny, alternative).</param>
    /// <param name="from">Requested at or after: a date (yyyy-MM-dd, from 00:00 UTC) or an ISO 8601 instant.</param>
    /// <param name="to">Requested at or before: a date (yyyy-MM-dd, the whole day, UTC) or an ISO 8601 instant.</param>
    /// <param name="limit">Cases per page, 1 to 200 (default 50).</param>
    /// <param name="continuation">The continuation of the previous page, to read the next one.</param>
    private static async Task<IResult> ListAsync(
        HttpRequest request, CaseApiKeys keys, CasePages pages, PolicyCatalog catalog,
        [FromQuery] string? policy, [FromQuery] string? status, [FromQuery] string? outcome, [FromQuery] string? from,
        [FromQuery] string? to, [FromQuery] int? limit, [FromQuery] string? continuation, CancellationToken cancellationToken)
    {
        if (keys.Authenticate(request) is not { } client)
        {
            return Unauthorized();
        }

        var errors = new Dictionary<string, string[]>();
        var start = Instant(from, endOfDay: false, "from", errors) ?? DateTimeOffset.MinValue;
        var end = Instant(to, endOfDay: true, "to", errors) ?? DateTimeOffset.MaxValue;
        if (status is not null && !CaseVocabulary.Statuses.Contains(status))
        {
            errors["status"] = [$"Unknown status '{status}'. Known: {string.Join(", ", CaseVocabulary.Statuses)}."];
        }

        if (outcome is not null && !CaseVocabulary.Outcomes.Contains(outcome))
        {
            errors["outcome"] = [$"Unknown outcome '{outcome}'. Known: {string.Join(", ", CaseVocabulary.Outcomes)}."];
        }

        if (limit is < 1 or > MaxLimit)
        {
            errors["limit"] = [$"The limit must be between 1 and {MaxLimit}."];
        }

        var after = continuation is null ? null : Position(continuation);
        if (continuation is not null && after is null)
        {
            errors["continuation"] = ["Not a continuation this API gave (send the one of the previous page, unchanged)."];
        }

        if (errors.Count > 0)
        {
            return Results.ValidationProblem(errors, title: "Invalid case query");
        }

        if (policy is not null && !client.MayRead(policy))
        {
            return Results.Problem(title: "Not your policy", detail: $"This API key does not read the cases of policy '{policy}'.", statusCode: StatusCodes.Status403Forbidden);
        }

        var policies = policy is null ? client.Policies.Order(StringComparer.Ordinal).ToList() : [policy];
        var page = await pages.PageAsync(policies, start, end, after, limit ?? DefaultLimit,
            c => (status is null || c.Status == status) && (outcome is null || CaseResource.StandingOutcome(c) == outcome), cancellationToken);
        return Results.Json(new CaseList(
            page.Cases.Select(c => CaseSummary.From(c, catalog.Find(c.PolicyId!))).ToList(),
            page.NextPosition is { } next ? Continuation(next) : null), CaseReceipts.Json);
    }

    private static async Task<IResult> GetAsync(string id, HttpRequest request, CaseApiKeys keys, CaseStore cases, CancellationToken cancellationToken) =>
        await ReadableCaseAsync(id, request, keys, cases, cancellationToken) is (null, var problem)
            ? problem!
            : Results.Json(CaseResource.From((await cases.FindAsync(id, cancellationToken))!), CaseReceipts.Json);

    private static async Task<IResult> ReceiptAsync(
        string id, HttpRequest request, CaseApiKeys keys, CaseStore cases, CaseReceipts receipts, CancellationToken cancellationToken)
    {
        var (refundCase, problem) = await ReadableCaseAsync(id, request, keys, cases, cancellationToken);
        if (refundCase is null)
        {
            return problem!;
        }

        var (receipt, why) = await receipts.BuildAsync(refundCase, cancellationToken);
        return receipt is not null ? Results.Json(receipt, CaseReceipts.Json) : Unavailable(why);
    }

    /// <summary>The case when the key may read it; else the answer: 401, 404 (no such case) or 403 (another business's).</summary>
    private static async Task<(RefundCase? Case, IResult? Problem)> ReadableCaseAsync(
        string id, HttpRequest request, CaseApiKeys keys, CaseStore cases, CancellationToken cancellationToken)
    {
        if (keys.Authenticate(request) is not { } client)
        {
            return (null, Unauthorized());
        }

        if (!CaseId().IsMatch(id) || await cases.FindAsync(id, cancellationToken) is not { } refundCase)
        {
            return (null, Results.Problem(title: "No such case", detail: $"There is no case '{id}'.", statusCode: StatusCodes.Status404NotFound));
        }

        return client.MayRead(refundCase.PolicyId)
            ? (refundCase, null)
            : (null, Results.Problem(title: "Not your case", detail: "This API key does not read this case's policy.", statusCode: StatusCodes.Status403Forbidden));
    }

    /// <summary>The receipt cannot be given: 409 with the reason (the case itself is readable).</summary>
    public static IResult Unavailable(ReceiptUnavailable why) => Results.Problem(
        title: "No receipt for this case",
        detail: why switch
        {
            ReceiptUnavailable.NotDecided => "The engine has not decided this case.",
            ReceiptUnavailable.DecidedBeforeReceipts => "This case was decided before decisions recorded their policy version, facts and instants.",
            _ => "The policy version this case was decided under is not in the store.",
        },
        statusCode: StatusCodes.Status409Conflict);

    private static IResult Unauthorized() =>
        new WithBearerChallenge(Results.Problem(
            title: "API key required", detail: "Send a key of the cases API as 'Authorization: Bearer <key>'.", statusCode: StatusCodes.Status401Unauthorized));

    private static DateTimeOffset? Instant(string? text, bool endOfDay, string name, Dictionary<string, string[]> errors)
    {
        if (text is null)
        {
            return null;
        }

        if (DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            var start = new DateTimeOffset(date.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
            return endOfDay ? start.AddDays(1).AddTicks(-1) : start;
        }

        if (DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out var instant) && text.Contains('T'))
        {
            return instant;
        }

        errors[name] = [$"'{text}' is neither a date (yyyy-MM-dd) nor an ISO 8601 instant (2026-03-21T10:00:00Z)."];
        return null;
    }

    /// <summary>A page's continuation: its last position (request instant and case id), base64url, opaque to clients.</summary>
    private static string Continuation(string position) =>
        Convert.ToBase64String(Encoding.UTF8.GetBytes(position)).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    private static string? Position(string continuation)
    {
        try
        {
            var base64 = continuation.Replace('-', '+').Replace('_', '/');
            var text = Encoding.UTF8.GetString(Convert.FromBase64String(base64.PadRight(base64.Length + ((4 - (base64.Length % 4)) % 4), '=')));
            return ListingPosition().IsMatch(text) ? text : null;
        }
        catch (FormatException)
        {
            return null;
        }
    }

    [GeneratedRegex(@"^[0-9A-Za-z_-]{1,64}$")]
    private static partial Regex CaseId();

    [GeneratedRegex(@"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{7}Z\|[0-9A-Za-z_-]{1,64}$")]
    private static partial Regex ListingPosition();

    /// <summary>A 401 that names its scheme (<c>WWW-Authenticate: Bearer</c>), as RFC 6750 asks.</summary>
    private sealed class WithBearerChallenge(IResult inner) : IResult
    {
        public Task ExecuteAsync(HttpContext httpContext)
        {
            httpContext.Response.Headers.WWWAuthenticate = "Bearer";
            return inner.ExecuteAsync(httpContext);
        }
    }
}
