using RefundBot.Bot.Hosting;
using RefundBot.Eligibility.Loading;
using RefundBot.Knowledge.Answers;

namespace RefundBot.Bot.Knowledge;

/// <summary><c>POST /api/answer</c>: a policy question answered from the policy text, with the passages it rests on.</summary>
public static class AnswerApi
{
    public sealed record AnswerRequest(string? PolicyId, string? Question, string? Language);

    public static IEndpointRouteBuilder MapAnswerApi(this IEndpointRouteBuilder app)
    {
        app.MapPost("/api/answer", AnswerAsync).DisableAntiforgery().RequireRateLimiting(RateLimits.Answers)
            .WithTags(OpenApi.PublicApiDocument.AnswersTag).WithSummary("Answer a policy question from the policy's text")
            .Accepts<AnswerRequest>("application/json").ProducesValidationProblem();
        return app;
    }

    private static async Task<IResult> AnswerAsync(HttpRequest http, PolicyCatalog catalog, PolicyAnswers answers, CancellationToken cancellationToken)
    {
        var (request, problem) = await JsonRequest.ReadAsync<AnswerRequest>(http, Eligibility.EligibilityApi.Json, "Invalid question", cancellationToken);
        if (request is null)
        {
            return problem!;
        }

        var errors = new Dictionary<string, string[]>();
        var policy = request.PolicyId is { } id ? catalog.Find(id) : null;
        if (policy is null)
        {
            errors["policyId"] = [$"Unknown policy '{request.PolicyId}'. Known: {string.Join(", ", catalog.All.Select(p => p.Id))}."];
        }

        if (string.IsNullOrWhiteSpace(request.Question) || request.Question.Length > 2000)
        {
            errors["question"] = ["A question of 1 to 2000 characters is required."];
        }

        var language = request.Language ?? "en";
        if (language is not ("en" or "fr"))
        {
            errors["language"] = ["The language is en or fr."];
        }

        if (errors.Count > 0)
        {
            return Results.ValidationProblem(errors, title: "Invalid question");
        }

        var answer = await answers.AnswerAsync(policy!, language, request.Question!, cancellationToken);
        return Results.Json(new
        {
            answer.Answered,
            answer.PolicyId,
            answer.Language,
            Section = answer.SectionId,
            answer.Heading,
            answer.Quote,
            answer.Phrasing,
            answer.Confidence,
            Passages = answer.Passages.Select(p => new { Section = p.SectionId, p.Heading, p.Score }),
        }, Eligibility.EligibilityApi.Json);
    }
}
