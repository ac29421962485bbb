using System.Text.Json;
using System.Text.Json.Serialization;
using RefundBot.Dialogs.Runtime.Dialogs;

namespace RefundBot.Dialogs.Runtime;

/// <summary>
/// Everything the bot remembers about one conversation: one document, saved after each turn. The runtime's own fields
/// are here; what a feature remembers (the policy, a hand-off, an erasure request) is the feature's <see cref="StateSlot{T}"/>,
/// read with <see cref="Get{T}"/> and saved with the rest.
/// </summary>
public sealed class ConversationState : IJsonOnSerializing
{
    private readonly Dictionary<string, (object Value, IStateSlot Slot)> _open = [];

    /// <summary>"en" or "fr": the language the bot speaks in this conversation.</summary>
    public string? Language { get; set; }

    /// <summary>The customer's culture (e.g. "en-US", "fr-FR"), which decides how numeric dates are read.</summary>
    public string? Culture { get; set; }

    /// <summary>The customer's IANA time zone, when the channel told us.</summary>
    public string? TimeZone { get; set; }

    public bool Welcomed { get; set; }

    public List<DialogInstance> DialogStack { get; set; } = [];

    /// <summary>Where to reach the customer again (proactive messages, agent replies).</summary>
    public ConversationReference? Reference { get; set; }

    /// <summary>
    /// Read, never written: versions before the outbox saved a confirmed "forget me" as this flag and carried it out
    /// after the save. A state that still has it is erased when met (<see cref="TurnProcessor"/> on load,
    /// <see cref="IndexedPropertiesUpgrade"/> once per store) through <see cref="Outbox.OutboxRecord.Erasure"/>.
    /// </summary>
    [System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingDefault)]
    public bool ErasureConfirmed { get; set; }

    /// <summary>
    /// The ids of the last inbound activities handled (oldest first), saved with the state they led to: a channel that
    /// sends one again (the Bot Connector retries when it did not get the 202) does not move the dialog twice.
    /// </summary>
    public List<string> HandledActivityIds { get; set; } = [];

    /// <summary>
    /// No longer written (null): the replies of the last handled activity were kept here for a channel's retry; the
    /// outbox now keeps them, committed with the turn, until they are delivered. Still read, so older states load.
    /// </summary>
    public List<Activity>? LastReplies { get; set; }

    /// <summary>What was said, saved with the rest of the state (see <see cref="Transcripts.TranscriptLog"/>).</summary>
    public List<Transcripts.TranscriptEntry> Transcript { get; set; } = [];

    /// <summary>
    /// The time of the oldest line kept, stored with the state so that transcript retention finds what it must trim
    /// through <see cref="Storage.DocumentIndexes.ConversationsByOldestLine"/> instead of reading every document.
    /// </summary>
    public DateTimeOffset? RetainedSince => Transcript.Count > 0 ? Transcript.Min(line => line.At) : null;

    /// <summary>Each feature's part, under the feature's name, as stored (see <see cref="StateSlot{T}"/>).</summary>
    public Dictionary<string, JsonElement>? Features { get; set; }

    /// <summary>
    /// Fields this version does not know: those of documents saved before features had slots ("policyId", "handoff"...),
    /// read into the slots that claim them, and kept as they are (never lost) until then.
    /// </summary>
    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Unknown { get; set; }

    /// <summary>The feature's part of this conversation's state; changes to it are saved with the state.</summary>
    public T Get<T>(StateSlot<T> slot)
        where T : class, new()
    {
        if (_open.TryGetValue(slot.Name, out var open))
        {
            return (T)open.Value;
        }

        var value = slot.Read(Features?.TryGetValue(slot.Name, out var stored) == true ? stored : null, Unknown);
        _open[slot.Name] = (value, slot);
        return value;
    }

    /// <summary>Writes the parts read this turn back under their names; a part left at its defaults takes no room.</summary>
    void IJsonOnSerializing.OnSerializing()
    {
        foreach (var (name, (value, slot)) in _open)
        {
            Features ??= [];
            if (slot.Write(value) is { } element)
            {
                Features[name] = element;
            }
            else
            {
                Features.Remove(name);
            }

            foreach (var field in slot.LegacyFields)
            {
                Unknown?.Remove(field);
            }
        }

        if (Features is { Count: 0 })
        {
            Features = null;
        }

        if (Unknown is { Count: 0 })
        {
            Unknown = null;
        }
    }
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

    /// <summary>
    /// An event activity as if the customer's channel had sent it, so that something happening outside the
    /// conversation (a follow-up falling due, an agent writing) runs through the ordinary turn pipeline.
    /// </summary>
    public Activity Event(string name, DateTimeOffset now, object? value = null) => new()
    {
        Type = ActivityTypes.Event,
        Name = name,
        ChannelId = ChannelId,
        ServiceUrl = ServiceUrl,
        Conversation = Conversation,
        From = User,
        Recipient = Bot,
        Locale = Locale,
        Timestamp = now,
        IsRaisedByBot = true,
        Value = value is null ? null : System.Text.Json.JsonSerializer.SerializeToElement(value, ActivityJson.Options),
    };

    /// <summary>The storage key of the conversation this reference points to.</summary>
    public string ConversationKey => $"{ChannelId}/conversations/{Conversation?.Id}";
}

/// <summary>Storage keys, following the Bot Framework convention.</summary>
public static class StateKeys
{
    public static string Conversation(Activity activity) =>
        $"{activity.ChannelId}/conversations/{activity.Conversation?.Id}";
}
