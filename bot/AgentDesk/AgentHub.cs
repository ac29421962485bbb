using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.SignalR;
using RefundBot.Dialogs.Cases;
using RefundBot.Dialogs.Handoff;
using RefundBot.Dialogs.Refund;
using RefundBot.Dialogs.Runtime;

namespace RefundBot.Bot.AgentDesk;

/// <summary>
/// The agent desk's live connection (<c>/agent/hub</c>), for signed-in agents only. Every desk hears when the queue
/// changes; a desk that opens a conversation hears its new transcript lines. Actions answer with a
/// <see cref="DeskResult"/> name ("done", "claimedByAnother", ...).
/// </summary>
[Authorize(Policy = AgentDeskSetup.AgentPolicy)]
public sealed partial class AgentHub(
    AgentDeskViews views, HandoffDesk desk, FollowUpScheduler followUps, IReplyChannels channels, TimeProvider clock, FactVerifier verifier,
    Payments.RefundDesk refunds, DocumentChecker documents) : Hub
{
    public const string Path = "/agent/hub";
    public const string DeskGroup = "desk";
    private const string OpenKey = "open";

    public static string ConversationGroup(string conversationKey) => "conversation:" + conversationKey;

    public override async Task OnConnectedAsync()
    {
        await Groups.AddToGroupAsync(Context.ConnectionId, DeskGroup);
        await desk.AgentSeenAsync(Agent.Id, Context.ConnectionAborted);
    }

    /// <summary>The open desk says it is still there (every 30 s); an agent not heard from loses their conversations.</summary>
    public Task Heartbeat() => desk.AgentSeenAsync(Agent.Id, Context.ConnectionAborted);

    public Task<IReadOnlyList<QueueItem>> GetQueue() => views.QueueAsync(Context.ConnectionAborted);

    /// <summary>The transcript, case and decision of a conversation in the queue; its new lines follow live.</summary>
    public async Task<ConversationView?> Open(string conversationKey)
    {
        if (Context.Items.TryGetValue(OpenKey, out var previous) && previous is string open)
        {
            await Groups.RemoveFromGroupAsync(Context.ConnectionId, ConversationGroup(open));
            Context.Items.Remove(OpenKey);
        }

        var view = await views.ConversationAsync(conversationKey, Context.ConnectionAborted);
        if (view is not null)
        {
            Context.Items[OpenKey] = conversationKey;
            await Groups.AddToGroupAsync(Context.ConnectionId, ConversationGroup(conversationKey));
        }

        return view;
    }

    public async Task<string> Claim(string conversationKey) =>
        Name(await desk.ClaimAsync(conversationKey, Agent, Context.ConnectionAborted));

    public async Task<string> Send(string conversationKey, string text) =>
        Name(await desk.SendAsync(conversationKey, Agent, text ?? "", Context.ConnectionAborted));

    /// <summary>The decision form: outcome, amount and currency (for a partial refund), the customer's message and the internal note.</summary>
    public async Task<string> Decide(string conversationKey, AgentDecisionRequest? decision) =>
        decision is null
            ? Name(DeskResult.Invalid)
            : Name(await desk.DecideAsync(conversationKey, Agent, decision with
            {
                Outcome = decision.Outcome ?? "",
                CustomerMessage = decision.CustomerMessage ?? "",
                InternalNote = decision.InternalNote ?? "",
            }, Context.ConnectionAborted));

    public async Task<string> HandBack(string conversationKey, bool close) =>
        Name(await desk.HandBackAsync(conversationKey, Agent, close, Context.ConnectionAborted));

    /// <summary>The cases the support team has to solve before their deadline.</summary>
    public Task<IReadOnlyList<SupportTaskItem>> GetSupportTasks() => views.SupportTasksAsync(Context.ConnectionAborted);

    /// <summary>Support solved a task's problem: the bot asks the customer now whether it works, instead of at the deadline.</summary>
    public async Task<string> SupportSolved(string caseId) =>
        await followUps.AskNowAsync(caseId ?? "", Agent, clock.GetUtcNow(), channels.For, Context.ConnectionAborted) ? "done" : "notWaiting";

    public async Task<string> Release(string conversationKey) =>
        Name(await desk.ReleaseAsync(conversationKey, Agent, Context.ConnectionAborted));

    /// <summary>The cases whose provisional refund waits for the team to check its facts (the desk's verification list).</summary>
    public Task<IReadOnlyList<VerificationItem>> GetVerifications() => views.VerificationsAsync(Context.ConnectionAborted);

    /// <summary>A case of the verification list: its facts with their sources, those to check marked; null when it no longer waits.</summary>
    public Task<CaseView?> OpenVerification(string caseId) => views.VerificationCaseAsync(caseId ?? "", Context.ConnectionAborted);

    /// <summary>
    /// The agent checked a fact of a case against the business's records (<paramref name="value"/>: what they found, or
    /// null when it is as the customer said), recorded in a turn of the case's conversation, which tells the customer
    /// when it settles the case: "done", "invalid" (no such case or fact, a value the policy does not read), "caseFinal"
    /// or "notDone".
    /// </summary>
    public async Task<string> VerifyFact(string caseId, string factId, string? value) =>
        Name(await verifier.VerifyAsync(caseId ?? "", Agent, factId ?? "", string.IsNullOrWhiteSpace(value) ? null : value.Trim(), Context.ConnectionAborted));

    /// <summary>The refunds to approve, to carry out by hand, under way at the payment system, and failed (the desk's refund list).</summary>
    public Task<IReadOnlyList<Dialogs.Payments.RefundItem>> GetRefunds() => refunds.ListAsync(Context.ConnectionAborted);

    /// <summary>
    /// Approves the refund the bot decided (or asks again for one that failed): requested in a turn of the case's
    /// conversation, which tells the customer: "done", "notAllowed" (nothing to approve), "notDone".
    /// </summary>
    public Task<string> ApproveRefund(string caseId) => refunds.ApproveAsync(caseId ?? "", Agent, Context.ConnectionAborted);

    /// <summary>The agent carried the refund out themselves (manual connector, or after a failure): the case is refunded and the customer told.</summary>
    public Task<string> RefundDone(string caseId) => refunds.MarkDoneAsync(caseId ?? "", Agent, Context.ConnectionAborted);

    /// <summary>
    /// The agent accepted or rejected (with a reason, told to the customer) the file sent for a case's document fact,
    /// recorded in a turn of the case's conversation: "done", "invalid" (no file waiting for a check, or no reason),
    /// "caseFinal" or "notDone".
    /// </summary>
    public async Task<string> CheckDocument(string caseId, string factId, bool accepted, string? reason) =>
        Name(await documents.CheckAsync(caseId ?? "", Agent, factId ?? "", accepted, reason, Context.ConnectionAborted));

    private AgentIdentity Agent => AgentAccounts.IdentityOf(Context.User!);

    private static string Name(DeskResult result) => System.Text.Json.JsonNamingPolicy.CamelCase.ConvertName(result.ToString());
}
