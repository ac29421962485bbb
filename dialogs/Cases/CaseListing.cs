using RefundBot.Dialogs.Runtime.Storage;

namespace RefundBot.Dialogs.Cases;

/// <summary>
/// The order in which a business's cases are listed: by request instant (UTC), then case id, within a policy. A key
/// reads "{policy}|{instant}|{id}"; its part after the policy, the <see cref="Position"/>, orders cases of several policies
/// the same way and is what a page's continuation carries.
/// </summary>
public static class CaseListing
{
    public const char Separator = '|';

    /// <summary>Above every character of an instant or a case id: the end of a policy's range.</summary>
    private const char Highest = '~';

    public static string Key(string policyId, DateTimeOffset requestedAt, string caseId) =>
        $"{policyId}{Separator}{Position(requestedAt, caseId)}";

    public static string Position(DateTimeOffset requestedAt, string caseId) => $"{DocumentIndex.Time(requestedAt)}{Separator}{caseId}";

    /// <summary>The position part of a key (after its policy).</summary>
    public static string PositionOf(string key) => key[(key.IndexOf(Separator) + 1)..];

    /// <summary>The first key of <paramref name="policyId"/> at or after <paramref name="from"/>.</summary>
    public static string From(string policyId, DateTimeOffset from) => $"{policyId}{Separator}{DocumentIndex.Time(from)}";

    /// <summary>The first key of <paramref name="policyId"/> at or after a position (a continuation).</summary>
    public static string FromPosition(string policyId, string position) => $"{policyId}{Separator}{position}";

    /// <summary>The last possible key of <paramref name="policyId"/> requested at or before <paramref name="to"/>.</summary>
    public static string To(string policyId, DateTimeOffset to) => $"{policyId}{Separator}{DocumentIndex.Time(to)}{Separator}{Highest}";
}
