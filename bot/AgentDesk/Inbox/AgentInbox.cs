using RefundBot.Dialogs.Cases;
using RefundBot.Dialogs.Handoff;
using RefundBot.Dialogs.Runtime.Transcripts;
using RefundBot.Eligibility.Loading;

namespace RefundBot.Bot.AgentDesk.Inbox;

/// <summary>
/// The desk's inbox: the queue's conversations (all of them, those nobody has claimed, the agent's own) and those that
/// left it in the last <see cref="RecentlyClosed"/>, as cards, searched and filtered on the server (an e-mail address is
/// matched here, never sent to the page). Reads the queue, the closed records (through their index by time), each
/// card's case and transcript.
/// </summary>
public sealed class AgentInbox(
    HandoffQueue queue, ClosedHandoffs closedHandoffs, CaseStore cases, TranscriptLog transcripts, PolicyCatalog policies, TimeProvider clock)
{
    /// <summary>How far back "recently closed" goes, and how many closed conversations it lists at most.</summary>
    public static readonly TimeSpan RecentlyClosed = TimeSpan.FromDays(7);

    public const int MaxClosed = 200;

    /// <summary>A card's last line is cut to this many characters.</summary>
    public const int LastMessageLength = 160;

    public async Task<IReadOnlyList<InboxCard>> ListAsync(InboxQuery query, string agentId, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var entries = query.View == InboxViews.Closed
            ? (await closedHandoffs.SinceAsync(now - RecentlyClosed, MaxClosed, cancellationToken)).Select(c => (c.Ticket, Closed: (ClosedHandoff?)c))
            : (await queue.ListAsync(cancellationToken)).Where(t => InView(t, query.View, agentId)).Select(t => (Ticket: t, Closed: (ClosedHandoff?)null));
        var cards = new List<InboxCard>();
        foreach (var (ticket, closed) in entries.Where(e => Filtered(e.Ticket, query, now)))
        {
            var refundCase = ticket.CaseId is null ? null : await cases.FindAsync(ticket.CaseId, cancellationToken);
            var transcript = await transcripts.ReadAsync(ticket.ConversationKey, cancellationToken);
            if (Matches(query.Search, ticket, refundCase, transcript))
            {
                cards.Add(Card(ticket, closed, refundCase, transcript, now));
            }
        }

        return cards;
    }

    /// <summary>The canned replies of the conversation's policy in the customer's language (none without a policy).</summary>
    public async Task<IReadOnlyList<CannedReplyView>> CannedRepliesAsync(string conversationKey, CancellationToken cancellationToken) =>
        await queue.FindAsync(conversationKey, cancellationToken) is { PolicyId: { } policyId } ticket && policies.Find(policyId) is { } policy
            ? policy.CannedReplies.Select(r => new CannedReplyView(r.Id, r.Title.In(ticket.Language), r.Text.In(ticket.Language), ticket.Language)).ToList()
            : [];

    private static bool InView(HandoffTicket ticket, string? view, string agentId) => view switch
    {
        InboxViews.Unassigned => ticket.Status == "waiting",
        InboxViews.Mine => ticket.IsClaimedBy(agentId),
        _ => true,
    };

    private static bool Filtered(HandoffTicket ticket, InboxQuery query, DateTimeOffset now) =>
        Is(query.PolicyId, ticket.PolicyId) && Is(query.Language, ticket.Language) && Is(query.Channel, ticket.Reference.ChannelId)
        && Is(query.Reason, ticket.Reason)
        && (query.MinWaitMinutes is not > 0 || (ticket.Status == "waiting" && now - ticket.WaitingSince >= TimeSpan.FromMinutes(query.MinWaitMinutes.Value)));

    private static bool Is(string? wanted, string? value) => string.IsNullOrEmpty(wanted) || string.Equals(wanted, value, StringComparison.OrdinalIgnoreCase);

    /// <summary>
    /// A case id, an order id or an e-mail address matches as a whole (case and surrounding spaces ignored); anything
    /// else matches words of the transcript, the notes or the unanswered question.
    /// </summary>
    private static bool Matches(string? search, HandoffTicket ticket, RefundCase? refundCase, IReadOnlyList<TranscriptEntry> transcript)
    {
        if (string.IsNullOrWhiteSpace(search))
        {
            return true;
        }

        var term = search.Trim();
        bool Whole(string? value) => value is not null && string.Equals(value, term, StringComparison.OrdinalIgnoreCase);
        bool Within(string? text) => text?.Contains(term, StringComparison.OrdinalIgnoreCase) == true;
        return Whole(ticket.CaseId) || Whole(refundCase?.OrderId) || Whole(refundCase?.ContactEmail)
            || (!term.Contains('@') && (transcript.Any(l => Within(l.Text)) || ticket.Notes.Any(n => Within(n.Text)) || Within(ticket.Question)));
    }

    private InboxCard Card(HandoffTicket ticket, ClosedHandoff? closed, RefundCase? refundCase, IReadOnlyList<TranscriptEntry> transcript, DateTimeOffset now)
    {
        var policy = ticket.PolicyId is null ? null : policies.Find(ticket.PolicyId);
        var target = policy?.Desk?.TargetWaitMinutes;
        var last = transcript.Count > 0 ? transcript[^1] : null;
        var pastTarget = closed is null && ticket.Status == "waiting" && target is { } minutes && now - ticket.WaitingSince > TimeSpan.FromMinutes(minutes);
        return new InboxCard(
            closed?.Key ?? ticket.ConversationKey, ticket.ConversationKey, closed is null ? ticket.Status : InboxViews.Closed,
            ticket.Reference.ChannelId ?? "", ticket.Reason, ticket.Language, ticket.PolicyId, policy?.Business, ticket.CaseId, refundCase?.OrderId,
            last is null ? null : Cut(last.Text), last?.Role, last?.At, ticket.WaitingSince, target, pastTarget, ticket.AgentId, ticket.AgentName,
            ticket.Notes.Count, closed?.ClosedAt, closed?.Kind, closed?.ClosedByName);
    }

    private static string Cut(string text) => text.Length <= LastMessageLength ? text : text[..(LastMessageLength - 1)] + "…";
}
