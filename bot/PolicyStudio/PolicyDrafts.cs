using System.Text.Json;
using RefundBot.Dialogs.Runtime;
using RefundBot.Dialogs.Runtime.Storage;

namespace RefundBot.Bot.PolicyStudio;

/// <summary>
/// The drafts in the configured store (LiteDB, or PostgreSQL for several instances), one document per policy, written
/// with the ETag read: two admins saving over each other is a conflict, never a silent loss.
/// </summary>
public sealed class PolicyDrafts(IDocumentStore store)
{
    public const string Prefix = "policy-drafts/";

    public static string Key(string policyId) => Prefix + policyId;

    public async Task<(PolicyDraft Draft, string ETag)?> ReadAsync(string policyId, CancellationToken cancellationToken = default) =>
        await store.ReadAsync(Key(policyId), cancellationToken) is { } document
            ? (JsonSerializer.Deserialize<PolicyDraft>(document.Json, ActivityJson.Options)!, document.ETag)
            : null;

    /// <summary>Saves the draft over the version <paramref name="etag"/> (null: there must be none yet); returns the new ETag.</summary>
    public Task<string> SaveAsync(PolicyDraft draft, string? etag, CancellationToken cancellationToken = default) =>
        store.WriteAsync(Key(draft.PolicyId), JsonSerializer.Serialize(draft, ActivityJson.Options), etag, cancellationToken);

    public Task DiscardAsync(string policyId, string etag, CancellationToken cancellationToken = default) =>
        store.DeleteAsync(Key(policyId), etag, cancellationToken);
}
