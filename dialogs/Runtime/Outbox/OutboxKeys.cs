using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace RefundBot.Dialogs.Runtime.Outbox;

/// <summary>
/// Outbox records are documents "outbox/{conversation key}/{ticks}-{n}" or, for a turn, "…/{ticks}-{n}-{turn}": in key
/// order, a conversation's are in turn order. The turn's part (a hash of its activity id) keeps two turns' records
/// apart when the clock reads the same for both (a test's clock that does not move): a record is deleted after its
/// dispatch, so a later turn's record under the same key would be taken for the one whose delete is pending.
/// </summary>
public static class OutboxKeys
{
    public const string Prefix = "outbox/";

    public static string For(string conversationKey, DateTimeOffset turn, int index) =>
        string.Create(CultureInfo.InvariantCulture, $"{Prefix}{conversationKey}/{turn.UtcTicks:D19}-{index:D3}");

    public static string For(string conversationKey, DateTimeOffset turn, int index, string turnId) =>
        For(conversationKey, turn, index) + "-" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(turnId)), 0, 4);
}
