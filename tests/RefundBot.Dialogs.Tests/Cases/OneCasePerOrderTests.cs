using Microsoft.Extensions.DependencyInjection;
using RefundBot.Dialogs.Cases;
using RefundBot.Dialogs.Runtime;
using RefundBot.Dialogs.Runtime.Storage;

namespace RefundBot.Dialogs.Tests.Cases;

/// <summary>Which earlier cases of an order hold a new request back: only this business's open ones.</summary>
public sealed class OneCasePerOrderTests
{
    private const string Conversation = "customer";
    private readonly TestBot _bot = new(new MemoryDocumentStore());
    private int _minute;

    private CaseStore Cases => _bot.Services.GetRequiredService<CaseStore>();

    [Fact]
    public async Task Another_businesss_open_case_for_the_same_order_id_is_not_this_ones()
    {
        await Cases.SaveAsync(Case("RB-7K2M9Q4D", "smarters-pro", CaseStatus.WaitingForSupport, "test/conversations/" + Conversation));

        var replies = await SayAsync("refund for order MS-1001 bought yesterday, it does not work");

        Assert.StartsWith("Here is your request:", replies[^1].Text);
        Assert.DoesNotContain(replies, r => r.Text!.Contains("RB-7K2M9Q4D", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData(CaseStatus.Refunded, "the refund has been made.")]
    [InlineData(CaseStatus.Withdrawn, "it was withdrawn.")]
    [InlineData(CaseStatus.Resolved, "it is closed: the problem was solved, so no refund is needed.")]
    public async Task A_final_case_lets_a_new_request_go_on_and_is_mentioned(string status, string inWords)
    {
        await Cases.SaveAsync(Case("RB-N52E7WND", "masecurite", status, "test/conversations/" + Conversation));

        var replies = await SayAsync("refund for order MS-1001 bought yesterday, it does not work");

        Assert.Contains(replies, r => r.Text == $"For your information, order MS-1001 already had case **RB-N52E7WND**: {inWords} This is a new request.");
        Assert.StartsWith("Here is your request:", replies[^1].Text);
    }

    [Fact]
    public async Task A_final_case_of_another_conversation_goes_unsaid_the_request_goes_on_as_for_any_order()
    {
        await Cases.SaveAsync(Case("RB-N52E7WND", "masecurite", CaseStatus.Refunded, "test/conversations/someone-else"));

        var replies = await SayAsync("refund for order MS-1001 bought yesterday, it does not work");

        Assert.StartsWith("Here is your request:", replies[^1].Text);
        Assert.DoesNotContain(replies, r => r.Text!.Contains("RB-N52E7WND", StringComparison.Ordinal)
            || r.Text.Contains("earlier", StringComparison.OrdinalIgnoreCase) || r.Text.Contains("finished", StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public async Task An_open_case_of_another_conversation_is_never_said_to_exist()
    {
        await Cases.SaveAsync(Case("RB-N52E7WND", "masecurite", CaseStatus.HumanReview, "test/conversations/someone-else"));

        var replies = await SayAsync("refund for order MS-1001 bought yesterday, it does not work");

        Assert.Equal("If you already have a refund case for order MS-1001, please give me its case ID (it looks like RB-7K2M9Q4D) "
            + "to carry on from it. If you don't, a member of our team can look into this order with you: choose **Talk to a person**.", replies[^1].Text);
        Assert.DoesNotContain(replies, r => r.Text!.Contains("RB-N52E7WND", StringComparison.Ordinal)
            || r.Text.Contains("There is", StringComparison.Ordinal) || r.Text.Contains("already an open", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_case_proven_from_another_conversation_moves_here_noted_by_the_customer()
    {
        await Cases.SaveAsync(Case("RB-N52E7WND", "masecurite", CaseStatus.HumanReview, "test/conversations/closed-tab"));
        await SayAsync("refund for order MS-1001 bought yesterday, it does not work");

        var replies = await SayAsync("RB-N52E7WND");

        Assert.Equal("You already have a case for order MS-1001, so I won't record a second one.", replies[0].Text);
        var moved = await Cases.FindAsync("RB-N52E7WND");
        Assert.Equal("test/conversations/" + Conversation, moved!.ConversationKey);
        Assert.Equal(Conversation, moved.Reference?.Conversation?.Id);
        var note = Assert.Single(moved.History);
        Assert.Equal((CaseActor.CustomerKind, CaseStatus.HumanReview, CaseStatus.HumanReview), (note.By.Kind, note.From, note.To));
        Assert.Equal(CaseStatus.HumanReview, moved.Status);
    }

    [Theory]
    [InlineData("i don't have one")]
    [InlineData("no")]
    [InlineData("what do you mean?")]
    [InlineData("MS-1001")]
    public async Task Without_its_case_id_the_request_waits_for_it_and_never_asks_the_order_again(string answer)
    {
        await Cases.SaveAsync(Case("RB-N52E7WND", "masecurite", CaseStatus.HumanReview, "test/conversations/closed-tab"));
        await SayAsync("refund for order MS-1001 bought yesterday, it does not work");

        var replies = await SayAsync(answer);

        var reply = Assert.Single(replies);
        Assert.StartsWith("Without its case ID I can't carry on from a case for order MS-1001, and I won't start a second request", reply.Text);
        Assert.Equal(["Talk to a person"], reply.SuggestedActions!.Actions.Select(a => a.Title));
        Assert.Equal("You already have a case for order MS-1001, so I won't record a second one.", (await SayAsync("RB-N52E7WND"))[0].Text);
    }

    [Fact]
    public async Task Another_order_id_starts_a_request_for_that_order()
    {
        await Cases.SaveAsync(Case("RB-N52E7WND", "masecurite", CaseStatus.HumanReview, "test/conversations/closed-tab"));
        await SayAsync("refund for order MS-1001 bought yesterday, it does not work");

        var replies = await SayAsync("sorry, wrong order: it's MS-1002, bought yesterday, it does not work");

        Assert.StartsWith("Here is your request:", replies[^1].Text);
        Assert.Contains("MS-1002", replies[^1].Text);
    }

    [Fact]
    public async Task A_wrong_case_id_moves_nothing()
    {
        await Cases.SaveAsync(Case("RB-N52E7WND", "masecurite", CaseStatus.HumanReview, "test/conversations/closed-tab"));
        await SayAsync("refund for order MS-1001 bought yesterday, it does not work");

        var replies = await SayAsync("RB-N52E7WNE");

        Assert.StartsWith("I couldn't find a case with that case ID and order ID.", replies[0].Text);
        Assert.Equal("test/conversations/closed-tab", (await Cases.FindAsync("RB-N52E7WND"))!.ConversationKey);
    }

    private async Task<IReadOnlyList<Activity>> SayAsync(string text) =>
        await _bot.SendAsync(TestBot.Message(Conversation, text, _minute++));

    private static RefundCase Case(string id, string policyId, string status, string conversationKey) => new()
    {
        Id = id,
        ConversationKey = conversationKey,
        CreatedAt = new DateTimeOffset(2026, 3, 10, 9, 0, 0, TimeSpan.Zero),
        Language = "en",
        OrderId = "MS-1001",
        PurchaseDate = new DateOnly(2026, 3, 9),
        Reason = "it doesn't work",
        ReasonCategory = "defective",
        PolicyId = policyId,
        Status = status,
    };
}
