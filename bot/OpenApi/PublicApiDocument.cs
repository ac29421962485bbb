using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.OpenApi;

namespace RefundBot.Bot.OpenApi;

/// <summary>
/// The OpenAPI document of the bot's public APIs, served at <see cref="Path"/> (Microsoft.AspNetCore.OpenApi): the
/// endpoints tagged with one of <see cref="Tags"/> (eligibility, policies, answers, cases, privacy). The channels' own
/// protocols (Direct Line, <c>/api/messages</c>), the chat page and the agent desk are not in it: they follow the Bot
/// Framework's published specifications or serve the bot's own pages.
/// </summary>
public static class PublicApiDocument
{
    public const string Path = "/openapi/v1.json";
    public const string EligibilityTag = "Eligibility";
    public const string PoliciesTag = "Policies";
    public const string AnswersTag = "Answers";
    public const string CasesTag = "Cases";
    public const string PrivacyTag = "Privacy";

    /// <summary>The bearer scheme of the APIs that take a key (cases: <c>CasesApi:Keys</c>; privacy: <c>Privacy:ApiKey</c>).</summary>
    public const string ApiKeyScheme = "ApiKey";

    public static readonly IReadOnlySet<string> Tags = new HashSet<string>([EligibilityTag, PoliciesTag, AnswersTag, CasesTag, PrivacyTag]);
    private static readonly IReadOnlySet<string> KeyedTags = new HashSet<string>([CasesTag, PrivacyTag]);

    public static IServiceCollection AddPublicApiDocument(this IServiceCollection services) =>
        services.AddOpenApi("v1", options =>
        {
            options.ShouldInclude = description => TagsOf(description.ActionDescriptor.EndpointMetadata).Any(Tags.Contains);
            options.AddDocumentTransformer((document, _, _) =>
            {
                document.Info = new OpenApiInfo
                {
                    Title = "RefundBot",
                    Version = "v1",
                    Description = "The refund engine, policy answers, the business's cases and their decision receipts, and erasure.",
                };
                document.Components ??= new OpenApiComponents();
                document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
                document.Components.SecuritySchemes[ApiKeyScheme] = new OpenApiSecurityScheme
                {
                    Type = SecuritySchemeType.Http,
                    Scheme = "bearer",
                    Description = "An API key: Authorization: Bearer <key>.",
                };
                return Task.CompletedTask;
            });
            options.AddOperationTransformer((operation, context, _) =>
            {
                if (TagsOf(context.Description.ActionDescriptor.EndpointMetadata).Any(KeyedTags.Contains))
                {
                    operation.Security ??= [];
                    operation.Security.Add(new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(ApiKeyScheme, context.Document)] = [] });
                }

                return Task.CompletedTask;
            });
        });

    public static WebApplication MapPublicApiDocument(this WebApplication app)
    {
        app.MapOpenApi(Path.Replace("v1", "{documentName}", StringComparison.Ordinal));
        return app;
    }

    private static IEnumerable<string> TagsOf(IList<object> metadata) => metadata.OfType<ITagsMetadata>().SelectMany(t => t.Tags);
}
