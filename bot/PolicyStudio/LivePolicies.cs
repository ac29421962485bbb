using System.Text.Json;
using RefundBot.Dialogs.Cases;
using RefundBot.Dialogs.Runtime;
using RefundBot.Dialogs.Runtime.Storage;
using RefundBot.Eligibility.Loading;
using RefundBot.Eligibility.Model;

namespace RefundBot.Bot.PolicyStudio;

/// <summary>
/// Publishing a draft and serving what was published, on every instance. Publishing saves the new version with the
/// published ones (<c>policy-versions/{policy}/{hash}</c>, who and when beside its files) and points
/// <c>policy-live/{policy}</c> at it, in one atomic commit; each instance reads the pointers at start and every few
/// seconds after (<see cref="LivePolicyWatcher"/>) and serves the version named, in place of its folder's
/// (<see cref="PolicyCatalog.Replace"/>). Older versions stay in the store, so a case decided under one is explained
/// under it. The folder in <c>policy-content/</c> still wins after a deployment that changes it: the pointer names the
/// folder version it was published over, and an instance started from another folder keeps its own.
/// </summary>
public sealed partial class LivePolicies(IDocumentStore store, PolicyCatalog catalog, PolicyVersions versions, TimeProvider clock, ILogger<LivePolicies> logger)
{
    public const string Prefix = "policy-live/";

    /// <summary>The version of each policy this instance's folder holds (what it served at start).</summary>
    private readonly Dictionary<string, string> _folders = catalog.All.ToDictionary(p => p.Id, p => p.Version.Hash, StringComparer.Ordinal);

    private readonly HashSet<string> _overridden = new(StringComparer.Ordinal);

    public static string Key(string policyId) => Prefix + policyId;

    public async Task<(LivePolicy Live, string ETag)?> ReadAsync(string policyId, CancellationToken cancellationToken = default) =>
        await store.ReadAsync(Key(policyId), cancellationToken) is { } document
            ? (JsonSerializer.Deserialize<LivePolicy>(document.Json, ActivityJson.Options)!, document.ETag)
            : null;

    /// <summary>
    /// Publishes <paramref name="draft"/> (a policy that loads) and serves it here at once; the draft document is
    /// removed in the same commit. A conflict (another publish, another save of the draft meanwhile) throws
    /// <see cref="ETagConflictException"/> and nothing is written.
    /// </summary>
    public async Task<LivePolicy> PublishAsync(Policy draft, string draftETag, string who, string whoName, CancellationToken cancellationToken = default)
    {
        var now = clock.GetUtcNow();
        var live = new LivePolicy(draft.Id, draft.Version.Hash, draft.VersionLabel, _folders[draft.Id], who, whoName, now);
        var pointer = await store.ReadAsync(Key(draft.Id), cancellationToken);
        var writes = new List<DocumentWrite>
        {
            DocumentWrite.Put(Key(draft.Id), JsonSerializer.Serialize(live, ActivityJson.Options), pointer?.ETag),
            DocumentWrite.Delete(PolicyDrafts.Key(draft.Id), draftETag),
        };
        var versionKey = PolicyVersions.Key(draft.Id, draft.Version.Hash);
        if (await store.ReadAsync(versionKey, cancellationToken) is null)
        {
            var version = new PublishedPolicyVersion(draft.Id, draft.Version.Hash, draft.VersionLabel, now, draft.Source!.Files, who, whoName);
            writes.Add(DocumentWrite.Put(versionKey, JsonSerializer.Serialize(version, ActivityJson.Options), null));
        }

        await store.CommitAsync(writes, cancellationToken);
        Serve(draft);
        return live;
    }

    /// <summary>Serves, for each policy, the version last published, when this instance started from the folder it was published over.</summary>
    public async Task ApplyAsync(CancellationToken cancellationToken = default)
    {
        foreach (var (policyId, folderHash) in _folders)
        {
            if (await ReadAsync(policyId, cancellationToken) is not ({ } live, _) || catalog.Find(policyId)?.Version.Hash == live.Hash)
            {
                continue;
            }

            if (live.FolderHash != folderHash)
            {
                if (_overridden.Add(policyId + "/" + live.Hash))
                {
                    LogFolderWins(logger, policyId, Short(live.Hash), Short(live.FolderHash), Short(folderHash));
                }

                continue;
            }

            if (await versions.FindAsync(policyId, live.Hash, cancellationToken) is { } policy)
            {
                Serve(policy);
            }
        }
    }

    private void Serve(Policy policy)
    {
        if (catalog.Replace(policy))
        {
            LogServing(logger, policy.Id, policy.Version.Short);
        }
    }

    private static string Short(string hash) => hash.Length > 12 ? hash[..12] : hash;

    [LoggerMessage(Level = LogLevel.Information, Message = "Policy {PolicyId} now served at version {Version}, published from the business console")]
    private static partial void LogServing(ILogger logger, string policyId, string version);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Policy {PolicyId}: version {Version} was published over folder version {PublishedOver}, not this instance's {Folder}; the folder is served")]
    private static partial void LogFolderWins(ILogger logger, string policyId, string version, string publishedOver, string folder);
}
