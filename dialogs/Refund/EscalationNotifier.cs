namespace RefundBot.Dialogs.Refund;

/// <summary>
/// Told when a case needs a person (a human-review decision), so the support team hears of it where it works
/// (a Teams support channel). Implementations log and swallow their own failures: a notification that cannot be
/// sent never costs the customer their conversation.
/// </summary>
public interface IEscalationNotifier
{
    Task NotifyAsync(RefundCase refundCase, CancellationToken cancellationToken);
}

/// <summary>Used when no support channel is configured: escalated cases wait in the case store.</summary>
public sealed class NoEscalationNotifier : IEscalationNotifier
{
    public Task NotifyAsync(RefundCase refundCase, CancellationToken cancellationToken) => Task.CompletedTask;
}
