using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using RefundBot.Bot.Hosting;
using RefundBot.Bot.OpenApi;
using RefundBot.Eligibility.Engine;
using RefundBot.Eligibility.Loading;
using RefundBot.Eligibility.Model;

namespace RefundBot.Bot.Eligibility;

/// <summary>
/// <c>POST /api/eligibility</c>: the engine for integrations and agents. Give a policy id, facts and optionally the
/// instant of the decision (<c>now</c>) and of the request (<c>requestedAt</c>, when the customer asked: the policy's
/// windows are judged then; default: <c>now</c>); get the decision, or a 400 ProblemDetails naming each bad field.
/// </summary>
public static class EligibilityApi
{
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.KebabCaseLower) },
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    /// <summary>How far ahead of the server's clock the instant of a request may be (a client's clock runs fast).</summary>
    private static readonly TimeSpan MaxClockSkew = TimeSpan.FromDays(1);

    public static IEndpointRouteBuilder MapEligibilityApi(this IEndpointRouteBuilder app)
    {
        app.MapPost("/api/eligibility", DecideAsync).DisableAntiforgery().RequireRateLimiting(RateLimits.Api)
            .WithTags(PublicApiDocument.EligibilityTag).WithSummary("Decide a refund request from a policy and facts")
            .Accepts<EligibilityRequest>("application/json").Produces<DecisionResponse>().ProducesValidationProblem();
        app.MapGet("/api/policies", (PolicyCatalog catalog) =>
                Results.Json(catalog.All.Select(p => new PolicySummary(p.Id, p.Business, p.Currency, p.TimeZone, p.SourceLanguage, p.Version.Hash, p.VersionLabel)), Json))
            .WithTags(PublicApiDocument.PoliciesTag).WithSummary("The policies served, with the version of each").Produces<PolicySummary[]>();
        return app;
    }

    /// <param name="Now">When the decision is made (timelines count from it); default: the server's clock.</param>
    /// <param name="RequestedAt">When the customer asked (windows are judged at it), not after <paramref name="Now"/>; default: <paramref name="Now"/>.</param>
    public sealed record EligibilityRequest(string? PolicyId, Dictionary<string, JsonElement>? Facts, DateTimeOffset? Now, DateTimeOffset? RequestedAt = null);

    private static async Task<IResult> DecideAsync(HttpRequest http, PolicyCatalog catalog, TimeProvider clock, CancellationToken cancellationToken)
    {
        var (request, problem) = await JsonRequest.ReadAsync<EligibilityRequest>(http, Json, "Invalid eligibility request", cancellationToken);
        if (request is null)
        {
            return problem!;
        }

        if (string.IsNullOrWhiteSpace(request.PolicyId) || catalog.Find(request.PolicyId) is not { } policy)
        {
            return Results.ValidationProblem(
                new Dictionary<string, string[]> { ["policyId"] = [$"Unknown policy '{request.PolicyId}'. Known: {string.Join(", ", catalog.All.Select(p => p.Id))}."] },
                title: "Unknown policy");
        }

        var serverNow = clock.GetUtcNow();
        var now = request.Now ?? serverNow;
        if (NowProblem(now, serverNow) is { } nowProblem)
        {
            return Results.ValidationProblem(new Dictionary<string, string[]> { ["now"] = [nowProblem] }, title: "Invalid instant");
        }

        var requestedAt = request.RequestedAt ?? now;
        if (RequestedAtProblem(requestedAt, now, serverNow) is { } requestedProblem)
        {
            return Results.ValidationProblem(new Dictionary<string, string[]> { ["requestedAt"] = [requestedProblem] }, title: "Invalid instant");
        }

        var (facts, errors) = ReadFacts(policy, request.Facts ?? [], EligibilityEngine.Today(policy, requestedAt));
        if (errors.Count > 0)
        {
            return Results.ValidationProblem(errors, title: "Invalid facts");
        }

        var decision = EligibilityEngine.Decide(policy, facts, new DecisionInstants(requestedAt, now));
        return Results.Json(DecisionResponse.From(decision, policy), Json);
    }

    /// <summary>
    /// The instant of the request may be in the past (a decision replayed as of then), from
    /// <see cref="FactReader.EarliestDate"/> on, but not later than the server's clock allows for skew.
    /// </summary>
    private static string? NowProblem(DateTimeOffset now, DateTimeOffset serverNow)
    {
        var earliest = new DateTimeOffset(FactReader.EarliestDate.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
        return now < earliest ? $"The instant must be on or after {earliest:yyyy-MM-dd}."
            : now > serverNow + MaxClockSkew ? $"The instant must not be later than the server's clock ({serverNow.UtcDateTime:yyyy-MM-ddTHH:mm:ss}Z) by more than {MaxClockSkew.TotalHours:0} hours."
            : null;
    }

    /// <summary>The request instant is checked like <c>now</c>, and a request is never decided before it was made.</summary>
    private static string? RequestedAtProblem(DateTimeOffset requestedAt, DateTimeOffset now, DateTimeOffset serverNow) =>
        NowProblem(requestedAt, serverNow) ?? (requestedAt > now ? "The request cannot be later than the decision (now)." : null);

    private static (FactValues Facts, Dictionary<string, string[]> Errors) ReadFacts(Policy policy, Dictionary<string, JsonElement> given, DateOnly today)
    {
        var values = new Dictionary<string, object>();
        var errors = new Dictionary<string, string[]>();
        foreach (var (name, element) in given)
        {
            if (policy.Fact(name) is not { } fact)
            {
                errors[$"facts.{name}"] = [$"Policy '{policy.Id}' has no fact '{name}'. Its facts: {string.Join(", ", policy.Facts.Select(f => f.Id))}."];
            }
            else if (FactReader.Read(fact, Text(element), out var problem, today) is { } value)
            {
                values[name] = value;
            }
            else
            {
                errors[$"facts.{name}"] = [problem!];
            }
        }

        return (new FactValues(values), errors);
    }

    private static string Text(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.String => element.GetString()!,
        // A number beyond decimal's range (1e308, 1e400) stays as written, to be refused as not a valid amount.
        JsonValueKind.Number => element.TryGetDecimal(out var number) ? number.ToString(CultureInfo.InvariantCulture) : element.GetRawText(),
        JsonValueKind.True => "true",
        JsonValueKind.False => "false",
        _ => element.GetRawText(),
    };
}

/// <summary>A decision as the API returns it, with the cited sections' headings and the questions for missing facts.</summary>
public sealed record DecisionResponse(
    string PolicyId,
    Outcome Outcome,
    string? RuleId,
    LocalizedText? Explanation,
    RefundBreakdown? Breakdown,
    DecisionTimeline? Timeline,
    IReadOnlyList<string> Alternatives,
    IReadOnlyList<Citation> Citations,
    IReadOnlyList<MissingFact> MissingFacts)
{
    public static DecisionResponse From(Decision decision, Policy policy) => new(
        decision.PolicyId,
        decision.Outcome,
        decision.RuleId,
        decision.Explanation,
        decision.Breakdown,
        decision.Timeline,
        decision.Alternatives,
        decision.Sections.Select(s => new Citation(s, policy.Texts.ToDictionary(t => t.Key, t => t.Value.Section(s)?.Heading ?? s))).ToList(),
        decision.MissingFacts.Select(f => policy.Fact(f)!).Select(f => new MissingFact(f.Id, f.Type, f.Question, f.Choices.Select(c => new ChoiceResponse(c.Id, c.Label)).ToList())).ToList());
}

/// <summary>A policy served: its id, business, currency, zone, source language, and its version (content hash, optional label).</summary>
public sealed record PolicySummary(string Id, string Business, string Currency, string TimeZone, string SourceLanguage, string Version, string? VersionLabel);

public sealed record Citation(string Section, IReadOnlyDictionary<string, string> Heading);

public sealed record MissingFact(string Id, FactType Type, LocalizedText Question, IReadOnlyList<ChoiceResponse> Choices);

public sealed record ChoiceResponse(string Id, LocalizedText Label);
