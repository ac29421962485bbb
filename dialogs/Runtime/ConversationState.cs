using RefundBot.Dialogs.Runtime.Dialogs;

namespace RefundBot.Dialogs.Runtime;

/// <summary>Everything the bot remembers about one conversation: one document, saved after each turn.</summary>
public sealed class ConversationState
{
    /// <summary>"en" or "fr": the language the bot speaks in this conversation.</summary>
    public string? Language { get; set; }

    /// <summary>The customer's culture (e.g. "en-US", "fr-FR"), which decides how numeric dates are read.</summary>
    public string? Culture { get; set; }

    /// <summary>The customer's IANA time zone, when the channel told us.</summary>
    public string? TimeZone { get; set; }

    public bool Welcomed { get; set; }

    /// <summary>The refund policy this conversation follows, chosen on its first activity.</summary>
    public string? PolicyId { get; set; }

    public List<DialogInstance> DialogStack { get; set; } = [];

    /// <summary>The policy section the bot last quoted, so "original" can show its authoritative text.</summary>
    public string? LastQuotedSection { get; set; }

    /// <summary>Where to reach the customer again (proactive messages, agent replies).</summary>
    public ConversationReference? Reference { get; set; }
}

public sealed record ConversationReference(
    string? ChannelId,
    string? ServiceUrl,
    ConversationAccount? Conversation,
    ChannelAccount? User,
    ChannelAccount? Bot,
    string? Locale)
{
    public static ConversationReference From(Activity activity) =>
        new(activity.ChannelId, activity.ServiceUrl, activity.Conversation, activity.From, activity.Recipient, activity.Locale);
}

/// <summary>Storage keys, following the Bot Framework convention.</summary>
public static class StateKeys
{
    public static string Conversation(Activity activity) =>
        $"{activity.ChannelId}/conversations/{activity.Conversation?.Id}";
}
