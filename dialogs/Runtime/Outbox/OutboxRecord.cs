using System.Text.Json;

namespace RefundBot.Dialogs.Runtime.Outbox;

/// <summary>
/// Something a committed turn must cause, stored with the turn's commit under <see cref="OutboxKeys.Prefix"/> and
/// carried out after it by an <see cref="IOutboxHandler"/> of its <see cref="Kind"/>: a reply delivery (the replies
/// keep their ids, so a channel that is sent them twice after a crash shows them once), an erasure, the desk's live
/// transcript lines, a hand-off's announcement to the support team.
/// </summary>
public sealed record OutboxRecord
{
    public required string Kind { get; init; }

    /// <summary>The conversation's state key: a conversation's records are carried out one after another, in order.</summary>
    public required string ConversationKey { get; init; }

    public required ConversationReference Reference { get; init; }

    /// <summary>The inbound activity the records answer (null for a turn the bot raised itself without one).</summary>
    public string? ActivityId { get; init; }

    public IReadOnlyList<Activity>? Replies { get; init; }

    public JsonElement? Value { get; init; }

    /// <summary>The erasure of a conversation the customer asked to be forgotten.</summary>
    public static OutboxRecord Erasure(string conversationKey, ConversationReference reference, string? activityId) => new()
    {
        Kind = OutboxKinds.Erase,
        ConversationKey = conversationKey,
        Reference = reference,
        ActivityId = activityId,
    };
}

/// <summary>Kinds of <see cref="OutboxRecord"/>.</summary>
internal static class OutboxKinds
{
    public const string Reply = "reply";
    public const string Erase = "erase";

    /// <summary>A committed turn's transcript lines, shown on the agent desk while a person is involved.</summary>
    public const string Transcript = "transcript";
}
