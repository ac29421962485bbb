using System.Text.Json;
using System.Text.Json.Nodes;

namespace RefundBot.Dialogs.Runtime;

/// <summary>
/// The key of a feature's part of the conversation state: the feature declares it (with the type it keeps there) and
/// reads it with <see cref="ConversationState.Get{T}"/>, so the runtime saves and loads what features remember without
/// knowing any of them. The part is stored under <see cref="Name"/> in the state document's "features" object, in the
/// same document and so in the same commit as the rest of the turn.
/// </summary>
/// <param name="name">The feature's name, its key in the document; never renamed once conversations are saved with it.</param>
/// <param name="legacyFields">
/// Top-level fields of documents saved before the feature had a slot, read into the slot when it has no part of its own
/// yet (same names as <typeparamref name="T"/>'s properties) and dropped from the document once the slot is saved.
/// </param>
public sealed class StateSlot<T>(string name, params string[] legacyFields) : IStateSlot
    where T : class, new()
{
    private readonly string _empty = JsonSerializer.Serialize(new T(), ActivityJson.Options);

    public string Name { get; } = name;

    public IReadOnlyList<string> LegacyFields { get; } = legacyFields;

    /// <summary>The part as it is saved; null when it is as a new one, so an unused feature takes no room.</summary>
    public JsonElement? Write(object value)
    {
        var element = JsonSerializer.SerializeToElement((T)value, ActivityJson.Options);
        return element.GetRawText() == _empty ? null : element;
    }

    /// <summary>The part as stored, else what older documents kept at the top level, else a new one.</summary>
    internal T Read(JsonElement? stored, IReadOnlyDictionary<string, JsonElement>? legacy)
    {
        if (stored is { } element)
        {
            return element.Deserialize<T>(ActivityJson.Options) ?? new T();
        }

        var old = new JsonObject();
        foreach (var field in LegacyFields)
        {
            if (legacy?.TryGetValue(field, out var value) == true)
            {
                old[field] = JsonNode.Parse(value.GetRawText());
            }
        }

        return old.Count > 0 ? old.Deserialize<T>(ActivityJson.Options) ?? new T() : new T();
    }
}
