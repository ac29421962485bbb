using System.Text.Json;
using System.Text.Json.Serialization;

namespace RefundBot.Dialogs.Runtime;

/// <summary>
/// The Bot Framework Activity schema (botframework-activity.md), camelCase on the wire.
/// Properties this bot does not model are kept in <see cref="Extra"/> and written back unchanged.
/// </summary>
public sealed class Activity
{
    public string? Type { get; set; }
    public string? Id { get; set; }
    public DateTimeOffset? Timestamp { get; set; }
    public DateTimeOffset? LocalTimestamp { get; set; }
    public string? LocalTimezone { get; set; }
    public string? ServiceUrl { get; set; }
    public string? ChannelId { get; set; }
    public ChannelAccount? From { get; set; }
    public ConversationAccount? Conversation { get; set; }
    public ChannelAccount? Recipient { get; set; }
    public string? TextFormat { get; set; }
    public string? Locale { get; set; }
    public string? Text { get; set; }
    public string? Speak { get; set; }
    public string? InputHint { get; set; }
    public string? AttachmentLayout { get; set; }
    public List<Attachment>? Attachments { get; set; }
    public SuggestedActions? SuggestedActions { get; set; }
    public List<JsonElement>? Entities { get; set; }
    public JsonElement? ChannelData { get; set; }
    public string? ReplyToId { get; set; }
    public string? Name { get; set; }
    public JsonElement? Value { get; set; }
    public List<ChannelAccount>? MembersAdded { get; set; }
    public List<ChannelAccount>? MembersRemoved { get; set; }

    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Extra { get; set; }

    public bool IsMessage => Type == ActivityTypes.Message;

    /// <summary>
    /// True for an event the bot raised itself (a follow-up falling due, an agent's action on the desk). Never read
    /// from JSON: an event a channel delivers, whatever its name, is never taken for one of these.
    /// </summary>
    [JsonIgnore]
    public bool IsRaisedByBot { get; init; }

    public bool IsBotEvent(string name) => IsRaisedByBot && Type == ActivityTypes.Event && Name == name;

    /// <summary>
    /// Removes the bot's own @mention from <see cref="Text"/> (Teams writes it as <c>&lt;at&gt;RefundBot&lt;/at&gt;</c> and
    /// lists it in a <c>mention</c> entity), so that "@RefundBot refund for A-1234" reads as "refund for A-1234".
    /// </summary>
    public void RemoveRecipientMention()
    {
        if (Text is null || Entities is null)
        {
            return;
        }

        foreach (var entity in Entities)
        {
            if (entity.ValueKind == JsonValueKind.Object
                && entity.TryGetProperty("type", out var type) && type.GetString() == "mention"
                && entity.TryGetProperty("mentioned", out var mentioned) && mentioned.ValueKind == JsonValueKind.Object
                && mentioned.TryGetProperty("id", out var id) && id.GetString() == Recipient?.Id
                && entity.TryGetProperty("text", out var mentionText) && mentionText.GetString() is { Length: > 0 } written)
            {
                Text = Text.Replace(written, "", StringComparison.Ordinal);
            }
        }

        Text = Text.Trim();
    }

    /// <summary>A reply addressed back to the sender, on the same conversation and channel.</summary>
    public Activity CreateReply(string? text = null, string? locale = null) => new()
    {
        Type = ActivityTypes.Message,
        ChannelId = ChannelId,
        ServiceUrl = ServiceUrl,
        Conversation = Conversation,
        From = Recipient,
        Recipient = From,
        ReplyToId = IsRaisedByBot ? null : Id, // an event the bot raised itself is nothing on the channel to reply to
        Locale = locale ?? Locale,
        Text = text,
        TextFormat = "markdown",
        InputHint = "acceptingInput",
    };
}

public static class ActivityTypes
{
    public const string Message = "message";
    public const string ConversationUpdate = "conversationUpdate";
    public const string Typing = "typing";
    public const string Event = "event";
    public const string EndOfConversation = "endOfConversation";
}

public sealed class ChannelAccount
{
    public string? Id { get; set; }
    public string? Name { get; set; }
    public string? AadObjectId { get; set; }
    public string? Role { get; set; }

    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Extra { get; set; }
}

public sealed class ConversationAccount
{
    public string? Id { get; set; }
    public string? Name { get; set; }
    public bool? IsGroup { get; set; }
    public string? ConversationType { get; set; }
    public string? TenantId { get; set; }

    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Extra { get; set; }
}

public sealed class Attachment
{
    public string? ContentType { get; set; }
    public string? ContentUrl { get; set; }
    public JsonElement? Content { get; set; }
    public string? Name { get; set; }
    public string? ThumbnailUrl { get; set; }

    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Extra { get; set; }
}

public sealed class SuggestedActions
{
    public List<string>? To { get; set; }
    public List<CardAction> Actions { get; set; } = [];
}

public sealed class CardAction
{
    public string Type { get; set; } = "imBack";
    public string? Title { get; set; }
    public string? Value { get; set; }

    public static CardAction ImBack(string title) => new() { Title = title, Value = title };
}

/// <summary>
/// The one serializer configuration used for activities on every channel and for what the bot stores. The types of
/// every turn (activities, the conversation's state) are described at compile time by <see cref="TurnJsonContext"/>,
/// so no turn pays for reflection, and a fresh process answers its first turn sooner; other types fall back to
/// reflection.
/// </summary>
public static class ActivityJson
{
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        TypeInfoResolver = System.Text.Json.Serialization.Metadata.JsonTypeInfoResolver.Combine(
            TurnJsonContext.Default, new System.Text.Json.Serialization.Metadata.DefaultJsonTypeInfoResolver()),
    };
}

[JsonSourceGenerationOptions(JsonSerializerDefaults.Web, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(Activity))]
[JsonSerializable(typeof(List<Activity>))]
[JsonSerializable(typeof(ConversationState))]
[JsonSerializable(typeof(Transcripts.TranscriptEntry))]
[JsonSerializable(typeof(List<Transcripts.TranscriptEntry>))]
[JsonSerializable(typeof(Dictionary<string, string>))] // the bot's texts, read at start-up
internal sealed partial class TurnJsonContext : JsonSerializerContext;
