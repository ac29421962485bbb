using System.Net.Http.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace RefundBot.Bot.Tests;

/// <summary>The real bot host in memory, with its settings overridden for one test (storage file, app id, ...).</summary>
public sealed class BotUnderTest(IReadOnlyDictionary<string, string?> settings) : WebApplicationFactory<Program>
{
    private Action<IServiceCollection>? _services;

    /// <summary>Replaces services of the bot for this test (a clock, say).</summary>
    public BotUnderTest WithServices(Action<IServiceCollection> configure)
    {
        _services = configure;
        return this;
    }

    public static BotUnderTest WithLiteDb(string path, IReadOnlyDictionary<string, string?>? more = null) =>
        new(new Dictionary<string, string?>(more ?? new Dictionary<string, string?>())
        {
            ["Storage:Provider"] = "LiteDb",
            ["Storage:LiteDbPath"] = path,
        });

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        // Answers on lexical evidence unless a test asks for the sentence vectors: deterministic from the first turn,
        // and no test host spends half a minute of a shared core embedding the policies in the background.
        builder.UseSetting("Knowledge:Retrieval:Embeddings", "false");
        foreach (var (key, value) in settings)
        {
            builder.UseSetting(key, value);
        }

        builder.ConfigureLogging(logging => logging.SetMinimumLevel(LogLevel.Warning));
        if (_services is { } configure)
        {
            builder.ConfigureTestServices(configure);
        }
    }

    public async Task<HttpResponseMessage> PostAsync(object activity, string? bearerToken = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/messages") { Content = JsonContent.Create(activity) };
        if (bearerToken is not null)
        {
            request.Headers.Authorization = new("Bearer", bearerToken);
        }

        return await CreateClient().SendAsync(request);
    }
}

/// <summary>Activities as the Emulator sends them.</summary>
public static class EmulatorActivities
{
    public static object Message(FakeChannel channel, string conversationId, string text, string id, string locale = "en-US", DateTimeOffset? timestamp = null) => new
    {
        type = "message",
        id,
        text,
        locale,
        channelId = "emulator",
        serviceUrl = channel.ServiceUrl,
        timestamp = timestamp ?? DateTimeOffset.UtcNow,
        localTimezone = "Europe/Paris",
        from = new { id = "user-1", name = "User", role = "user" },
        recipient = new { id = "bot-1", name = "RefundBot", role = "bot" },
        conversation = new { id = conversationId },
        channelData = new { clientActivityID = "client-" + id },
    };

    public static object Event(FakeChannel channel, string conversationId, string name, object value) => new
    {
        type = "event",
        id = "e-" + Guid.NewGuid().ToString("N"),
        name,
        value,
        channelId = "emulator",
        serviceUrl = channel.ServiceUrl,
        from = new { id = "user-1", name = "User", role = "user" },
        recipient = new { id = "bot-1", name = "RefundBot", role = "bot" },
        conversation = new { id = conversationId },
    };

    public static object Joined(FakeChannel channel, string conversationId) => new
    {
        type = "conversationUpdate",
        id = "join-" + conversationId,
        channelId = "emulator",
        serviceUrl = channel.ServiceUrl,
        from = new { id = "user-1" },
        recipient = new { id = "bot-1", name = "RefundBot" },
        conversation = new { id = conversationId },
        membersAdded = new[] { new { id = "bot-1" }, new { id = "user-1" } },
    };
}

/// <summary>A fresh temporary directory per test, removed afterwards.</summary>
public sealed class TempDirectory : IDisposable
{
    public string Path { get; } = Directory.CreateTempSubdirectory("refundbot-test-").FullName;

    public string File(string name) => System.IO.Path.Combine(Path, name);

    public void Dispose()
    {
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
