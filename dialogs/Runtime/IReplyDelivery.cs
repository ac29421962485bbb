namespace RefundBot.Dialogs.Runtime;

/// <summary>
/// How a channel delivers the bot's replies: pushed to the activity's serviceUrl (Emulator, Teams),
/// or stored for a client to stream (Direct Line). The turn pipeline does not know which.
/// </summary>
public interface IReplyDelivery
{
    Task DeliverAsync(Activity inbound, IReadOnlyList<Activity> replies, CancellationToken cancellationToken);
}

/// <summary>What a bot does with one turn; the pipeline around it loads and saves state and delivers replies.</summary>
public interface IConversationBot
{
    Task OnTurnAsync(TurnContext turn, CancellationToken cancellationToken);

    /// <summary>
    /// Whether a person follows this conversation (an agent, a hand-off queue), so its transcript lines are published
    /// as they are said; the runtime does not know who that person is.
    /// </summary>
    bool IsWatched(ConversationState state) => false;
}

/// <summary>
/// How to reach a conversation when nobody has just written to it (a follow-up, an agent's message): the delivery
/// of the channel the conversation is on.
/// </summary>
public interface IReplyChannels
{
    IReplyDelivery For(ConversationReference reference);
}

/// <summary>
/// A channel that keeps the bot's replies in the bot's own store (Direct Line): a committed turn's replies are writes
/// of the turn's commit, not an outbox delivery, so a lost attempt leaves none behind and a crash after the commit
/// never stores them twice. What the channel does once they are committed (pushing them to live clients) it records as
/// an after-commit action of the same <see cref="UnitOfWork"/>. The runtime does not know which channel this is.
/// </summary>
public interface ICommittedReplyDelivery : IReplyDelivery
{
    /// <summary>
    /// Called before each attempt at the turn: a channel that stores the inbound activity with the turn's commit
    /// (Direct Line's post) gives it here the id it will be stored under, so the turn sees its final id.
    /// </summary>
    Task PrepareAsync(Activity inbound, CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>
    /// Records the writes that store <paramref name="replies"/> (and the inbound activity, when the channel stores it
    /// with the turn) in <paramref name="work"/>, giving each its channel id. Called on every turn that commits, even
    /// one without replies.
    /// </summary>
    Task RecordAsync(Activity inbound, IReadOnlyList<Activity> replies, UnitOfWork work, CancellationToken cancellationToken);
}
