using System.Security.Claims;
using System.Text;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using RefundBot.Bot.AgentDesk;
using RefundBot.Bot.PolicyStudio;
using RefundBot.Dialogs.Cases;
using RefundBot.Eligibility.Loading;

namespace RefundBot.Bot.Admin;

/// <summary>
/// The business console (<c>/admin</c>): the recorded cases with filters and a CSV export, and the insights page. It
/// takes the desk's sign-in (the same cookie) and the role <see cref="OpenIdConnectSettings.AdminRole"/>: an account's
/// <c>Roles</c>, or the identity provider's role claim; a signed-in agent without it gets 403. Read only: it never
/// changes a case, so it has no part in any turn.
/// </summary>
public static class AdminConsole
{
    public const string AdminPolicy = "Admin";

    /// <summary>The most cases one request reads (a period holding more is cut there, and the answer says so).</summary>
    public const int MaxCases = 50_000;

    public static IServiceCollection AddAdminConsole(this IServiceCollection services, IConfiguration configuration)
    {
        var settings = configuration.GetSection(AgentDeskOptions.Section).Get<AgentDeskOptions>() ?? new AgentDeskOptions();
        var role = settings.OpenIdConnect.AdminRole;
        var roleClaim = settings.OpenIdConnect.RoleClaim;
        services.AddAuthorizationBuilder().AddPolicy(AdminPolicy, policy => policy
            .AddAuthenticationSchemes(AgentDeskSetup.CookieScheme)
            .RequireAuthenticatedUser()
            .RequireAssertion(context => context.User.HasClaim(ClaimTypes.Role, role) || context.User.HasClaim(roleClaim, role)));

        // The satisfaction question after a decision (Satisfaction:Ask, on unless turned off); its answers are shown here.
        services.AddSingleton(new SurveyAvailability(configuration.GetValue("Satisfaction:Ask", true)));
        services.AddPolicyStudio();
        return services;
    }

    public static IEndpointRouteBuilder MapAdminConsole(this IEndpointRouteBuilder app)
    {
        var console = app.MapGroup("/admin").RequireAuthorization(AdminPolicy);
        console.MapGet("", (IWebHostEnvironment environment) => Page(environment, "index.html"));
        console.MapGet("/insights", (IWebHostEnvironment environment) => Page(environment, "insights.html"));
        console.MapGet("/api/cases", ListAsync);
        console.MapGet("/api/cases.csv", ExportAsync);
        console.MapGet("/api/insights", InsightsAsync);
        console.MapPolicyStudio();
        return app;
    }

    public sealed record CaseList(DateOnly From, DateOnly To, int Count, bool Truncated, IReadOnlyList<CaseRow> Cases);

    private static async Task<Results<Ok<CaseList>, ProblemHttpResult>> ListAsync(
        HttpRequest request, CaseStore cases, PolicyCatalog policies, TimeProvider clock, CancellationToken cancellationToken)
    {
        if (CaseFilter.Read(request.Query, clock.GetUtcNow()) is not ({ } filter, null))
        {
            return BadFilter(CaseFilter.Read(request.Query, clock.GetUtcNow()).Error!);
        }

        var (rows, truncated) = await RowsAsync(cases, policies, filter.Start, filter.End, cancellationToken);
        var matching = rows.Where(filter.Matches).OrderByDescending(r => r.CreatedAt).ToList();
        return TypedResults.Ok(new CaseList(filter.From, filter.To, matching.Count, truncated, matching));
    }

    private static async Task<IResult> ExportAsync(
        HttpRequest request, CaseStore cases, PolicyCatalog policies, TimeProvider clock, CancellationToken cancellationToken)
    {
        if (CaseFilter.Read(request.Query, clock.GetUtcNow()) is not ({ } filter, null))
        {
            return BadFilter(CaseFilter.Read(request.Query, clock.GetUtcNow()).Error!);
        }

        var (rows, _) = await RowsAsync(cases, policies, filter.Start, filter.End, cancellationToken);
        var csv = CaseCsv.Write(rows.Where(filter.Matches).OrderBy(r => r.CreatedAt));
        return Results.File(Encoding.UTF8.GetPreamble().Concat(Encoding.UTF8.GetBytes(csv)).ToArray(), "text/csv; charset=utf-8",
            $"refundbot-cases-{filter.From:yyyy-MM-dd}-{filter.To:yyyy-MM-dd}.csv");
    }

    private static async Task<Results<Ok<InsightsAnswer>, ProblemHttpResult>> InsightsAsync(
        HttpRequest request, CaseStore cases, PolicyCatalog policies, TimeProvider clock, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        if (CaseFilter.Read(request.Query, now) is not ({ } filter, null))
        {
            return BadFilter(CaseFilter.Read(request.Query, now).Error!);
        }

        var (rows, truncated) = await RowsAsync(cases, policies, filter.Start, filter.End.Add(CaseInsights.ReopenWindow), cancellationToken);
        var inPeriod = rows.Where(r => r.CreatedAt <= filter.End).ToList();
        var later = rows.Where(r => r.CreatedAt > filter.End).ToList();
        var report = CaseInsights.Compute(inPeriod.Where(filter.Matches).ToList(), later, filter.From, filter.To, now);
        return TypedResults.Ok(new InsightsAnswer(filter.From, filter.To, now, truncated, report));
    }

    public sealed record InsightsAnswer(DateOnly From, DateOnly To, DateTimeOffset ComputedAt, bool Truncated, CaseInsights.Report Report);

    private static async Task<(List<CaseRow> Rows, bool Truncated)> RowsAsync(
        CaseStore cases, PolicyCatalog policies, DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken)
    {
        var recorded = await cases.RecordedBetweenAsync(from, to, MaxCases + 1, cancellationToken);
        var rows = recorded.Take(MaxCases).Select(c => CaseRow.From(c, id => id is null ? null : policies.Find(id)?.Currency)).ToList();
        return (rows, recorded.Count > MaxCases);
    }

    private static ProblemHttpResult BadFilter(string detail) =>
        TypedResults.Problem(statusCode: StatusCodes.Status400BadRequest, title: "The filter cannot be read", detail: detail);

    private static IResult Page(IWebHostEnvironment environment, string file) =>
        Results.File(Path.Combine(environment.WebRootPath, "admin", file), "text/html; charset=utf-8");
}
