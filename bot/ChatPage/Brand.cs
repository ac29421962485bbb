using RefundBot.Eligibility.Model;

namespace RefundBot.Bot.ChatPage;

/// <summary>
/// How one business looks on the chat page (<c>policy-content/{id}/brand.yaml</c>): data beside its policy, so a
/// business changes its name, colour and greeting without touching the page's code. Read by <see cref="BrandLoader"/>.
/// </summary>
public sealed class Brand : Located
{
    /// <summary>The name the bot's messages and the page's header carry.</summary>
    public string BotName { get; set; } = "";

    /// <summary>Up to three letters for the bot's avatar; used when there is no logo, and as its text alternative.</summary>
    public string? Initials { get; set; }

    /// <summary>A PNG, SVG, JPEG or WebP file in the policy's folder, shown as the bot's avatar.</summary>
    public string? Logo { get; set; }

    /// <summary><c>#rrggbb</c>: the header, buttons and the customer's bubbles; white text must read on it (4.5:1).</summary>
    public string Accent { get; set; } = "";

    /// <summary>The line above the conversation, in English and French.</summary>
    public LocalizedText Welcome { get; set; } = [];
}
