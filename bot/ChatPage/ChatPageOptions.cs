namespace RefundBot.Bot.ChatPage;

/// <summary>The chat page's settings ("ChatPage" configuration section).</summary>
public sealed class ChatPageOptions
{
    public const string Section = "ChatPage";

    /// <summary>
    /// Show the business picker and list every policy (<c>/api/chat/page</c>): for trying the bot (on in
    /// appsettings.Development.json, so under <c>dotnet run</c>). Off, a customer sees only the site's own business and
    /// never learns which other businesses the bot serves.
    /// </summary>
    public bool DemoMode { get; set; }
}
