using System.Globalization;

namespace RefundBot.Dialogs.Runtime.Outbox;

/// <summary>Outbox records are documents "outbox/{conversation key}/{ticks}-{n}": in key order, a conversation's are in turn order.</summary>
public static class OutboxKeys
{
    public const string Prefix = "outbox/";

    public static string For(string conversationKey, DateTimeOffset turn, int index) =>
        string.Create(CultureInfo.InvariantCulture, $"{Prefix}{conversationKey}/{turn.UtcTicks:D19}-{index:D3}");
}
