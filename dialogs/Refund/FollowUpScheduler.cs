using Microsoft.Extensions.Logging;
using RefundBot.Dialogs.Cases;
using RefundBot.Dialogs.Handoff;
using RefundBot.Dialogs.Runtime;

namespace RefundBot.Dialogs.Refund;

/// <summary>
/// Comes back to customers whose troubleshooting window has ended: for each case waiting for support whose deadline
/// has passed, a follow-up event enters the conversation's queue like any turn (state loaded, committed with its ETag), so the
/// "is it working now?" question is asked by the conversation itself and goes out on the customer's channel.
/// Restart-safe: the deadline and whether the follow-up was sent are kept on the case.
/// </summary>
public sealed partial class FollowUpScheduler(CaseStore cases, HandoffQueue handoffs, ITurnEntrance turns, ILogger<FollowUpScheduler> logger)
{
    /// <summary>How many due follow-ups one round reads at most; the rest wait for the next round.</summary>
    public const int MaxPerRound = 200;

    /// <returns>How many follow-ups were sent.</returns>
    public async Task<int> RunDueAsync(DateTimeOffset now, Func<ConversationReference, IReplyDelivery> deliveryFor, CancellationToken cancellationToken)
    {
        var sent = 0;
        // Only the cases due are read, through the store's index, not every case ever recorded.
        foreach (var due in (await cases.FollowUpsDueAsync(now, MaxPerRound, cancellationToken)).Where(c => IsDue(c, now)))
        {
            var reference = due.Reference!;
            if (await handoffs.FindAsync(reference.ConversationKey, cancellationToken) is not null)
            {
                continue; // a person has the conversation; the follow-up waits until it is handed back
            }

            // One id per case: when several instances find the same case due, the conversation runs the follow-up once.
            var followUp = reference.Event(TroubleshootingDialog.FollowUpEvent, now);
            followUp.Id = $"follow-up/{due.Id}";
            await turns.RunAsync(followUp, deliveryFor(reference), cancellationToken);
            await cases.SaveAsync((await cases.FindAsync(due.Id, cancellationToken) ?? due) with { FollowUpSent = true }, cancellationToken);
            LogSent(logger, due.Id, reference.ChannelId);
            sent++;
        }

        return sent;
    }

    private static bool IsDue(RefundCase refundCase, DateTimeOffset now) => refundCase.FollowUpDueAt is { } due && due <= now;

    [LoggerMessage(Level = LogLevel.Information, Message = "Sent the troubleshooting follow-up of case {CaseId} on {ChannelId}")]
    private static partial void LogSent(ILogger logger, string caseId, string? channelId);
}
