using RefundBot.Dialogs.Cases;

namespace RefundBot.Dialogs.Handoff;

/// <summary>
/// Told when a conversation is handed to a person, or a case is given to support to solve, so the support team hears of it where it works (a Teams support
/// channel). Implementations log and swallow their own failures: a notification that cannot be sent never costs the
/// customer their conversation.
/// </summary>
public interface IEscalationNotifier
{
    /// <param name="refundCase">The conversation's case, when there is one.</param>
    Task NotifyAsync(HandoffTicket ticket, RefundCase? refundCase, CancellationToken cancellationToken);

    /// <summary>A case is the support team's to solve before its deadline (<see cref="RefundCase.WaitingUntil"/>).</summary>
    Task NotifySupportTaskAsync(RefundCase refundCase, CancellationToken cancellationToken);
}

/// <summary>Used when no support channel is configured: escalations wait in the agent queue.</summary>
internal sealed class NoEscalationNotifier : IEscalationNotifier
{
    public Task NotifyAsync(HandoffTicket ticket, RefundCase? refundCase, CancellationToken cancellationToken) => Task.CompletedTask;

    public Task NotifySupportTaskAsync(RefundCase refundCase, CancellationToken cancellationToken) => Task.CompletedTask;
}
