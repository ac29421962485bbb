using Microsoft.Extensions.DependencyInjection;
using System.Net;
using System.Net.Sockets;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.Logging;
using Microsoft.Playwright;

namespace RefundBot.Browser.Tests;

/// <summary>
/// The real bot on a loopback port (Kestrel, LiteDB in a temporary folder) and Debian's Chromium driven by Playwright.
/// No browser is downloaded: Chromium comes from the system (<c>apt-get install chromium</c>, done by .ci/run).
/// </summary>
public class ChatPageFixture : IAsyncLifetime
{
    public static readonly string ScreenshotDirectory = Path.GetFullPath(Path.Combine(AppContext.BaseDirectory, "../../../../../test-artifacts/screenshots"));

    private readonly string _data = Directory.CreateTempSubdirectory("refundbot-browser-").FullName;
    private BotOnKestrel _bot = null!;
    private IPlaywright _playwright = null!;

    public IBrowser Browser { get; private set; } = null!;

    public string BaseUrl { get; private set; } = "";

    /// <summary>
    /// The bot's first message in Web Chat: the page is connected. Before that the send box takes text but Enter
    /// may send nothing, so a test that types at once waits for it, as a person reading the greeting would.
    /// </summary>
    public const string FirstBotMessage = "#webchat .webchat__bubble:not(.webchat__bubble--from-user) >> nth=0";

    /// <summary>The agent account the desk accepts in these tests.</summary>
    public const string AgentName = "Alice";
    public const string AgentPassword = "desk-test-password";

    /// <summary>An agent who also has the business console's role (RefundBot.Admin).</summary>
    public const string AdminName = "Olivia";
    public const string AdminPassword = "console-test-password";

    /// <summary>The bot's services (the policy studio's test reads the policy served and seeds decided cases).</summary>
    public IServiceProvider Services => _bot.Services;

    /// <summary>Records cases as if earlier conversations had (the console's tests count what they seeded).</summary>
    public async Task SaveCasesAsync(IEnumerable<RefundBot.Dialogs.Cases.RefundCase> cases)
    {
        var store = _bot.Services.GetRequiredService<RefundBot.Dialogs.Cases.CaseStore>();
        foreach (var refundCase in cases)
        {
            await store.SaveAsync(refundCase);
        }
    }

    /// <summary>
    /// Every test is a new customer of the demo order book: the cases earlier tests recorded are forgotten, since the bot
    /// keeps one open case per order and would otherwise carry the next test's request on from the last one's.
    /// </summary>
    public async Task ForgetCasesAsync()
    {
        // The queue too: a conversation an earlier test left waiting would put this test's customer second in line.
        var store = _bot.Services.GetRequiredService<RefundBot.Dialogs.Runtime.Storage.IDocumentStore>();
        foreach (var prefix in new[] { "cases/", "handoffs/" })
        {
            foreach (var document in await store.ListAsync(prefix))
            {
                await store.DeleteAsync(document.Key);
            }
        }
    }

    public virtual async Task InitializeAsync()
    {
        Directory.CreateDirectory(ScreenshotDirectory);
        var port = FreePort();
        BaseUrl = $"http://127.0.0.1:{port}";
        _bot = new BotOnKestrel(port, Path.Combine(_data, "bot.db"), BotSettings());
        _bot.StartServer();

        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = Environment.GetEnvironmentVariable("CHROMIUM_PATH") ?? "/usr/bin/chromium",
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
        });
    }

    public virtual async Task DisposeAsync()
    {
        await Browser.DisposeAsync();
        _playwright.Dispose();
        await _bot.DisposeAsync();
        Directory.Delete(_data, recursive: true);
    }

    /// <summary>Settings a fixture of its own adds to the bot's (read once <see cref="BaseUrl"/> is known).</summary>
    protected virtual IEnumerable<KeyValuePair<string, string>> BotSettings() => [];

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private sealed class BotOnKestrel : WebApplicationFactory<Program>
    {
        private readonly string _database;
        private readonly IEnumerable<KeyValuePair<string, string>> _settings;

        public BotOnKestrel(int port, string database, IEnumerable<KeyValuePair<string, string>> settings)
        {
            _database = database;
            _settings = settings;
            UseKestrel(port);
        }

        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            builder.UseSetting("Storage:LiteDbPath", _database);
            builder.UseSetting("Attachments:LocalFolder", Path.Combine(Path.GetDirectoryName(_database)!, "attachments"));
            builder.UseSetting("AgentDesk:Agents:0:Id", AgentName.ToLowerInvariant());
            builder.UseSetting("AgentDesk:Agents:0:DisplayName", AgentName);
            builder.UseSetting("AgentDesk:Agents:0:PasswordHash", RefundBot.Bot.AgentDesk.AgentAccounts.HashPassword(AgentPassword));
            builder.UseSetting("AgentDesk:Agents:1:Id", AdminName.ToLowerInvariant());
            builder.UseSetting("AgentDesk:Agents:1:DisplayName", AdminName);
            builder.UseSetting("AgentDesk:Agents:1:PasswordHash", RefundBot.Bot.AgentDesk.AgentAccounts.HashPassword(AdminPassword));
            builder.UseSetting("AgentDesk:Agents:1:Roles:0", "RefundBot.Admin");

            // Every page of every test comes from 127.0.0.1: more conversations a minute than one customer may open.
            builder.UseSetting("RateLimits:ConversationsPerClientPerMinute", "200");
            builder.ConfigureLogging(logging => logging.SetMinimumLevel(LogLevel.Warning));
            foreach (var (key, value) in _settings)
            {
                builder.UseSetting(key, value);
            }
        }
    }
}

[CollectionDefinition(Name)]
public sealed class ChatPageCollection : ICollectionFixture<ChatPageFixture>
{
    public const string Name = "chat page";
}
