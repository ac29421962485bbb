using RefundBot.Dialogs.Cases;
using RefundBot.Dialogs.Handoff;
using RefundBot.Dialogs.Runtime;

namespace RefundBot.Dialogs.Tests.Handoff;

/// <summary>What the bot confirms of an agent's decision when the conversation comes back to it, in both languages.</summary>
public sealed class AgentDecisionConfirmationTests
{
    private static readonly BotTexts Texts = BotTexts.LoadEmbedded();

    [Theory]
    [InlineData("en", AgentOutcomes.Approve, null, "To confirm: Alice approved the refund on your case **RB-TEST0001**.")]
    [InlineData("en", AgentOutcomes.Approve, "20.50", "To confirm: Alice approved a refund of €20.50 on your case **RB-TEST0001**.")]
    [InlineData("en", AgentOutcomes.Partial, "12.00", "To confirm: Alice approved a refund of €12.00 on your case **RB-TEST0001**.")]
    [InlineData("en", AgentOutcomes.Deny, null, "To confirm: Alice reviewed your case **RB-TEST0001** and could not approve a refund.")]
    [InlineData("en", AgentOutcomes.Alternative, null, "To confirm: Alice offered you an alternative to a refund on your case **RB-TEST0001**.")]
    [InlineData("fr", AgentOutcomes.Approve, "20.50", "Pour confirmer : Alice a approuvé un remboursement de 20,50 € pour votre dossier **RB-TEST0001**.")]
    [InlineData("fr", AgentOutcomes.Deny, null, "Pour confirmer : Alice a examiné votre dossier **RB-TEST0001** et ne peut pas approuver de remboursement.")]
    public void The_decision_is_confirmed_with_its_amount_when_the_agent_gave_one(string language, string outcome, string? amount, string expected)
    {
        var decision = new AgentDecision(outcome, "note", "alice", "Alice", DateTimeOffset.UnixEpoch) with
        {
            Amount = amount is null ? null : decimal.Parse(amount, System.Globalization.CultureInfo.InvariantCulture),
            Currency = amount is null ? null : "EUR",
        };
        var refundCase = Case() with { Status = AgentOutcomes.StatusOf(outcome), AgentDecision = decision };

        var text = AgentDecisionConfirmation.Text(Turn(language), refundCase);

        Assert.Equal(expected, text?.Replace('\u00A0', ' ').Replace('\u202F', ' '));
        Assert.True(AgentDecisionConfirmation.IsSettled(refundCase));
    }

    [Theory]
    [InlineData(CaseStatus.Submitted, false)]
    [InlineData(CaseStatus.HumanReview, false)]
    [InlineData(CaseStatus.Decided, false)]
    [InlineData(CaseStatus.WaitingForSupport, false)]
    [InlineData(CaseStatus.Closed, true)]
    [InlineData(CaseStatus.Resolved, true)]
    public void Only_a_case_an_agent_decided_or_that_is_over_is_settled(string status, bool settled)
    {
        var refundCase = Case() with { Status = status };

        Assert.Equal(settled, AgentDecisionConfirmation.IsSettled(refundCase));
        Assert.Null(AgentDecisionConfirmation.Text(Turn("en"), refundCase));
    }

    private static RefundCase Case() => new()
    {
        Id = "RB-TEST0001", ConversationKey = "test/conversations/c", CreatedAt = DateTimeOffset.UnixEpoch, Language = "en",
        OrderId = "TS-4001", PurchaseDate = new DateOnly(2026, 3, 1), Reason = "mistake", ReasonCategory = "technical_problem",
    };

    private static TurnContext Turn(string language)
    {
        var state = new ConversationState { Language = language };
        var activity = new Activity { Type = ActivityTypes.Message, Conversation = new() { Id = "c" }, ChannelId = "test" };
        return new TurnContext(activity, state, DateTimeOffset.UnixEpoch, Texts);
    }
}
