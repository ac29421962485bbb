using System.Globalization;
using System.Text.Json;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Http.HttpResults;
using RefundBot.Bot.Admin;
using RefundBot.Bot.AgentDesk;
using RefundBot.Bot.PolicyTools;
using RefundBot.Dialogs.Cases;
using RefundBot.Dialogs.Runtime;
using RefundBot.Dialogs.Runtime.Storage;
using RefundBot.Eligibility.Loading;
using RefundBot.Eligibility.Model;

namespace RefundBot.Bot.PolicyStudio;

/// <summary>
/// The policy studio of the business console (<c>/admin/studio</c>, for the role RefundBot.Admin): a draft of a
/// policy's folder, uploaded or edited, checked, tested and backtested with the command line's own analysis
/// (<see cref="DraftRuns"/>), compared with the published version, and published by the admin who asks (a POST with the
/// page's antiforgery token). Reads never change anything; the draft is saved only with the ETag last read.
/// </summary>
public static partial class PolicyStudioApi
{
    public const string CsrfHeader = "X-CSRF-TOKEN";

    /// <summary>The most days a backtest replays (the console's periods allow the same).</summary>
    public const int MaxBacktestDays = 366;

    public static IServiceCollection AddPolicyStudio(this IServiceCollection services)
    {
        services.AddAntiforgery(options =>
        {
            options.HeaderName = CsrfHeader;
            options.Cookie.Name = "refundbot.studio.csrf";
            options.Cookie.SameSite = SameSiteMode.Strict;
        });
        services.AddSingleton<PolicyDrafts>();
        services.AddSingleton<LivePolicies>();
        services.AddHostedService<LivePolicyWatcher>();
        return services;
    }

    public static RouteGroupBuilder MapPolicyStudio(this RouteGroupBuilder console)
    {
        console.MapGet("/studio", (IWebHostEnvironment environment) =>
            Results.File(Path.Combine(environment.WebRootPath, "admin", "studio.html"), "text/html; charset=utf-8"));
        var api = console.MapGroup("/api/studio");
        api.MapGet("/token", (HttpContext context, IAntiforgery antiforgery) => TypedResults.Ok(new { token = antiforgery.GetAndStoreTokens(context).RequestToken }));
        api.MapGet("/policies", ListAsync);
        api.MapGet("/{policyId}", ReadAsync);
        api.MapGet("/{policyId}/check", CheckAsync);
        api.MapGet("/{policyId}/test", TestAsync);
        api.MapGet("/{policyId}/backtest", BacktestAsync);
        api.MapGet("/{policyId}/diff", DiffAsync);
        api.MapGet("/{policyId}/versions", VersionsAsync);
        var changes = api.MapGroup("/{policyId}").AddEndpointFilter(RequireCsrfAsync).DisableAntiforgery();
        changes.MapPut("/draft", SaveAsync);
        changes.MapPost("/draft/upload", UploadAsync);
        changes.MapDelete("/draft", DiscardAsync);
        changes.MapPost("/publish", PublishAsync);
        return console;
    }

    public sealed record StudioPolicy(string Id, string Business, string Version, string? Label, LivePolicy? Published, DateTimeOffset? DraftSavedAt, string? DraftSavedBy);

    /// <summary>A draft as the page edits it: saved (with its ETag) or, before the first save, the published files.</summary>
    public sealed record DraftAnswer(string PolicyId, string PublishedVersion, string? PublishedLabel, bool Saved, string? ETag, string BaseHash,
        DateTimeOffset? UpdatedAt, string? UpdatedBy, IReadOnlyDictionary<string, string> Files, IReadOnlyList<string> StartOnlyFiles);

    public sealed record SaveRequest(string? ETag, Dictionary<string, string>? Files);

    public sealed record Saved(string ETag, IReadOnlyList<string> Files, IReadOnlyList<string> Ignored);

    public sealed record PublishRequest(string? ETag);

    public sealed record Published(string PolicyId, string Version, string? Label, string PublishedBy, string PublishedByName, DateTimeOffset PublishedAt);

    public sealed record Refused(string Title, IReadOnlyList<string> Refusals);

    public sealed record VersionRow(string Hash, string? Label, DateTimeOffset PublishedAt, string? PublishedBy, string? PublishedByName, bool Served);

    private static async Task<Ok<List<StudioPolicy>>> ListAsync(PolicyCatalog catalog, PolicyDrafts drafts, LivePolicies live, CancellationToken cancellationToken)
    {
        var rows = new List<StudioPolicy>();
        foreach (var policy in catalog.All)
        {
            var draft = await drafts.ReadAsync(policy.Id, cancellationToken);
            var published = await live.ReadAsync(policy.Id, cancellationToken);
            rows.Add(new(policy.Id, policy.Business, policy.Version.Hash, policy.VersionLabel,
                published?.Live.Hash == policy.Version.Hash ? published.Value.Live : null, draft?.Draft.UpdatedAt, draft?.Draft.UpdatedBy));
        }

        return TypedResults.Ok(rows);
    }

    private static async Task<Results<Ok<DraftAnswer>, NotFound<ProblemDetailsBody>>> ReadAsync(
        string policyId, PolicyCatalog catalog, PolicyDrafts drafts, CancellationToken cancellationToken)
    {
        if (catalog.Find(policyId) is not { } served)
        {
            return UnknownPolicy(policyId);
        }

        var draft = await drafts.ReadAsync(policyId, cancellationToken);
        var files = draft?.Draft.Files ?? served.Source?.Files ?? new Dictionary<string, string>();
        return TypedResults.Ok(new DraftAnswer(policyId, served.Version.Hash, served.VersionLabel, draft is not null, draft?.ETag,
            draft?.Draft.BaseHash ?? served.Version.Hash, draft?.Draft.UpdatedAt, draft?.Draft.UpdatedBy, files, PublishGate.StartOnlyFiles));
    }

    private static async Task<IResult> CheckAsync(string policyId, PolicyCatalog catalog, PolicyDrafts drafts, CancellationToken cancellationToken) =>
        await DraftOrServedAsync(policyId, catalog, drafts, cancellationToken) is { } draft
            ? TypedResults.Ok(DraftRuns.Check(draft.Folder()))
            : UnknownPolicy(policyId);

    private static async Task<IResult> TestAsync(string policyId, PolicyCatalog catalog, PolicyDrafts drafts, CancellationToken cancellationToken) =>
        await DraftOrServedAsync(policyId, catalog, drafts, cancellationToken) is { } draft
            ? TypedResults.Ok(DraftRuns.Test(draft.Folder()))
            : UnknownPolicy(policyId);

    private static async Task<IResult> BacktestAsync(
        string policyId, HttpRequest request, PolicyCatalog catalog, PolicyDrafts drafts, IDocumentStore store, TimeProvider clock, CancellationToken cancellationToken)
    {
        if (await DraftOrServedAsync(policyId, catalog, drafts, cancellationToken) is not { } draft)
        {
            return UnknownPolicy(policyId);
        }

        if (!int.TryParse(request.Query["days"], NumberStyles.None, CultureInfo.InvariantCulture, out var days) || days is <= 0 or > MaxBacktestDays)
        {
            return Bad($"days: a whole number of days from 1 to {MaxBacktestDays}");
        }

        var now = clock.GetUtcNow();
        if (request.Query["now"] is { Count: > 0 } given && !DateTimeOffset.TryParse(given, CultureInfo.InvariantCulture, DateTimeStyles.None, out now))
        {
            return Bad("now: an instant such as 2026-06-30T12:00:00+02:00");
        }

        var problems = new List<PolicyProblem>();
        if (PolicyLoader.Load(draft.Folder(), problems) is not { } policy || problems.Count > 0)
        {
            return TypedResults.Conflict(new Refused("The draft does not load: run check first", problems.Select(p => p.ToString()).ToList()));
        }

        var cases = await RecordedCases.ReadAsync(store, now.AddDays(-days), cancellationToken);
        return TypedResults.Ok(DraftRuns.Backtest(policy, cases, days));
    }

    private static async Task<IResult> DiffAsync(string policyId, PolicyCatalog catalog, PolicyDrafts drafts, CancellationToken cancellationToken)
    {
        if (catalog.Find(policyId) is not { } served || await DraftOrServedAsync(policyId, catalog, drafts, cancellationToken) is not { } draft)
        {
            return UnknownPolicy(policyId);
        }

        return TypedResults.Ok(DraftDiff.Compute(served.Source?.Files ?? new Dictionary<string, string>(), draft.Folder().Files));
    }

    private static async Task<IResult> VersionsAsync(string policyId, PolicyCatalog catalog, IDocumentStore store, CancellationToken cancellationToken)
    {
        if (catalog.Find(policyId) is not { } served)
        {
            return UnknownPolicy(policyId);
        }

        var versions = (await store.ListAsync(PolicyVersions.Key(policyId, ""), cancellationToken))
            .Select(d => JsonSerializer.Deserialize<PublishedPolicyVersion>(d.Json, ActivityJson.Options)!)
            .OrderByDescending(v => v.PublishedAt)
            .Select(v => new VersionRow(v.Hash, v.Label, v.PublishedAt, v.PublishedBy, v.PublishedByName, v.Hash == served.Version.Hash))
            .ToList();
        return TypedResults.Ok(versions);
    }

    private static async Task<IResult> SaveAsync(
        string policyId, SaveRequest body, HttpContext context, PolicyCatalog catalog, PolicyDrafts drafts, TimeProvider clock, CancellationToken cancellationToken)
    {
        if (catalog.Find(policyId) is not { } served)
        {
            return UnknownPolicy(policyId);
        }

        if (body.Files is not { } files)
        {
            return Bad("files: the draft's files by name");
        }

        return await WriteAsync(policyId, body.ETag, _ => files, [], context, served, drafts, clock, cancellationToken);
    }

    /// <summary>A zip of the folder (the request's body): its policy files replace those of the same name, the others are kept.</summary>
    private static async Task<IResult> UploadAsync(
        string policyId, HttpContext context, PolicyCatalog catalog, PolicyDrafts drafts, TimeProvider clock, CancellationToken cancellationToken)
    {
        if (catalog.Find(policyId) is not { } served)
        {
            return UnknownPolicy(policyId);
        }

        using var buffer = new MemoryStream();
        await context.Request.Body.CopyToAsync(buffer, cancellationToken);
        if (buffer.Length > 4 * DraftFiles.MaxTotalBytes)
        {
            return Bad("the zip is too large for a policy folder");
        }

        if (DraftFiles.ReadZip(buffer.ToArray()) is not var (uploaded, ignored) || uploaded.Count == 0)
        {
            return Bad("the file is not a zip of a policy folder (its .yaml and .md files)");
        }

        return await WriteAsync(policyId, context.Request.Query["etag"], current =>
        {
            var merged = new Dictionary<string, string>(current, StringComparer.Ordinal);
            foreach (var (name, text) in uploaded)
            {
                merged[name] = text;
            }

            return merged;
        }, ignored, context, served, drafts, clock, cancellationToken);
    }

    private static async Task<IResult> WriteAsync(
        string policyId, string? etag, Func<IReadOnlyDictionary<string, string>, Dictionary<string, string>> change, IReadOnlyList<string> ignored,
        HttpContext context, Policy served, PolicyDrafts drafts, TimeProvider clock, CancellationToken cancellationToken)
    {
        etag = string.IsNullOrEmpty(etag) ? null : etag;
        var existing = await drafts.ReadAsync(policyId, cancellationToken);
        if (existing?.ETag != etag)
        {
            return DraftConflict();
        }

        var files = change(existing?.Draft.Files ?? served.Source?.Files ?? new Dictionary<string, string>());
        if (DraftFiles.Problem(files) is { } problem)
        {
            return Bad(problem);
        }

        var who = AgentAccounts.IdentityOf(context.User);
        var draft = new PolicyDraft(policyId, existing?.Draft.BaseHash ?? served.Version.Hash,
            PolicyFolder.FromFiles(policyId, files).Files, clock.GetUtcNow(), who.DisplayName);
        try
        {
            var saved = await drafts.SaveAsync(draft, etag, cancellationToken);
            return TypedResults.Ok(new Saved(saved, draft.Files.Keys.ToList(), ignored));
        }
        catch (ETagConflictException)
        {
            return DraftConflict();
        }
    }

    private static async Task<IResult> DiscardAsync(string policyId, HttpRequest request, PolicyDrafts drafts, CancellationToken cancellationToken)
    {
        if (request.Query["etag"] is not { Count: 1 } etag || string.IsNullOrEmpty(etag))
        {
            return Bad("etag: the ETag of the draft to discard");
        }

        try
        {
            await drafts.DiscardAsync(policyId, etag!, cancellationToken);
            return TypedResults.NoContent();
        }
        catch (ETagConflictException)
        {
            return DraftConflict();
        }
    }

    private static async Task<IResult> PublishAsync(
        string policyId, PublishRequest body, HttpContext context, PolicyCatalog catalog, PolicyDrafts drafts, LivePolicies live,
        ILoggerFactory loggers, CancellationToken cancellationToken)
    {
        if (catalog.Find(policyId) is not { } served)
        {
            return UnknownPolicy(policyId);
        }

        if (await drafts.ReadAsync(policyId, cancellationToken) is not ({ } draft, var etag))
        {
            return TypedResults.Conflict(new Refused("Nothing to publish", ["There is no saved draft of this policy."]));
        }

        if (body.ETag != etag)
        {
            return DraftConflict();
        }

        var check = DraftRuns.Check(draft.Folder());
        var test = DraftRuns.Test(draft.Folder());
        var refusals = PublishGate.Refusals(draft, served, check, test);
        var problems = new List<PolicyProblem>();
        if (refusals.Count > 0 || PolicyLoader.Load(draft.Folder(), problems) is not { } policy)
        {
            return TypedResults.Conflict(new Refused("The draft cannot be published yet", refusals.Count > 0 ? refusals : problems.Select(p => p.ToString()).ToList()));
        }

        if (policy.Version.Hash == served.Version.Hash)
        {
            return TypedResults.Conflict(new Refused("Nothing to publish", ["The draft is the version served now."]));
        }

        var who = AgentAccounts.IdentityOf(context.User);
        try
        {
            var published = await live.PublishAsync(policy, etag, who.Id, who.DisplayName, cancellationToken);
            LogPublished(loggers.CreateLogger(typeof(PolicyStudioApi)), policyId, policy.Version.Short, served.Version.Short);
            return TypedResults.Ok(new Published(policyId, published.Hash, published.Label, published.PublishedBy, published.PublishedByName, published.PublishedAt));
        }
        catch (ETagConflictException)
        {
            return TypedResults.Conflict(new Refused("Published meanwhile", ["The draft or the published version changed while publishing: nothing was published; reload the page."]));
        }
    }

    private static async Task<PolicyDraft?> DraftOrServedAsync(string policyId, PolicyCatalog catalog, PolicyDrafts drafts, CancellationToken cancellationToken)
    {
        if (catalog.Find(policyId) is not { } served)
        {
            return null;
        }

        return (await drafts.ReadAsync(policyId, cancellationToken))?.Draft
            ?? new PolicyDraft(policyId, served.Version.Hash, served.Source?.Files ?? new Dictionary<string, string>(), DateTimeOffset.MinValue, "");
    }

    /// <summary>Every change needs the page's antiforgery token (<see cref="CsrfHeader"/>), beside the admin's cookie.</summary>
    private static async ValueTask<object?> RequireCsrfAsync(EndpointFilterInvocationContext invocation, EndpointFilterDelegate next)
    {
        var antiforgery = invocation.HttpContext.RequestServices.GetRequiredService<IAntiforgery>();
        if (!await antiforgery.IsRequestValidAsync(invocation.HttpContext))
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status400BadRequest, title: "The page's token is missing or stale",
                detail: "Reload the studio page and try again: nothing was changed.");
        }

        return await next(invocation);
    }

    public sealed record ProblemDetailsBody(string Title, string Detail);

    private static NotFound<ProblemDetailsBody> UnknownPolicy(string policyId) =>
        TypedResults.NotFound(new ProblemDetailsBody("Unknown policy", $"No policy '{policyId}' is served."));

    private static ProblemHttpResult Bad(string detail) =>
        TypedResults.Problem(statusCode: StatusCodes.Status400BadRequest, title: "The request cannot be read", detail: detail);

    private static Conflict<Refused> DraftConflict() =>
        TypedResults.Conflict(new Refused("Saved meanwhile", ["The draft was saved elsewhere since this page read it: reload it (copy your text first)."]));

    [LoggerMessage(Level = LogLevel.Information, Message = "Policy {PolicyId} version {Version} published from the business console over {Previous}")]
    private static partial void LogPublished(ILogger logger, string policyId, string version, string previous);
}
