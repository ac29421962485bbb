namespace RefundBot.Dialogs.Runtime.Storage;

/// <summary>
/// Every secondary index the bot's stores keep, declared once. Each answers one question the product asks often
/// enough that reading every document to answer it would grow with the store (cases are kept for ever).
/// </summary>
public static class DocumentIndexes
{
    /// <summary>Refund cases by the conversation they were recorded from (erasing a conversation).</summary>
    public static readonly DocumentIndex CasesByConversation = new("cases-by-conversation", "cases/", "conversationKey");

    /// <summary>Refund cases by order id.</summary>
    public static readonly DocumentIndex CasesByOrder = new("cases-by-order", "cases/", "orderId");

    /// <summary>
    /// Refund cases by status: the desk's list of cases waiting for verification. Every case has always carried its
    /// status, so the cases saved before this index existed need no upgrade (<see cref="Dialogs.IndexedPropertiesUpgrade"/>
    /// derives only properties a document lacks): each store indexes the documents it holds when its set of indexes
    /// changes (LiteDB on opening the file, Postgres in its migration).
    /// </summary>
    public static readonly DocumentIndex CasesByStatus = new("cases-by-status", "cases/", "status");

    /// <summary>
    /// Refund cases by policy, then request instant, then id ("{policy}|{UTC instant}|{id}"): a business's cases in a
    /// stable order, paged by range (the cases API). Cases saved before they carried it get it from the one-time upgrade.
    /// </summary>
    public static readonly DocumentIndex CasesByPolicyAndRequest = new("cases-by-policy-and-request", "cases/", "listingKey");

    /// <summary>
    /// Refund cases by when they were recorded: the business console's list and insights over a period. Every case has
    /// always carried <c>createdAt</c>, so older cases are indexed by each store when its set of indexes changes.
    /// </summary>
    public static readonly DocumentIndex CasesByCreationTime = new("cases-by-creation-time", "cases/", "createdAt", IndexedAs.Time);

    /// <summary>Cases whose troubleshooting follow-up is still to be sent, by when it falls due.</summary>
    public static readonly DocumentIndex FollowUpsByDueTime = new("follow-ups-by-due-time", "cases/", "followUpDueAt", IndexedAs.Time);

    /// <summary>Hand-off tickets waiting for an agent, by when they were queued (the queue's order).</summary>
    public static readonly DocumentIndex WaitingTicketsByQueueTime = new("waiting-tickets-by-queue-time", "handoffs/", "queuedAt", IndexedAs.Time);

    /// <summary>Claimed hand-off tickets by the agent who holds them (the desk's heartbeat).</summary>
    public static readonly DocumentIndex TicketsByAgent = new("tickets-by-agent", "handoffs/", "agentId");

    /// <summary>
    /// Conversations that left the agent queue, by when (the desk's "recently closed"). The property is on the record
    /// itself (written by the hand-off's closing turn); records are new with this index, so none needs an upgrade.
    /// </summary>
    public static readonly DocumentIndex ClosedHandoffsByTime = new("closed-handoffs-by-time", "closed-handoffs/", "closedAt", IndexedAs.Time);

    /// <summary>Conversation states by the time of the oldest line they keep (transcript retention).</summary>
    public static readonly DocumentIndex ConversationsByOldestLine = new("conversations-by-oldest-line", "", "retainedSince", IndexedAs.Time);

    /// <summary>
    /// Archived transcript lines by the time of their last line, which their key ends with (UTC ticks, 19 digits):
    /// transcript retention. Archives are JSON arrays, so the key is what is indexed.
    /// </summary>
    public static readonly DocumentIndex ArchivesByLastLine = new("archives-by-last-line", "transcripts/", DocumentIndex.KeyTail);

    /// <summary>Direct Line activities by "{conversation id}|{sequence}", their id: a conversation's log in order.</summary>
    public static readonly DocumentIndex DirectLineActivities = new("directline-activities", "directline/", "id");

    public static readonly IReadOnlyList<DocumentIndex> All =
    [
        CasesByConversation, CasesByOrder, CasesByStatus, CasesByPolicyAndRequest, CasesByCreationTime, FollowUpsByDueTime, WaitingTicketsByQueueTime, TicketsByAgent,
        ConversationsByOldestLine, ArchivesByLastLine, DirectLineActivities, ClosedHandoffsByTime,
    ];
}
