using System.Runtime.CompilerServices;
using System.Text.Json.Nodes;
using RefundBot.Dialogs.Recognizers;
using RefundBot.Dialogs.Runtime;
using RefundBot.Dialogs.Runtime.Dialogs;
using RefundBot.Eligibility.Model;

namespace RefundBot.Dialogs.Prompts;

/// <summary>
/// A number that counts something in a unit (hours, days, percent): "72", "3 jours", "since the 15th". A value the
/// bot had to convert, estimate or count from a date is read back ("3 days, that is 72 hours?") and used only after
/// a yes; after a no the question is asked again. Anything else the customer writes then is read as a new answer.
/// A bound ("at least 3 days", "almost a month") is read back as the bound when it settles the policy's tests on the
/// fact (<see cref="BoundSettlement"/>), and otherwise the figure is asked for; so is a hedged figure that also asks
/// ("like a month?"). "72?", a plain figure that asks only by its question mark, is read back.
/// </summary>
internal sealed class QuantityPrompt(string id, FactUnit unit, QuantityRecognizer recognizer, CustomerClock clock) : Prompt<decimal>(id)
{
    private const string PendingKey = "pendingQuantity";
    private const string PendingTextKey = "pendingReadBack";
    private const string PendingBoundKey = "pendingBound";

    /// <summary>
    /// The result for a bound confirmed ("at least 3 days, so at least 72 hours?" yes): <c>{ "value": 72, "bound":
    /// "atLeast" }</c>, so that the case records the side of the figure the customer gave, not a plain 72. Any other
    /// answer's result is the number.
    /// </summary>
    public const string BoundResultKey = "bound";

    /// <summary>
    /// The readings made during a turn, by text: the answer is looked at by the read-back check, by the answer beside a
    /// question and by the prompt's recognition, and the recognizers are read once for all three. Kept with the turn
    /// only (a turn is one thread at a time; the table lets it go with the turn).
    /// </summary>
    private readonly ConditionalWeakTable<TurnContext, Dictionary<string, Quantity?>> _readings = new();

    public override async Task<DialogTurnResult> ContinueAsync(DialogContext dc, CancellationToken cancellationToken)
    {
        var turn = dc.Turn;
        if (!turn.Activity.IsMessage)
        {
            return DialogTurnResult.Waiting;
        }

        var state = dc.ActiveDialog!.State;
        var text = turn.Activity.Text?.Trim() ?? "";
        var quantity = Read(turn, text);
        if (state[PendingKey]?.GetValue<decimal>() is { } pending)
        {
            var bound = state[PendingBoundKey]?.GetValue<string>();
            state.Remove(PendingKey);
            state.Remove(PendingTextKey);
            state.Remove(PendingBoundKey);

            // "no, 2 weeks" gives the value instead: only an answer without one is a plain yes or no.
            switch (quantity is null ? ConfirmPrompt.YesOrNo(turn, text) : null)
            {
                case true:
                    return await dc.EndDialogAsync(bound is null ? JsonValue.Create(pending) : new JsonObject { ["value"] = pending, [BoundResultKey] = bound }, cancellationToken);
                case false:
                    return await MisreadAsync(dc, turn.Text($"quantity.again.{UnitKey}"), cancellationToken);
            }
        }

        return quantity is { NeedsReadBack: true } && WhyTheFigureIsAsked(quantity, text, OptionsOf(dc)) is null
            ? ReadBack(dc, quantity)
            : await base.ContinueAsync(dc, cancellationToken);
    }

    /// <summary>
    /// The text key of the question that asks for the figure, when <paramref name="quantity"/> cannot be read back: a
    /// hedged figure that asks too ("about 3 days?"), or a bound that does not settle the policy's tests; else null.
    /// </summary>
    private static string? WhyTheFigureIsAsked(Quantity quantity, string text, PromptOptions options) => quantity switch
    {
        { Hedged: true } when text.TrimEnd().EndsWith('?') => "quantity.hedgedQuestion",
        { IsBound: true } when !BoundSettlement.Settles(quantity, options.BoundTests) => "quantity.limit",
        _ => null,
    };

    /// <summary>
    /// A value written beside a question ("3 jours. est-ce que vous remboursez ?") is taken as a typed one would be:
    /// one that needs a read-back is read back; "72?", a figure that asks only by its question mark, is hedged and read
    /// back too; a bound that settles nothing, or a hedged figure that asks ("like 3 days?"), gets the question for the
    /// figure (it is an answer to this prompt, not a question for the policy). While a read-back is pending, nothing
    /// beside a question settles it.
    /// </summary>
    public override async Task<DialogTurnResult?> TryAnswerAsync(DialogContext dc, string text, CancellationToken cancellationToken)
    {
        if (dc.ActiveDialog!.State[PendingKey] is not null)
        {
            return null;
        }

        var answer = text.Trim();
        if (Read(dc.Turn, answer) is not { NeedsReadBack: true } quantity)
        {
            return await base.TryAnswerAsync(dc, text, cancellationToken);
        }

        if (WhyTheFigureIsAsked(quantity, answer, OptionsOf(dc)) is { } key)
        {
            dc.Turn.Send(dc.Turn.Text($"{key}.{UnitKey}"));
            return DialogTurnResult.Waiting;
        }

        return ReadBack(dc, quantity);
    }

    /// <summary>The quantity the text gives; "72?", a figure that asks only by its question mark, is hedged: read back.</summary>
    private Quantity? Read(TurnContext turn, string text)
    {
        var quantity = Reading(turn, text);
        return quantity is { Kind: QuantityKind.Plain } && text.EndsWith('?') ? quantity with { Kind = QuantityKind.Approximate } : quantity;
    }

    /// <summary>The recognizer's reading of <paramref name="text"/>, made once per turn.</summary>
    private Quantity? Reading(TurnContext turn, string text)
    {
        var readings = _readings.GetOrCreateValue(turn);
        if (!readings.TryGetValue(text, out var quantity))
        {
            quantity = recognizer.Recognize(text, unit, clock.DateContext(turn));
            readings[text] = quantity;
        }

        return quantity;
    }

    /// <summary>After an interruption, the read-back still waiting for a yes or no is the question (a "yes" then confirms what is on screen).</summary>
    public override Task RepromptAsync(DialogContext dc, CancellationToken cancellationToken)
    {
        if (dc.ActiveDialog!.State[PendingTextKey]?.GetValue<string>() is { } readBack)
        {
            dc.Turn.Send(readBack, ConfirmButtons(dc));
            return Task.CompletedTask;
        }

        return base.RepromptAsync(dc, cancellationToken);
    }

    protected override Recognized<decimal> Recognize(TurnContext turn, string text, PromptOptions options)
    {
        var context = clock.DateContext(turn);
        return Reading(turn, text) switch
        {
            { NeedsReadBack: false } quantity => Recognized<decimal>.Success(quantity.Value),
            { } quantity when WhyTheFigureIsAsked(quantity, text, options) is { } key => Recognized<decimal>.FailureThatAsks(turn.Text($"{key}.{UnitKey}")),
            null when recognizer.IsLimit(text, context) => Recognized<decimal>.FailureThatAsks(turn.Text($"quantity.limit.{UnitKey}")),
            _ => Recognized<decimal>.Failure(),
        };
    }

    /// <summary>The apology before the retry text, said only before the offer of a person (whose sentence is the apology then).</summary>
    protected override string? NotUnderstood(TurnContext turn, PromptOptions options) => turn.Text("quantity.notUnderstood");

    private DialogTurnResult ReadBack(DialogContext dc, Quantity quantity)
    {
        var state = dc.ActiveDialog!.State;
        var readBack = ReadBackText(dc.Turn, quantity);
        state[PendingKey] = quantity.Value;
        state[PendingTextKey] = readBack;
        if (quantity.Bound != QuantityBound.None)
        {
            state[PendingBoundKey] = BoundKey(quantity.Bound);
        }

        dc.Turn.Send(readBack, ConfirmButtons(dc));
        return DialogTurnResult.Waiting;
    }

    private string UnitKey => unit.ToString().ToLowerInvariant();

    private string ReadBackText(TurnContext turn, Quantity quantity)
    {
        var value = Bounded(turn, quantity.Bound, Amount(turn, UnitKey, quantity.Value));
        return quantity switch
        {
            { Kind: QuantityKind.FromDate, Since: { } since } =>
                turn.Text("quantity.readBackSince", ("date", CustomerDates.Format(since, turn.Text("format.date"), turn.Culture)), ("value", value)),
            { Kind: QuantityKind.FromHour, SinceHour: { } hour } =>
                turn.Text("quantity.readBackSinceHour", ("hour", hour.ToString("t", turn.Culture)), ("value", value)),
            { Kind: QuantityKind.Converted, Said: { } said } =>
                turn.Text("quantity.readBack", ("said", Bounded(turn, quantity.Bound, Said(turn, said))), ("value", value)),
            { Kind: QuantityKind.Converted, SaidText: { } words } => turn.Text("quantity.readBack", ("said", Bounded(turn, quantity.Bound, words)), ("value", value)),
            { IsBound: true } => turn.Text("quantity.readBackBound", ("value", value)),
            _ => turn.Text("quantity.readBackApprox", ("value", value)),
        };
    }

    /// <summary>"at least 72 hours", "moins de 48 heures": the figure said with the customer's bound, if any.</summary>
    private static string Bounded(TurnContext turn, QuantityBound bound, string amount) =>
        bound == QuantityBound.None ? amount : turn.Text($"quantity.bound.{BoundKey(bound)}", ("value", amount));

    /// <summary>A bound's key in texts and on the case: atLeast, moreThan, atMost, lessThan.</summary>
    internal static string BoundKey(QuantityBound bound) => bound switch
    {
        QuantityBound.AtLeast => "atLeast",
        QuantityBound.MoreThan => "moreThan",
        QuantityBound.AtMost => "atMost",
        _ => "lessThan",
    };

    private static string Said(TurnContext turn, SaidDuration said)
    {
        var amount = Amount(turn, said.Unit, said.Amount);
        return said.Approximate ? turn.Text("quantity.about", ("value", amount)) : amount;
    }

    /// <summary>"72 hours", "1 day", "2 semaines", "50 %": the unit's words from the texts, singular for exactly one.</summary>
    private static string Amount(TurnContext turn, string unitKey, decimal amount) =>
        turn.Text(amount == 1 ? $"quantity.unit.{unitKey}.one" : $"quantity.unit.{unitKey}", ("n", amount.ToString("#,0.##", turn.Culture)));
}
