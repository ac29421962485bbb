using System.Text.Json;
using Microsoft.Extensions.Options;
using RefundBot.Dialogs.Cases;
using RefundBot.Dialogs.Handoff;
using RefundBot.Dialogs.Refund;
using RefundBot.Dialogs.Runtime;
using RefundBot.Dialogs.Runtime.Storage;

namespace RefundBot.Bot.Channels.DirectLine;

/// <summary>
/// Removes Direct Line conversations idle for <see cref="DirectLineOptions.IdleConversationLifetime"/> (run by the
/// retention job): nothing else ever deleted one, so a client that asks for tokens in a loop filled the store. A
/// conversation a person has (handed off, or waiting for one) or whose case waits on its follow-up is kept, since the
/// bot will still write to it; so is one an e-mail's resume link may still open. Only Direct Line's record and activity log go; the bot's state and the cases stay, for
/// the transcript retention to deal with.
/// </summary>
public sealed partial class DirectLineIdleConversations(
    DirectLineConversations conversations, IDocumentStore store, CaseStore cases, HandoffQueue handoffs,
    IOptions<DirectLineOptions> options, IOptions<Notifications.EmailOptions> email, ILogger<DirectLineIdleConversations> logger)
{
    /// <returns>How many conversations were removed.</returns>
    public async Task<int> RemoveAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        var lifetime = options.Value.IdleConversationLifetime;
        if (lifetime <= TimeSpan.Zero)
        {
            return 0;
        }

        var idle = (await conversations.ListWithLastActivityAsync(cancellationToken)).Where(c => c.LastActive < now - lifetime).ToList();
        if (idle.Count == 0)
        {
            return 0;
        }

        var removed = 0;
        foreach (var (id, lastActive) in idle)
        {
            var key = $"directline/conversations/{id}";
            if (await IsAwaitingFollowUpAsync(key, cancellationToken) || await IsWithAPersonAsync(key, cancellationToken)
                || await MayBeResumedAsync(key, lastActive, now, cancellationToken))
            {
                continue;
            }

            await conversations.RemoveAsync(id, cancellationToken);
            removed++;
        }

        LogRemoved(logger, removed, idle.Count - removed);
        return removed;
    }

    /// <summary>Whether a case of the conversation still waits on its follow-up: the conversation's cases, through the store's index.</summary>
    private async Task<bool> IsAwaitingFollowUpAsync(string conversationKey, CancellationToken cancellationToken) =>
        (await cases.ForConversationAsync(conversationKey, cancellationToken)).Any(c => c.FollowUpDueAt is not null);

    /// <summary>
    /// Whether an e-mail's resume link may still open the conversation: a case of it has the customer's address, and
    /// the conversation was active within <see cref="Notifications.EmailOptions.ResumeLinkLifetime"/> (each e-mail is
    /// sent by a turn that also writes to the conversation, so its link is never older than the last activity).
    /// </summary>
    private async Task<bool> MayBeResumedAsync(string conversationKey, DateTimeOffset lastActive, DateTimeOffset now, CancellationToken cancellationToken) =>
        email.Value.Enabled && lastActive >= now - email.Value.ResumeLinkLifetime
        && (await cases.ForConversationAsync(conversationKey, cancellationToken)).Any(c => !string.IsNullOrEmpty(c.ContactEmail));

    private async Task<bool> IsWithAPersonAsync(string conversationKey, CancellationToken cancellationToken) =>
        await handoffs.FindAsync(conversationKey, cancellationToken) is not null
        || (await store.ReadAsync(conversationKey, cancellationToken) is { } document
            && JsonSerializer.Deserialize<ConversationState>(document.Json, ActivityJson.Options)?.Handoff is not null);

    [LoggerMessage(Level = LogLevel.Information, Message = "Idle Direct Line conversations: {Removed} removed, {Kept} kept (a person or a follow-up still needs them)")]
    private static partial void LogRemoved(ILogger logger, int removed, int kept);
}
