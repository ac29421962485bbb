using System.Globalization;

namespace RefundBot.Dialogs.Runtime;

/// <summary>
/// One inbound activity being handled: its state, the customer's clock and language, and the replies so far.
/// Replies are buffered and delivered once the state is saved, so a reply never announces state that was lost; what the
/// turn writes besides its state, and what must follow it, is recorded in its <see cref="Work"/> and committed with it.
/// </summary>
public sealed class TurnContext(Activity activity, ConversationState state, DateTimeOffset now, BotTexts texts)
{
    private readonly List<Activity> _replies = [];
    private CultureInfo? _culture;

    public Activity Activity { get; } = activity;
    public ConversationState State { get; } = state;

    /// <summary>The instant of this turn: the activity's own timestamp, else the server clock.</summary>
    public DateTimeOffset Now { get; } = now;

    /// <summary>
    /// The part of the customer's message that may answer (the message without the questions it asked), once a policy
    /// question was found in it; null when the whole message is the answer. Facts are read from it, never from a question.
    /// </summary>
    public string? AnswerText { get; set; }

    public BotTexts Texts { get; } = texts;
    public IReadOnlyList<Activity> Replies => _replies;

    /// <summary>This attempt's writes and outbox records, committed with its state or, if it loses its race, discarded.</summary>
    public UnitOfWork Work { get; } = new();

    public string Language => State.Language ?? BotTexts.DefaultLanguage;
    /// <summary>The customer's culture; looked up once per culture name (the lookup takes a process-wide lock).</summary>
    public CultureInfo Culture
    {
        get
        {
            var name = State.Culture ?? BotTexts.DefaultCulture(Language);
            if (_culture?.Name != name)
            {
                _culture = CultureInfo.GetCultureInfo(name);
            }

            return _culture;
        }
    }

    /// <summary>The text of <paramref name="key"/> in the conversation's language.</summary>
    public string Text(string key, params (string Name, object? Value)[] args) => Texts.Get(Language, key, args);

    public Activity Send(string text, IEnumerable<string>? suggestions = null)
    {
        var reply = Activity.CreateReply(text, Culture.Name);
        var actions = suggestions?.Select(CardAction.ImBack).ToList();
        if (actions is { Count: > 0 })
        {
            reply.SuggestedActions = new SuggestedActions { Actions = actions };
            reply.InputHint = "expectingInput";
        }

        return Send(reply);
    }

    public Activity Send(Activity reply)
    {
        _replies.Add(reply);
        return reply;
    }

    /// <summary>
    /// Runs <paramref name="action"/> in this process once the turn is committed: for notices only (a metric), since a
    /// crash may skip it. What must happen is an outbox record (<see cref="UnitOfWork.Enqueue"/>).
    /// </summary>
    public void AfterSave(Func<CancellationToken, Task> action) => Work.AfterCommit(action);

    /// <summary>Takes back the replies after the first <paramref name="count"/> (a question that should wait).</summary>
    public void RetractRepliesAfter(int count) => _replies.RemoveRange(count, _replies.Count - count);
}
