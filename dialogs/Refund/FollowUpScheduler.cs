using System.Text.Json;
using Microsoft.Extensions.Logging;
using RefundBot.Dialogs.Cases;
using RefundBot.Dialogs.Handoff;
using RefundBot.Dialogs.Runtime;

namespace RefundBot.Dialogs.Refund;

/// <summary>
/// Comes back to customers whose troubleshooting window has ended: for each case waiting for support whose deadline
/// has passed, a follow-up event enters the conversation's queue like any turn (state loaded, committed with its ETag), so the
/// "is it working now?" question is asked by the conversation itself and goes out on the customer's channel.
/// Restart-safe: the deadline and whether the follow-up was sent are kept on the case, and "sent" is recorded by the
/// follow-up turn itself (<see cref="MarkSentAsync"/>), so it is committed only if that turn commits.
/// </summary>
public sealed partial class FollowUpScheduler(CaseStore cases, HandoffQueue handoffs, ITurnEntrance turns, ILogger<FollowUpScheduler> logger)
{
    /// <summary>How many due follow-ups one read of the index returns; a round reads page after page until none is left.</summary>
    public const int MaxPerRound = 200;

    /// <returns>How many follow-ups were sent (their turn committed).</returns>
    public async Task<int> RunDueAsync(DateTimeOffset now, Func<ConversationReference, IReplyDelivery> deliveryFor, CancellationToken cancellationToken)
    {
        var sent = 0;
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var from = DateTimeOffset.MinValue;
        while (true)
        {
            // Only the cases due are read, through the store's index, not every case ever recorded. Cases skipped (a
            // person has the conversation) stay due, so the next page starts at the last due time seen, not at the start.
            var page = await cases.FollowUpsDueAsync(from, now, MaxPerRound, cancellationToken);
            var fresh = page.Where(c => seen.Add(c.Id)).ToList();
            foreach (var due in fresh.Where(c => IsDue(c, now)))
            {
                switch (await SendAsync(due, now, deliveryFor, cancellationToken))
                {
                    case null:
                        return sent; // shutting down: the rest wait for the next round
                    case true:
                        sent++;
                        break;
                }
            }

            if (page.Count < MaxPerRound)
            {
                return sent;
            }

            // A full page of one due time already seen would be read again: step past that instant.
            var last = page[^1].FollowUpDueAt ?? now;
            from = fresh.Count > 0 ? last : last.AddTicks(1);
        }
    }

    /// <summary>
    /// In the follow-up turn, before the dialog asks its question: marks the case's follow-up sent through the turn's
    /// unit of work, on the case as this turn sees it, so a failed or lost turn leaves it due and the customer's own
    /// changes to the case are kept.
    /// </summary>
    public static async Task MarkSentAsync(CaseStore cases, TurnContext turn, CancellationToken cancellationToken)
    {
        if (CaseIdOf(turn.Activity) is { } caseId && await cases.FindAsync(turn, caseId, cancellationToken) is { FollowUpSent: false } refundCase)
        {
            var sent = refundCase with { FollowUpSent = true };
            cases.Save(turn, SolvedBy(turn.Activity) is { } agent ? sent.Note(CaseActor.Agent(agent.Id, agent.DisplayName), turn.Now, "support reported the problem solved") : sent);
        }
    }

    /// <summary>
    /// An agent reports that support solved the problem before the deadline: the follow-up is asked now instead, in a turn
    /// of the conversation like the scheduled one (and with its id, so the conversation asks it once either way).
    /// </summary>
    /// <returns>False when the case is not waiting for support (any more), or a person has the conversation.</returns>
    public async Task<bool> AskNowAsync(string caseId, AgentIdentity agent, DateTimeOffset now, Func<ConversationReference, IReplyDelivery> deliveryFor, CancellationToken cancellationToken)
    {
        if (await cases.FindAsync(caseId, cancellationToken) is not { Status: CaseStatus.WaitingForSupport, FollowUpSent: false, WaitingUntil: not null, Reference: not null } waiting)
        {
            return false;
        }

        return await SendAsync(waiting, now, deliveryFor, cancellationToken, agent) == true;
    }

    /// <summary>The agent who reported the problem solved, on a follow-up asked early; null on a scheduled one.</summary>
    internal static AgentIdentity? SolvedBy(Activity activity) =>
        activity.Value is { ValueKind: JsonValueKind.Object } value && value.TryGetProperty("solvedBy", out var agent) && agent.ValueKind == JsonValueKind.Object
            ? agent.Deserialize<AgentIdentity>(ActivityJson.Options)
            : null;

    /// <returns>True when the follow-up turn committed, false when it ran without committing, null when it did not run.</returns>
    private async Task<bool?> SendAsync(
        RefundCase due, DateTimeOffset now, Func<ConversationReference, IReplyDelivery> deliveryFor, CancellationToken cancellationToken, AgentIdentity? solvedBy = null)
    {
        var reference = due.Reference!;
        if (await handoffs.FindAsync(reference.ConversationKey, cancellationToken) is not null)
        {
            return false; // a person has the conversation; the follow-up waits until it is handed back
        }

        // One id per case (and document): when several instances find the same case due, the conversation runs it once.
        var document = solvedBy is null && due.AwaitedDocument is { } awaited && due.FollowUpDueAt == awaited.ClosesAt;
        var followUp = reference.Event(document ? DocumentDeadline.Event : TroubleshootingDialog.FollowUpEvent, now, new FollowUpValue(due.Id, solvedBy));
        followUp.Id = document ? DocumentDeadline.ActivityId(due) : $"follow-up/{due.Id}";
        if (!await turns.RunAsync(followUp, deliveryFor(reference), cancellationToken))
        {
            return null;
        }

        // Its own turn ends what was due (the follow-up marked sent, the document no longer awaited), or nothing committed.
        if ((await cases.FindAsync(due.Id, cancellationToken)) is not { } after || after.FollowUpDueAt == due.FollowUpDueAt)
        {
            LogNotSent(logger, due.Id);
            return false;
        }

        LogSent(logger, due.Id, reference.ChannelId);
        return true;
    }

    private static string? CaseIdOf(Activity activity) =>
        activity.Value is { ValueKind: JsonValueKind.Object } value && value.TryGetProperty("caseId", out var id) && id.ValueKind == JsonValueKind.String
            ? id.GetString()
            : null;

    private static bool IsDue(RefundCase refundCase, DateTimeOffset now) => refundCase.FollowUpDueAt is { } due && due <= now;

    /// <summary>The follow-up event's value: which case it is for, and the agent who reported it solved, if one did.</summary>
    private sealed record FollowUpValue(string CaseId, AgentIdentity? SolvedBy);

    [LoggerMessage(Level = LogLevel.Information, Message = "Sent the follow-up of case {CaseId} on {ChannelId}")]
    private static partial void LogSent(ILogger logger, string caseId, string? channelId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The follow-up turn of case {CaseId} did not commit; the follow-up stays due")]
    private static partial void LogNotSent(ILogger logger, string caseId);
}
