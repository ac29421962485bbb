using RefundBot.Eligibility.Loading;

namespace RefundBot.Bot.PolicyStudio;

/// <summary>
/// A business's draft of its policy folder, kept in the store (<c>policy-drafts/{policy}</c>) so every instance sees
/// it: the folder's text files as edited, the published version it was started from (<see cref="BaseHash"/>), and who
/// saved it last. One draft per policy; publishing it removes it.
/// </summary>
public sealed record PolicyDraft(
    string PolicyId, string BaseHash, IReadOnlyDictionary<string, string> Files, DateTimeOffset UpdatedAt, string UpdatedBy)
{
    /// <summary>The draft as a policy folder, named for its policy as the command line's folders are.</summary>
    public PolicyFolder Folder() => PolicyFolder.FromFiles(PolicyId, Files);
}
