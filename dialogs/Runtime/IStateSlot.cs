using System.Text.Json;

namespace RefundBot.Dialogs.Runtime;

/// <summary>What <see cref="ConversationState"/> needs of a <see cref="StateSlot{T}"/> to save it, whatever its type.</summary>
internal interface IStateSlot
{
    string Name { get; }

    IReadOnlyList<string> LegacyFields { get; }

    JsonElement? Write(object value);
}
