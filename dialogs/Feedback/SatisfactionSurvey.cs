using System.Text.RegularExpressions;
using RefundBot.Dialogs.Cases;
using RefundBot.Dialogs.Contact;
using RefundBot.Dialogs.Recognizers;
using RefundBot.Dialogs.Runtime;

namespace RefundBot.Dialogs.Feedback;

/// <summary>
/// Asks the customer, once per case, to rate the conversation from 1 to 5 (suggested actions) when the case is decided:
/// by the bot, or by an agent who then hands the conversation back or closes it. A rating is stored on the case in the
/// turn's unit of work and thanked for with an offer to add a comment, which the next message gives (or "No comment").
/// Skipping is fine: any other message (a question about the policy, a new request, "talk to a person") goes on to the
/// conversation as if nothing had been asked, and the bot does not ask again for that case. While the bot waits for an
/// e-mail address (<see cref="ContactState"/>), the rating waits until that question is answered.
/// </summary>
internal sealed partial class SatisfactionSurvey(CaseStore cases, SurveyAvailability availability)
{
    public async Task AskAsync(TurnContext turn, string? caseId, CancellationToken cancellationToken)
    {
        if (!availability.Enabled || caseId is null
            || await cases.FindAsync(turn, caseId, cancellationToken) is not { SatisfactionAsked: false, Satisfaction: null } refundCase)
        {
            return;
        }

        var state = turn.State.Get(SurveyState.Slot);
        if (turn.State.Get(ContactState.Slot).AskingFor is not null)
        {
            state.Deferred = caseId;
            return;
        }

        cases.Save(turn, refundCase with { SatisfactionAsked = true });
        state.RatingFor = caseId;
        state.CommentFor = null;
        state.Deferred = null;
        turn.Send(turn.Text("survey.ask"), Ratings);
    }

    /// <summary>After the e-mail question was answered: the rating it held back, if any.</summary>
    public Task AskDeferredAsync(TurnContext turn, CancellationToken cancellationToken)
    {
        var state = turn.State.Get(SurveyState.Slot);
        var deferred = state.Deferred;
        state.Deferred = null;
        return deferred is null || turn.State.Get(ContactState.Slot).AskingFor is not null ? Task.CompletedTask : AskAsync(turn, deferred, cancellationToken);
    }

    /// <returns>True when the message answered the survey (nothing more to do); false when the conversation carries on with it.</returns>
    public async Task<bool> TryAnswerAsync(TurnContext turn, string foldedText, CancellationToken cancellationToken)
    {
        var state = turn.State.Get(SurveyState.Slot);
        if (state.RatingFor is { } rated)
        {
            state.RatingFor = null;
            if (RatingOf(foldedText) is not { } rating || await cases.FindAsync(turn, rated, cancellationToken) is not { } ratedCase)
            {
                return false; // not a rating: skipped, and the message is the conversation's
            }

            cases.Save(turn, ratedCase with { Satisfaction = new CaseSatisfaction(rating, null, turn.Now) });
            state.CommentFor = rated;
            turn.Send(turn.Text("survey.thanks"), [turn.Text("survey.noComment")]);
            return true;
        }

        if (state.CommentFor is not { } commented)
        {
            return false;
        }

        state.CommentFor = null;
        var text = (turn.Activity.Text ?? "").Trim();
        if (foldedText == TextNormalizer.Fold(turn.Text("survey.noComment")) || IsDeclining(foldedText))
        {
            turn.Send(turn.Text("survey.noCommentThanks"));
            return true;
        }

        if (text.Length == 0 || QuestionFinder.Asks(text) || OrderIdLike().IsMatch(text)
            || await cases.FindAsync(turn, commented, cancellationToken) is not { Satisfaction: { } given } refundCase)
        {
            return false; // a question or a new request is not a comment: the conversation answers it
        }

        var comment = text.Length > CaseSatisfaction.MaxCommentLength ? text[..CaseSatisfaction.MaxCommentLength] : text;
        cases.Save(turn, refundCase with { Satisfaction = given with { Comment = comment } });
        turn.Send(turn.Text("survey.commentThanks"));
        return true;
    }

    private static readonly string[] Ratings = ["1", "2", "3", "4", "5"];

    /// <summary>"4", "4/5", "4 stars", "4 étoiles", "4 sur 5": a rating; anything else is not one.</summary>
    internal static int? RatingOf(string foldedText) =>
        RatingPattern().Match(foldedText) is { Success: true } match ? match.Groups["n"].Value[0] - '0' : null;

    private static bool IsDeclining(string foldedText) =>
        foldedText is "no" or "non" or "no thanks" or "non merci" or "nothing" or "rien" or "no comment" or "pas de commentaire" or "sans commentaire";

    [GeneratedRegex(@"^(?<n>[1-5])\s*(/\s*5|sur\s*5|out of\s*5|stars?|etoiles?)?\s*[.!]?$")]
    private static partial Regex RatingPattern();

    /// <summary>Something shaped like an order id ("A-1234", "MS-1001"): a new request, not a comment.</summary>
    [GeneratedRegex(@"\b[A-Za-z]{1,4}[-_ ]?\d{3,}\b")]
    private static partial Regex OrderIdLike();
}
