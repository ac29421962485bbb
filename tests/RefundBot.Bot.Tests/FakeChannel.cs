using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Threading.Channels;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using RefundBot.Dialogs.Runtime;

namespace RefundBot.Bot.Tests;

/// <summary>
/// Plays the Emulator / Bot Connector side on loopback: receives the bot's replies on its serviceUrl
/// (<c>POST /v3/conversations/{id}/activities/{replyToId}</c>) and can publish OpenID metadata and signing keys.
/// </summary>
public sealed class FakeChannel : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly Channel<ReceivedReply> _replies = Channel.CreateUnbounded<ReceivedReply>();
    private int _tokensIssued;

    private FakeChannel(WebApplication app) => _app = app;

    public string ServiceUrl { get; private set; } = "";

    /// <summary>The JSON Web Key Set served at /keys.</summary>
    public JsonObject Keys { get; set; } = new() { ["keys"] = new JsonArray() };

    public string MetadataUrl => ServiceUrl + "/.well-known/openidconfiguration";

    /// <summary>The fake identity platform's token endpoint (client credentials).</summary>
    public string TokenEndpoint => ServiceUrl + "/oauth2/v2.0/token";

    public const string IssuedToken = "fake-connector-token";

    /// <summary>How many tokens the bot asked for.</summary>
    public int TokensIssued => _tokensIssued;

    /// <summary>How many of the next reply posts are refused with 429 and Retry-After: 1.</summary>
    public int ThrottleNextReplies { get; set; }

    /// <summary>Every reply post, refused or accepted, with the Authorization header it carried.</summary>
    public List<string?> ReplyAuthorizations { get; } = [];

    /// <summary>Files the channel serves at {ServiceUrl}/v3/attachments/{id}/views/original (Teams' inline images).</summary>
    public Dictionary<string, byte[]> Files { get; } = [];

    /// <summary>The Authorization header of each file download.</summary>
    public List<string?> FileAuthorizations { get; } = [];

    public string FileUrl(string id) => $"{ServiceUrl}/v3/attachments/{id}/views/original";

    /// <summary>Conversations the bot created (proactive messages): their request bodies.</summary>
    public Channel<JsonElement> CreatedConversations { get; } = Channel.CreateUnbounded<JsonElement>();

    public static async Task<FakeChannel> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var channel = new FakeChannel(app);
        app.MapPost("/v3/conversations/{conversationId}/activities/{replyToId?}", channel.ReceiveAsync);
        app.MapPost("/v3/conversations", async (HttpRequest request) =>
        {
            await channel.CreatedConversations.Writer.WriteAsync(await JsonSerializer.DeserializeAsync<JsonElement>(request.Body));
            return Results.Ok(new { id = "19:new-thread@thread.tacv2;messageid=1" });
        });
        app.MapPost("/oauth2/v2.0/token", async (HttpRequest request) =>
        {
            var form = await request.ReadFormAsync();
            Interlocked.Increment(ref channel._tokensIssued);
            return form["grant_type"] == "client_credentials" && form["client_secret"] == "app-password"
                ? Results.Json(new { token_type = "Bearer", expires_in = 3600, access_token = IssuedToken })
                : Results.BadRequest();
        });
        app.MapGet("/.well-known/openidconfiguration", () => Results.Json(new
        {
            issuer = "https://api.botframework.com",
            jwks_uri = channel.ServiceUrl + "/keys",
            id_token_signing_alg_values_supported = new[] { "RS256" },
        }));
        app.MapGet("/v3/attachments/{id}/views/{view}", (string id, HttpRequest request) =>
        {
            lock (channel.FileAuthorizations)
            {
                channel.FileAuthorizations.Add(request.Headers.Authorization.ToString());
            }

            return channel.Files.TryGetValue(id, out var file) ? Results.Bytes(file, "application/octet-stream") : Results.NotFound();
        });
        app.MapGet("/keys", () => Results.Content(channel.Keys.ToJsonString(), "application/json"));
        await app.StartAsync();
        channel.ServiceUrl = app.Urls.Single().Replace("0.0.0.0", "127.0.0.1");
        return channel;
    }

    /// <summary>
    /// Publishes <paramref name="key"/> as the only signing key, endorsed for <paramref name="channels"/>; with none, the
    /// key lists no endorsements at all.
    /// </summary>
    public void PublishSigningKey(RsaSecurityKey key, params string[] channels)
    {
        var parameters = key.Rsa.ExportParameters(false);
        var published = new JsonObject
        {
            ["kty"] = "RSA", ["use"] = "sig", ["kid"] = key.KeyId,
            ["n"] = Base64UrlEncoder.Encode(parameters.Modulus), ["e"] = Base64UrlEncoder.Encode(parameters.Exponent),
        };
        if (channels.Length > 0)
        {
            published["endorsements"] = new JsonArray(channels.Select(c => (JsonNode)c!).ToArray());
        }

        Keys = new JsonObject { ["keys"] = new JsonArray(published) };
    }

    /// <summary>A token as the Bot Connector signs it for <paramref name="appId"/>; <paramref name="spoil"/> changes it for negative tests.</summary>
    public string ChannelToken(RsaSecurityKey key, string appId, Func<SecurityTokenDescriptor, SecurityTokenDescriptor>? spoil = null)
    {
        var descriptor = new SecurityTokenDescriptor
        {
            Issuer = "https://api.botframework.com",
            Audience = appId,
            NotBefore = DateTime.UtcNow.AddMinutes(-1),
            Expires = DateTime.UtcNow.AddMinutes(30),
            Claims = new Dictionary<string, object> { ["serviceurl"] = ServiceUrl },
            SigningCredentials = new SigningCredentials(key, SecurityAlgorithms.RsaSha256),
        };
        return new JsonWebTokenHandler().CreateToken((spoil ?? (d => d))(descriptor));
    }

    /// <summary>The next reply the bot sent, or a failure after <paramref name="timeout"/> (default 10 s).</summary>
    public async Task<ReceivedReply> NextReplyAsync(TimeSpan? timeout = null)
    {
        using var cts = new CancellationTokenSource(timeout ?? TimeSpan.FromSeconds(10));
        try
        {
            return await _replies.Reader.ReadAsync(cts.Token);
        }
        catch (OperationCanceledException)
        {
            throw new TimeoutException("The bot sent no reply in time.");
        }
    }

    public async Task<IReadOnlyList<ReceivedReply>> RepliesAsync(int count)
    {
        var replies = new List<ReceivedReply>();
        for (var i = 0; i < count; i++)
        {
            replies.Add(await NextReplyAsync());
        }

        return replies;
    }

    public bool HasPendingReply => _replies.Reader.TryPeek(out _);

    /// <summary>Forgets the replies received so far.</summary>
    public void DrainReplies()
    {
        while (_replies.Reader.TryRead(out _))
        {
        }
    }

    private async Task<IResult> ReceiveAsync(HttpRequest request, HttpResponse response, string conversationId, string? replyToId)
    {
        lock (ReplyAuthorizations)
        {
            ReplyAuthorizations.Add(request.Headers.Authorization.ToString());
            if (ThrottleNextReplies > 0)
            {
                ThrottleNextReplies--;
                response.Headers.RetryAfter = "1";
                return Results.StatusCode(StatusCodes.Status429TooManyRequests);
            }
        }

        var activity = await JsonSerializer.DeserializeAsync<Activity>(request.Body, ActivityJson.Options);
        await _replies.Writer.WriteAsync(new ReceivedReply(WebUtility.UrlDecode(conversationId), replyToId, activity!));
        return Results.Ok(new { id = Guid.NewGuid().ToString("N") });
    }

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();
}

public sealed record ReceivedReply(string ConversationId, string? ReplyToId, Activity Activity)
{
    public string? Text => Activity.Text;
}
