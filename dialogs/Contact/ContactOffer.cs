using RefundBot.Dialogs.Cases;
using RefundBot.Dialogs.Recognizers;
using RefundBot.Dialogs.Runtime;

namespace RefundBot.Dialogs.Contact;

/// <summary>
/// Reaching the customer later. When an outcome needs a later message (support's window, a person's decision, a
/// refund to carry out), <see cref="OfferAsync"/> asks once per case, politely and optionally, for an e-mail address;
/// <see cref="TryAnswerAsync"/> reads the customer's next message: an address is checked
/// (<see cref="EmailAddressRecognizer"/>), stored on the case and read back masked; "no thanks" is accepted with the
/// honest consequence (the answer comes only in this chat); anything else goes on to the conversation as usual, and
/// the bot does not ask again. Without an SMTP server (<see cref="EmailAvailability"/>) nothing is asked and the bot
/// says the answer comes in this chat.
/// </summary>
internal sealed class ContactOffer(CaseStore cases, EmailAvailability email)
{
    /// <summary>What the later message will be about: it picks the wording of the question.</summary>
    public enum Reason
    {
        FollowUp,
        Decision,
        Refund,
    }

    private const int MaxUnusable = 2;

    public async Task OfferAsync(TurnContext turn, string? caseId, Reason reason, CancellationToken cancellationToken)
    {
        if (caseId is null || await cases.FindAsync(turn, caseId, cancellationToken) is not { ContactAsked: false, ContactEmail: null } refundCase)
        {
            return;
        }

        if (!email.Enabled)
        {
            if (reason != Reason.Refund)
            {
                // Nothing more would come for a refund carried out: only what will come here is announced.
                cases.Save(turn, refundCase with { ContactAsked = true });
                turn.Send(turn.Text("contact.chatOnly"));
            }

            return;
        }

        cases.Save(turn, refundCase with { ContactAsked = true });
        var state = turn.State.Get(ContactState.Slot);
        state.AskingFor = caseId;
        state.Unusable = 0;
        var key = reason switch
        {
            Reason.FollowUp => "contact.ask.followUp",
            Reason.Decision => "contact.ask.decision",
            _ => "contact.ask.refund",
        };
        turn.Send(turn.Text(key), [turn.Text("contact.noThanks")]);
    }

    /// <returns>True when the message answered the question (it needs nothing more); false when the conversation carries on with it.</returns>
    public async Task<bool> TryAnswerAsync(TurnContext turn, string foldedText, CancellationToken cancellationToken)
    {
        var state = turn.State.Get(ContactState.Slot);
        if (state.AskingFor is not { } caseId)
        {
            return false;
        }

        var text = turn.Activity.Text ?? "";
        if (Declines(turn, foldedText))
        {
            Forget(state);
            turn.Send(turn.Text("contact.declined"));
            return true;
        }

        if (!EmailAddressRecognizer.LooksLikeAnAttempt(text))
        {
            Forget(state); // the customer moved on: asked once, not again
            return false;
        }

        if (EmailAddressRecognizer.Find(text) is not { } address)
        {
            if (++state.Unusable >= MaxUnusable)
            {
                Forget(state);
                turn.Send(turn.Text("contact.givenUp"));
                return true;
            }

            turn.Send(turn.Text("contact.invalid"), [turn.Text("contact.noThanks")]);
            return true;
        }

        Forget(state);
        if (await cases.FindAsync(turn, caseId, cancellationToken) is not { } refundCase)
        {
            turn.Send(turn.Text("contact.declined"));
            return true;
        }

        cases.Save(turn, refundCase.Note(CaseActor.Customer, turn.Now, "e-mail address given for later messages") with { ContactEmail = address });
        // The mask's asterisks are escaped: in "**j***@e***.com**" Markdown would take them for emphasis and garble the address.
        turn.Send(turn.Text("contact.saved", ("email", Redact.Email(address).Replace("*", "\\*", StringComparison.Ordinal)), ("caseId", caseId)));
        return true;
    }

    private static void Forget(ContactState state)
    {
        state.AskingFor = null;
        state.Unusable = 0;
    }

    private static bool Declines(TurnContext turn, string foldedText) =>
        foldedText == TextNormalizer.Fold(turn.Text("contact.noThanks"))
        || AnswerWords.Of(AnswerWords.No).Any(no => TextNormalizer.Fold(no) == foldedText)
        || foldedText is "no thanks" or "no thank you" or "no email" or "non merci" or "pas d email" or "pas de mail" or "pas d e mail";
}
