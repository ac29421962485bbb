namespace RefundBot.Bot.Hosting;

/// <summary>
/// Where the bot finds its files. ASP.NET Core takes the process's working directory as the content root, so a bot
/// started from elsewhere (<c>cd /tmp &amp;&amp; dotnet …/RefundBot.Bot.dll</c>, a service manager) had no web root
/// (its pages answered 500) and wrote its LiteDB file into that directory. Unless a content root is configured, the
/// working directory is kept only when it holds the bot's wwwroot (bot/ under <c>dotnet run</c>, /app in the
/// container); otherwise the bot's own folder is used, where the build copies wwwroot, policy-content and appsettings.
/// </summary>
internal static class AppFolders
{
    public const string WebRootFolder = "wwwroot";
    private const string ChatPage = "chat.html";

    /// <summary>The options to create the builder with: the content root chosen as above, or left to the configuration.</summary>
    public static WebApplicationOptions Options(string[] args)
    {
        var configured = new ConfigurationBuilder()
            .AddEnvironmentVariables("DOTNET_")
            .AddEnvironmentVariables("ASPNETCORE_")
            .AddCommandLine(args)
            .Build()[WebHostDefaults.ContentRootKey];
        var contentRoot = string.IsNullOrWhiteSpace(configured) && !HasWebRoot(Directory.GetCurrentDirectory())
            ? AppContext.BaseDirectory
            : null;
        return new WebApplicationOptions { Args = args, ContentRootPath = contentRoot };
    }

    /// <summary>
    /// Refuses to start without the bot's web root: the chat page and the agent desk would answer 500. A configured
    /// web root that does not exist is created empty by ASP.NET Core, so the check looks for the chat page in it.
    /// </summary>
    public static void RequireWebRoot(IWebHostEnvironment environment)
    {
        var webRoot = string.IsNullOrEmpty(environment.WebRootPath)
            ? Path.Combine(environment.ContentRootPath, WebRootFolder)
            : environment.WebRootPath;
        if (!File.Exists(Path.Combine(webRoot, ChatPage)))
        {
            throw new StartupRefusedException(
                $"No web root: '{webRoot}' has no {ChatPage}; set --contentRoot (or ASPNETCORE_CONTENTROOT) to the bot's folder, or --webroot to its {WebRootFolder}.");
        }
    }

    /// <summary>The bot's own web root (with its chat page), not just any folder called wwwroot.</summary>
    private static bool HasWebRoot(string directory) => File.Exists(Path.Combine(directory, WebRootFolder, ChatPage));
}
