namespace RefundBot.Bot.PolicyStudio;

/// <summary>
/// Which version of a policy every instance serves, once one was published from the business console
/// (<c>policy-live/{policy}</c>): its hash and label, who published it and when, and the hash of the folder the
/// instances started from then (<see cref="FolderHash"/>): an instance started from another folder (a deployment that
/// changed it since) serves its folder, not this.
/// </summary>
public sealed record LivePolicy(
    string PolicyId, string Hash, string? Label, string FolderHash, string PublishedBy, string PublishedByName, DateTimeOffset PublishedAt);
