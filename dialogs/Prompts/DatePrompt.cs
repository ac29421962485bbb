using System.Globalization;
using System.Runtime.CompilerServices;
using RefundBot.Dialogs.Recognizers;
using RefundBot.Dialogs.Runtime;

namespace RefundBot.Dialogs.Prompts;

/// <summary>
/// A past (or today's) calendar day, as ISO "yyyy-MM-dd". A date more than ten years back is questioned; an ambiguous
/// numeric date (3/4/2026) is read by the customer's culture and confirmed in words before it is accepted.
/// </summary>
internal sealed class DatePrompt(string id, IDateRecognizer recognizer, CustomerClock clock) : Prompt<string>(id)
{
    private const string PendingKey = "pendingDate";

    /// <summary>
    /// The readings made during a turn, by text: the answer is looked at for a pending confirmation, for an ambiguous
    /// date and for the date itself, and the recognizer runs once for all three (as <see cref="QuantityPrompt"/> does).
    /// Kept with the turn only (a turn is one thread at a time; the table lets it go with the turn).
    /// </summary>
    private readonly ConditionalWeakTable<TurnContext, Dictionary<(string Text, DateContext Context), DateRecognition>> _readings = new();

    public override async Task<Runtime.Dialogs.DialogTurnResult> ContinueAsync(Runtime.Dialogs.DialogContext dc, CancellationToken cancellationToken)
    {
        var turn = dc.Turn;
        var state = dc.ActiveDialog!.State;
        var text = turn.Activity.Text?.Trim() ?? "";
        if (turn.Activity.IsMessage && state[PendingKey]?.GetValue<string>() is { } pending)
        {
            state.Remove(PendingKey);

            // "non, le 3 avril" gives the date instead: only an answer without one is a plain yes or no.
            var givesDate = Read(turn, text).Problem != DateProblem.NotFound;
            switch (givesDate ? null : ConfirmPrompt.YesOrNo(turn, text))
            {
                case true:
                    return await dc.EndDialogAsync(System.Text.Json.Nodes.JsonValue.Create(pending), cancellationToken);
                case false:
                    return await MisreadAsync(dc, turn.Text("date.inWords"), cancellationToken);
            }
        }

        if (turn.Activity.IsMessage && Read(turn, text) is { Ambiguous: true, Date: { } date, Problem: DateProblem.None })
        {
            return AskToConfirm(dc, date);
        }

        return await base.ContinueAsync(dc, cancellationToken);
    }

    /// <summary>
    /// A date written beside a question ("3/4/2026. do i need the receipt?") is taken as a typed one would be: an
    /// ambiguous one is confirmed in words first; while a confirmation is pending, nothing beside a question settles it.
    /// </summary>
    public override async Task<Runtime.Dialogs.DialogTurnResult?> TryAnswerAsync(Runtime.Dialogs.DialogContext dc, string text, CancellationToken cancellationToken)
    {
        var state = dc.ActiveDialog!.State;
        if (state[PendingKey] is not null)
        {
            return null;
        }

        return Read(dc.Turn, text) is { Ambiguous: true, Date: { } date, Problem: DateProblem.None }
            ? AskToConfirm(dc, date)
            : await base.TryAnswerAsync(dc, text, cancellationToken);
    }

    /// <summary>After an interruption, the confirmation still waiting for a yes or no is the question (a "yes" then confirms what is on screen).</summary>
    public override Task RepromptAsync(Runtime.Dialogs.DialogContext dc, CancellationToken cancellationToken)
    {
        if (dc.ActiveDialog!.State[PendingKey]?.GetValue<string>() is { } pending)
        {
            SendConfirmation(dc, DateOnly.ParseExact(pending, "yyyy-MM-dd", CultureInfo.InvariantCulture));
            return Task.CompletedTask;
        }

        return base.RepromptAsync(dc, cancellationToken);
    }

    private Runtime.Dialogs.DialogTurnResult AskToConfirm(Runtime.Dialogs.DialogContext dc, DateOnly date)
    {
        dc.ActiveDialog!.State[PendingKey] = Iso(date);
        SendConfirmation(dc, date);
        return Runtime.Dialogs.DialogTurnResult.Waiting;
    }

    private void SendConfirmation(Runtime.Dialogs.DialogContext dc, DateOnly date) =>
        dc.Turn.Send(dc.Turn.Text("date.confirm", ("date", InWords(dc.Turn, date))), ConfirmButtons(dc));

    protected override Recognized<string> Recognize(TurnContext turn, string text, PromptOptions options)
    {
        var context = clock.DateContext(turn);
        var recognition = Read(turn, text);
        return recognition switch
        {
            { Date: { } date, Problem: DateProblem.None } when IsTooLongAgo(date, context) => Recognized<string>.FailureThatAsks(turn.Text("date.tooOld")),
            { Date: { } date, Problem: DateProblem.None } => Recognized<string>.Success(Iso(date)),
            { Problem: DateProblem.InFuture, Date: { } date } => Recognized<string>.FailureThatAsks(turn.Text("date.inFutureDay",
                ("date", InWords(turn, date)), ("today", InWords(turn, context.Today)), ("example", Example(turn)))),
            { Problem: DateProblem.InFuture } => Recognized<string>.FailureThatAsks(turn.Text("date.inFuture")),
            { Problem: DateProblem.Period } => Recognized<string>.FailureThatAsks(turn.Text("date.period", ("example", Example(turn)))),
            { Problem: DateProblem.Approximate } => Recognized<string>.FailureThatAsks(turn.Text("date.approximate", ("example", Example(turn)))),
            _ => Recognized<string>.Failure(),
        };
    }

    /// <summary>More than ten years back: questioned rather than taken as a purchase date.</summary>
    public static bool IsTooLongAgo(DateOnly date, DateContext context) => date < context.Today.AddYears(-10);

    /// <summary>The day the answer gives (<see cref="ReadNow"/>), read once per turn, text and context.</summary>
    private DateRecognition Read(TurnContext turn, string text)
    {
        var context = clock.DateContext(turn);
        var readings = _readings.GetOrCreateValue(turn);
        if (!readings.TryGetValue((text, context), out var reading))
        {
            reading = ReadNow(text, context);
            readings[(text, context)] = reading;
        }

        return reading;
    }

    /// <summary>
    /// The day the answer gives. To "When did your subscription start?", "since monday" / "depuis lundi" is that day: the
    /// recognizer skips a date after "since" (in a first message it dates a problem), so the answer is read without it.
    /// </summary>
    private DateRecognition ReadNow(string text, DateContext context)
    {
        var recognition = recognizer.Recognize(text, context);
        return recognition.Problem == DateProblem.NotFound && PurchaseDateRecognizer.WithoutLeadingSince(text) is { } rest
            ? recognizer.Recognize(rest, context)
            : recognition;
    }

    /// <summary>A day as the customer reads it in a sentence ("March 3, 2026", "3 mars 2026").</summary>
    public static string InWords(TurnContext turn, DateOnly date) => CustomerDates.Format(date, turn.Text("format.date"), turn.Culture);

    /// <summary>An ISO day ("2026-03-03") as the customer reads it in a sentence.</summary>
    public static string InWords(TurnContext turn, string isoDate) =>
        InWords(turn, DateOnly.ParseExact(isoDate, "yyyy-MM-dd", CultureInfo.InvariantCulture));

    /// <summary>A date written the customer's way (3/12/2026, 12/03/2026), as the intake's question shows it.</summary>
    public static string Example(TurnContext turn) =>
        new DateOnly(2026, 3, 12).ToString(turn.Culture.DateTimeFormat.ShortDatePattern, turn.Culture);

    private static string Iso(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
