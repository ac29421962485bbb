using RefundBot.Dialogs.Cases;
using RefundBot.Dialogs.Handoff;
using RefundBot.Dialogs.Payments;
using RefundBot.Dialogs.Runtime;

namespace RefundBot.Bot.Payments;

/// <summary>
/// The desk's refunds: those the bot decided and an agent is to approve (one action requests them), those an agent is
/// to carry out by hand (the manual connector) and mark done, those the payment system works on, and those that
/// failed. Each action is a turn of the case's conversation (<see cref="PaymentEvents"/>), so the case's move and the
/// customer's message are one commit; the desk then reads the case back.
/// </summary>
public sealed class RefundDesk(CaseStore cases, ITurnEntrance turns, IReplyChannels channels, TimeProvider clock)
{
    private const int Limit = 100;

    public async Task<IReadOnlyList<RefundItem>> ListAsync(CancellationToken cancellationToken)
    {
        var items = new List<RefundItem>();
        foreach (var status in DeskRefunds.Listed)
        {
            items.AddRange((await cases.WithStatusAsync(status, Limit, cancellationToken)).Select(DeskRefunds.Item).OfType<RefundItem>());
        }

        return items;
    }

    public Task<string> ApproveAsync(string caseId, AgentIdentity agent, CancellationToken cancellationToken) =>
        ActAsync(caseId, c => DeskRefunds.Approvable(c) is not null, PaymentEvents.Approve, new RefundApproval(caseId, agent.Id, agent.DisplayName),
            DeskRefunds.IsRequested, cancellationToken);

    public Task<string> MarkDoneAsync(string caseId, AgentIdentity agent, CancellationToken cancellationToken) =>
        ActAsync(caseId, c => DeskRefunds.ToCarryOut(c) is not null, PaymentEvents.Done, new RefundDone(caseId, agent.Id, agent.DisplayName),
            DeskRefunds.IsRefunded, cancellationToken);

    private async Task<string> ActAsync(
        string caseId, Func<RefundCase, bool> allowed, string eventName, object value, Func<RefundCase, bool> done, CancellationToken cancellationToken)
    {
        if (await cases.FindAsync(caseId, cancellationToken) is not { Reference: { } reference } refundCase || !allowed(refundCase))
        {
            return "notAllowed";
        }

        if (!await turns.RunAsync(reference.Event(eventName, clock.GetUtcNow(), value), channels.For(reference), cancellationToken))
        {
            return "notDone";
        }

        return await cases.FindAsync(caseId, cancellationToken) is { } after && done(after) ? "done" : "notDone";
    }
}
