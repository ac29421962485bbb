namespace RefundBot.Eligibility.Model;

/// <summary>
/// A version of a policy: the SHA-256 of its folder's text files (<see cref="Loading.PolicyFolder.Hash"/>), the same
/// on every machine and whatever the files' line endings, and the optional label its <c>policy.yaml</c> gives it.
/// </summary>
public sealed record PolicyVersion(string Hash, string? Label = null)
{
    /// <summary>The first 12 hex digits of the hash, as people quote it ("3f9c0a1b2d4e").</summary>
    public string Short => Hash.Length > 12 ? Hash[..12] : Hash;

    public override string ToString() => Label is null ? Short : $"{Short} ({Label})";
}
