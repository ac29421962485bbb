using RefundBot.Bot.Admin;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Options;
using Polly;
using RefundBot.Bot.AgentDesk;
using RefundBot.Bot.Cases;
using RefundBot.Bot.Attachments;
using RefundBot.Bot.Channels.BotConnector;
using RefundBot.Bot.Channels.DirectLine;
using RefundBot.Bot.Channels.Teams;
using RefundBot.Bot.ChatPage;
using RefundBot.Bot.Eligibility;
using RefundBot.Bot.Knowledge;
using RefundBot.Bot.Notifications;
using RefundBot.Bot.OpenApi;
using RefundBot.Bot.Orders;
using RefundBot.Bot.Outbox;
using RefundBot.Bot.Payments;
using RefundBot.Bot.Privacy;
using RefundBot.Bot.ScaleOut;
using RefundBot.Bot.Storage;
using RefundBot.Bot.Understanding;
using RefundBot.Dialogs;
using RefundBot.Dialogs.Cases;
using RefundBot.Dialogs.Handoff;
using RefundBot.Dialogs.Privacy;
using RefundBot.Dialogs.Refund;
using RefundBot.Dialogs.Runtime;
using RefundBot.Dialogs.Runtime.Outbox;
using RefundBot.Dialogs.Runtime.Storage;
using RefundBot.Eligibility.Loading;
using RefundBot.Knowledge.Answers;
using RefundBot.Knowledge.Retrieval;

namespace RefundBot.Bot.Hosting;

/// <summary>How the bot is composed: <see cref="AddRefundBot"/> registers its parts, <see cref="MapRefundBot"/> its endpoints.</summary>
public static class RefundBotHost
{
    /// <summary>The Bot Framework's conventional address, used unless ASP.NET Core settings give another.</summary>
    public const string DefaultUrl = "http://localhost:3978";

    private const string ReadyTag = "ready";

    public static WebApplicationBuilder AddRefundBot(this WebApplicationBuilder builder)
    {
        if (string.IsNullOrWhiteSpace(builder.Configuration[WebHostDefaults.ServerUrlsKey])
            && string.IsNullOrWhiteSpace(builder.Configuration["HTTP_PORTS"]))
        {
            builder.WebHost.UseUrls(DefaultUrl);
        }

        var services = builder.Services;
        QueryRedactingLoggerFactory.Register(services);
        services.AddProblemDetails();
        services.Configure<RefundBotOptions>(builder.Configuration.GetSection(RefundBotOptions.Section));
        services.Configure<PolicyOptions>(builder.Configuration.GetSection(PolicyOptions.Section));
        services.Configure<FollowUpOptions>(builder.Configuration.GetSection(FollowUpOptions.Section));
        services.Configure<StorageOptions>(builder.Configuration.GetSection(StorageOptions.Section));
        services.Configure<BotConnectorOptions>(builder.Configuration.GetSection(BotConnectorOptions.Section));
        services.Configure<TeamsOptions>(builder.Configuration.GetSection(TeamsOptions.Section));
        services.Configure<ChannelRequestOptions>(builder.Configuration.GetSection(ChannelRequestOptions.Section));
        services.Configure<OutboxOptions>(builder.Configuration.GetSection(OutboxOptions.Section));
        services.AddSingleton(TimeProvider.System);

        services.AddStorage();
        services.AddOrderDirectory(builder.Configuration);
        services.AddConversation(PreloadPolicies(builder));
        services.AddNotifications(builder.Configuration, sp => PolicyContentPath(sp.GetRequiredService<IConfiguration>(), sp.GetRequiredService<IHostEnvironment>()));
        services.AddPayments(builder.Configuration);
        services.AddBotConnector();
        services.AddAttachments();
        services.AddDirectLine(builder.Configuration);
        services.AddSingleton<IReplyChannels, ReplyChannels>();
        services.Configure<PrivacyOptions>(builder.Configuration.GetSection(PrivacyOptions.Section));
        services.AddHostedService<TranscriptRetentionService>();
        services.AddHealthChecks().AddCheck<StorageHealthCheck>("storage", tags: [ReadyTag]);
        services.AddAgentDesk(builder.Configuration);
        services.AddAdminConsole(builder.Configuration);
        services.AddScaleOut(builder.Configuration);
        services.AddChannelRateLimits(builder.Configuration);
        services.AddTelemetry(builder.Configuration);
        services.AddCasesApi(builder.Configuration);
        services.AddPublicApiDocument();
        return builder;
    }

    public static WebApplication MapRefundBot(this WebApplication app)
    {
        // Load and validate every policy now: a broken policy file stops the bot before it serves anyone; so does a
        // missing web root (the chat page and the agent desk would answer 500 while /health/ready said 200).
        app.Services.GetRequiredService<PolicyCatalog>();
        app.Services.GetRequiredService<NotificationTexts>(); // a broken notifications.yaml stops the bot too
        app.Services.GetRequiredService<BrandCatalog>();
        AppFolders.RequireWebRoot(app.Environment);
        app.Services.GetRequiredService<DirectLineTokens>().LoadSecret();

        app.UseMiddleware<SecurityHeaders>();
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.UseWebSockets(new WebSocketOptions { KeepAliveInterval = TimeSpan.FromSeconds(20) });
        app.UseStaticFiles();
        app.UseCors();
        app.UseMiddleware<AgentDeskOriginCheck>();
        app.UseAuthentication();
        app.UseAuthorization();
        app.UseRateLimiter();
        app.MapBotMessages();
        app.MapDirectLine();
        app.MapDirectLineUpload();
        app.MapAgentAttachments();
        app.MapChatPage();
        app.MapResumeLinks();
        app.MapEligibilityApi();
        app.MapAnswerApi();
        app.MapAgentDesk();
        app.MapAdminConsole();
        app.MapPrivacyApi();
        app.MapCasesApi();
        app.MapReceiptPage();
        app.MapPublicApiDocument();
        app.MapPayments();
        app.WarnAboutUnprotectedKeys();
        // Live: the process answers (a container restarts it otherwise). Ready: it can serve, its store answers.
        app.MapHealthChecks("/health/live", new HealthCheckOptions { Predicate = _ => false });
        app.MapHealthChecks("/health/ready", new HealthCheckOptions { Predicate = check => check.Tags.Contains(ReadyTag) });
        app.MapHealthChecks("/healthz", new HealthCheckOptions { Predicate = _ => false });
        return app;
    }

    /// <summary>
    /// Starts reading and validating the policies on another core while the host is being built (a shorter cold
    /// start); <see cref="MapRefundBot"/> still waits for them, so a broken policy stops the bot before it serves.
    /// </summary>
    private static (string Path, Task<PolicyCatalog> Catalog) PreloadPolicies(WebApplicationBuilder builder)
    {
        var path = PolicyContentPath(builder.Configuration, builder.Environment);
        return (path, Task.Run(() => PolicyLoader.LoadAll(path)));
    }

    private static void AddConversation(this IServiceCollection services, (string Path, Task<PolicyCatalog> Catalog) preloaded)
    {
        services.AddSingleton(sp =>
        {
            // Settings a test host applies late may name another folder: then that one is read.
            var path = PolicyContentPath(sp.GetRequiredService<IConfiguration>(), sp.GetRequiredService<IHostEnvironment>());
            return path == preloaded.Path ? preloaded.Catalog.GetAwaiter().GetResult() : PolicyLoader.LoadAll(path);
        });
        services.AddSingleton(sp => BrandLoader.LoadAll(
            PolicyContentPath(sp.GetRequiredService<IConfiguration>(), sp.GetRequiredService<IHostEnvironment>()), sp.GetRequiredService<PolicyCatalog>()));
        services.AddOptions<ChatPageOptions>().BindConfiguration(ChatPageOptions.Section);
        services.AddOptions<RetrievalOptions>().BindConfiguration(RetrievalOptions.Section);
        services.AddLlm();
        services.AddRefundConversation();
        // Started before the queue, so records left by an earlier run go out before the turns that follow them.
        services.AddSingleton<OutboxDispatcher>();
        services.Replace(ServiceDescriptor.Singleton<IOutbox>(sp => sp.GetRequiredService<OutboxDispatcher>()));
        services.AddHostedService(sp => sp.GetRequiredService<OutboxDispatcher>());
        services.AddSingleton<TurnQueue>();
        services.Replace(ServiceDescriptor.Singleton<ITurnEntrance>(sp => sp.GetRequiredService<TurnQueue>()));
        services.AddHostedService<IndexedPropertiesUpgradeService>(); // before turns are taken
        services.AddHostedService<PolicyVersionPublisher>(); // so is every version a decision may name
        services.AddHostedService(sp => sp.GetRequiredService<TurnQueue>());
        services.AddHostedService<FollowUpService>();
        services.AddHostedService<StartupWarmUp>();
    }

    /// <summary>"Policies:ContentPath" (relative to the content root), else the policy-content/ copied beside the bot.</summary>
    private static string PolicyContentPath(IConfiguration configuration, IHostEnvironment environment)
    {
        var configured = configuration["Policies:ContentPath"];
        return string.IsNullOrWhiteSpace(configured)
            ? Path.Combine(AppContext.BaseDirectory, "policy-content")
            : Path.Combine(environment.ContentRootPath, configured);
    }

    private static void AddDirectLine(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<DirectLineOptions>(configuration.GetSection(DirectLineOptions.Section));
        services.AddSingleton<GeneratedDirectLineSecret>();
        services.AddSingleton<DirectLineTokens>();
        services.AddSingleton<DirectLineConversations>();
        services.AddSingleton<IChannelDataEraser>(sp => sp.GetRequiredService<DirectLineConversations>());
        services.AddSingleton<DirectLineDelivery>();
        services.AddSingleton<DirectLineIdleConversations>();

        // Web Chat may be embedded on a business's own site: those sites (DirectLine:AllowedOrigins) may call Direct Line
        // and the token endpoint from the browser; no other origin may. The bot's own chat page is same-origin.
        services.AddCors();
        services.AddOptions<Microsoft.AspNetCore.Cors.Infrastructure.CorsOptions>().Configure<IOptions<DirectLineOptions>>((cors, directLine) =>
            cors.AddPolicy(DirectLineApi.CorsPolicy, policy => policy
                .WithOrigins(directLine.Value.AllowedOrigins)
                .WithMethods("GET", "POST")
                .WithHeaders("Authorization", "Content-Type", "x-ms-bot-agent", "x-requested-with")));
    }

    private static void AddBotConnector(this IServiceCollection services)
    {
        services.AddHttpClient(nameof(ConnectorTokenProvider));
        services.AddSingleton(sp => new ConnectorTokenProvider(
            sp.GetRequiredService<IHttpClientFactory>().CreateClient(nameof(ConnectorTokenProvider)),
            sp.GetRequiredService<IOptions<BotConnectorOptions>>(), sp.GetRequiredService<TimeProvider>()));
        services.AddTransient<ConnectorAuthenticationHandler>();
        services.AddTransient<IEscalationNotifier, TeamsSupportChannelNotifier>();
        services.AddSingleton<ServiceUrlPolicy>();
        services.AddOptions<BotConnectorOptions>()
            .Validate<IHostEnvironment>((options, environment) => !environment.IsProduction() || options.AuthenticationEnabled || options.AllowUnauthenticated,
                "In Production, /api/messages must be authenticated: set BotConnector:AppId and BotConnector:AppPassword "
                + "(or BotConnector:AllowUnauthenticated=true to accept unauthenticated channels on purpose).")
            .ValidateOnStart();
        services.AddHttpClient<ConnectorClient>()
            .ConfigurePrimaryHttpMessageHandler(sp => ServiceUrlConnections.Handler(
                sp.GetRequiredService<ServiceUrlPolicy>(), sp.GetRequiredService<IOptions<OutboxOptions>>().Value.ConnectTimeout))
            .AddHttpMessageHandler<ConnectorAuthenticationHandler>()
            .RemoveAllLoggers() // one log line per reply is noise; failures are logged by ConnectorClient itself
            .AddResilienceHandler("connector", (pipeline, context) =>
            {
                // 429 and 5xx answers are retried with exponential backoff, a bounded number of times (Outbox settings);
                // a Retry-After header sets the delay, cut to MaxRetryDelay. This runs in the outbox dispatcher, never in
                // a turn worker: what it waits holds up only the conversation's own deliveries.
                var outbox = context.ServiceProvider.GetRequiredService<IOptions<OutboxOptions>>().Value;
                pipeline
                    .AddRetry(new HttpRetryStrategyOptions
                    {
                        MaxRetryAttempts = Math.Max(0, outbox.MaxAttempts - 1),
                        Delay = outbox.RetryDelay,
                        MaxDelay = outbox.MaxRetryDelay,
                        BackoffType = DelayBackoffType.Exponential,
                        UseJitter = true,
                        ShouldRetryAfterHeader = false,
                        DelayGenerator = args => ValueTask.FromResult(RetryAfter(args.Outcome.Result, outbox.MaxRetryDelay)),
                        ShouldHandle = attempt => ValueTask.FromResult(
                            !IsRefusedServiceUrl(attempt.Outcome.Exception) && HttpClientResiliencePredicates.IsTransient(attempt.Outcome)),
                    })
                    .AddTimeout(outbox.AttemptTimeout);
            });
        services.AddHttpClient(nameof(BotConnectorAuthenticator));
        services.AddSingleton<BotConnectorAuthenticator>();
    }

    /// <summary>The wait a channel's Retry-After asks for, at most <paramref name="cap"/>; null (the backoff's own delay) without one.</summary>
    private static TimeSpan? RetryAfter(HttpResponseMessage? response, TimeSpan cap)
    {
        var header = response?.Headers.RetryAfter;
        var wait = header?.Delta ?? (header?.Date is { } date ? date - DateTimeOffset.UtcNow : null);
        return wait is { } delay ? TimeSpan.FromTicks(Math.Clamp(delay.Ticks, 0, cap.Ticks)) : null;
    }

    private static bool IsRefusedServiceUrl(Exception? exception) => exception switch
    {
        null => false,
        ServiceUrlRefusedException => true,
        _ => IsRefusedServiceUrl(exception.InnerException),
    };
}
