using System.Text.Json.Nodes;
using RefundBot.Dialogs.Recognizers;
using RefundBot.Dialogs.Runtime.Dialogs;
using RefundBot.Eligibility.Model;

namespace RefundBot.Dialogs.Runtime.Prompts;

/// <summary>
/// A number that counts something in a unit (hours, days, percent): "72", "3 jours", "since the 15th". A value the
/// bot had to convert, estimate or count from a date is read back ("3 days, that is 72 hours?") and used only after
/// a yes; after a no the question is asked again. Anything else the customer writes then is read as a new answer.
/// </summary>
public sealed class QuantityPrompt(string id, FactUnit unit, QuantityRecognizer recognizer, CustomerClock clock) : Prompt<decimal>(id)
{
    private const string PendingKey = "pendingQuantity";

    public override async Task<DialogTurnResult> ContinueAsync(DialogContext dc, CancellationToken cancellationToken)
    {
        var turn = dc.Turn;
        if (!turn.Activity.IsMessage)
        {
            return DialogTurnResult.Waiting;
        }

        var state = dc.ActiveDialog!.State;
        var text = turn.Activity.Text?.Trim() ?? "";
        var quantity = recognizer.Recognize(text, unit, clock.DateContext(turn));
        if (state[PendingKey]?.GetValue<decimal>() is { } pending)
        {
            state.Remove(PendingKey);

            // "no, 2 weeks" gives the value instead: only an answer without one is a plain yes or no.
            switch (quantity is null ? ConfirmPrompt.YesOrNo(turn, text) : null)
            {
                case true:
                    return await dc.EndDialogAsync(JsonValue.Create(pending), cancellationToken);
                case false:
                    turn.Send(turn.Text($"quantity.again.{UnitKey}"));
                    return DialogTurnResult.Waiting;
            }
        }

        if (quantity is { NeedsReadBack: true })
        {
            state[PendingKey] = quantity.Value;
            turn.Send(ReadBack(turn, quantity), [turn.Text("confirm.yes"), turn.Text("confirm.no")]);
            return DialogTurnResult.Waiting;
        }

        return await base.ContinueAsync(dc, cancellationToken);
    }

    protected override Recognized<decimal> Recognize(TurnContext turn, string text, PromptOptions options) =>
        recognizer.Recognize(text, unit, clock.DateContext(turn)) is { NeedsReadBack: false } quantity
            ? Recognized<decimal>.Success(quantity.Value)
            : Recognized<decimal>.Failure();

    private string UnitKey => unit.ToString().ToLowerInvariant();

    private string ReadBack(TurnContext turn, Quantity quantity)
    {
        var value = Amount(turn, UnitKey, quantity.Value);
        return quantity switch
        {
            { Kind: QuantityKind.FromDate, Since: { } since } =>
                turn.Text("quantity.readBackSince", ("date", since.ToString(turn.Text("format.date"), turn.Culture)), ("value", value)),
            { Kind: QuantityKind.Converted, Said: { } said } =>
                turn.Text("quantity.readBack", ("said", Said(turn, said)), ("value", value)),
            { Kind: QuantityKind.Converted, SaidText: { } words } => turn.Text("quantity.readBack", ("said", words), ("value", value)),
            _ => turn.Text("quantity.readBackApprox", ("value", value)),
        };
    }

    private static string Said(TurnContext turn, SaidDuration said)
    {
        var amount = Amount(turn, said.Unit, said.Amount);
        return said.Approximate ? turn.Text("quantity.about", ("value", amount)) : amount;
    }

    /// <summary>"72 hours", "1 day", "2 semaines", "50 %": the unit's words from the texts, singular for exactly one.</summary>
    private static string Amount(TurnContext turn, string unitKey, decimal amount) =>
        turn.Text(amount == 1 ? $"quantity.unit.{unitKey}.one" : $"quantity.unit.{unitKey}", ("n", amount.ToString("#,0.##", turn.Culture)));
}
