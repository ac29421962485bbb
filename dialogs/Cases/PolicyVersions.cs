using System.Collections.Concurrent;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using RefundBot.Dialogs.Runtime;
using RefundBot.Dialogs.Runtime.Storage;
using RefundBot.Eligibility.Loading;
using RefundBot.Eligibility.Model;

namespace RefundBot.Dialogs.Cases;

/// <summary>
/// A published version of a policy as the store keeps it: the folder's files, by the hash they have. One published from
/// the business console names who published it (the admin's desk id and name); one the bot saved at start, from its
/// folder, names no one.
/// </summary>
public sealed record PublishedPolicyVersion(
    string PolicyId, string Hash, string? Label, DateTimeOffset PublishedAt, IReadOnlyDictionary<string, string> Files,
    string? PublishedBy = null, string? PublishedByName = null);

/// <summary>
/// Every version of every policy the bot has served, one document each (<c>policy-versions/{policy}/{hash}</c>): the
/// version served now is saved at start when the store does not have it yet (<see cref="PublishAsync"/>), so a case
/// decided under it can be explained under it, with its own rules and texts, after the policy changes
/// (<see cref="FindAsync"/>). A version is never changed once saved: its hash is its content.
/// </summary>
public sealed partial class PolicyVersions(IDocumentStore store, PolicyCatalog catalog, TimeProvider clock, ILogger<PolicyVersions> logger)
{
    public const string Prefix = "policy-versions/";

    /// <summary>Versions loaded from the store, by key; few (a policy changes now and then), dropped all at once past this.</summary>
    private const int MaxCached = 64;

    private readonly ConcurrentDictionary<string, Policy> _loaded = new(StringComparer.Ordinal);

    public static string Key(string policyId, string hash) => $"{Prefix}{policyId}/{hash}";

    /// <summary>Saves the version of each policy served, unless the store has it (another instance, an earlier start); returns how many were new.</summary>
    public async Task<int> PublishAsync(CancellationToken cancellationToken = default)
    {
        var published = 0;
        foreach (var policy in catalog.All.Where(p => p.Source is not null))
        {
            var key = Key(policy.Id, policy.Version.Hash);
            if (await store.ReadAsync(key, cancellationToken) is not null)
            {
                continue;
            }

            var version = new PublishedPolicyVersion(policy.Id, policy.Version.Hash, policy.VersionLabel, clock.GetUtcNow(), policy.Source!.Files);
            try
            {
                await store.WriteAsync(key, JsonSerializer.Serialize(version, ActivityJson.Options), null, cancellationToken);
                LogPublished(logger, policy.Id, policy.Version.Short);
                published++;
            }
            catch (ETagConflictException)
            {
                // Another instance saved the same version meanwhile: same hash, same files.
            }
        }

        return published;
    }

    /// <summary>The stored version <paramref name="hash"/> of <paramref name="policyId"/>, without its files' content; null when unknown.</summary>
    public async Task<PublishedPolicyVersion?> ReadAsync(string policyId, string hash, CancellationToken cancellationToken = default) =>
        await store.ReadAsync(Key(policyId, hash), cancellationToken) is { } document
            ? JsonSerializer.Deserialize<PublishedPolicyVersion>(document.Json, ActivityJson.Options)
            : null;

    /// <summary>
    /// The policy as it was at version <paramref name="hash"/>: the one served now when it is that version, else the
    /// stored version's files loaded again. Null when the store does not have it, or it no longer loads (the loader
    /// refuses it: a problem is logged) or its files do not have its hash.
    /// </summary>
    public async Task<Policy?> FindAsync(string policyId, string hash, CancellationToken cancellationToken = default)
    {
        if (catalog.Find(policyId) is { } current && current.Version.Hash == hash)
        {
            return current;
        }

        var key = Key(policyId, hash);
        if (_loaded.TryGetValue(key, out var loaded))
        {
            return loaded;
        }

        if (await ReadAsync(policyId, hash, cancellationToken) is not { } version)
        {
            return null;
        }

        var folder = PolicyFolder.FromFiles(policyId, version.Files);
        var problems = new List<PolicyProblem>();
        if (folder.Hash != hash || PolicyLoader.Load(folder, problems) is not { } policy)
        {
            LogUnreadable(logger, policyId, hash.Length > 12 ? hash[..12] : hash, problems.Count);
            return null;
        }

        if (_loaded.Count >= MaxCached)
        {
            _loaded.Clear();
        }

        return _loaded.GetOrAdd(key, policy);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Policy {PolicyId} version {Version} published to the store")]
    private static partial void LogPublished(ILogger logger, string policyId, string version);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Policy {PolicyId} version {Version} from the store cannot be read again ({Problems} problems)")]
    private static partial void LogUnreadable(ILogger logger, string policyId, string version, int problems);
}
