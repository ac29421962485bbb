using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using RefundBot.Dialogs.Cases;
using RefundBot.Dialogs.Refund;
using RefundBot.Dialogs.Runtime;
using RefundBot.Dialogs.Runtime.Storage;

namespace RefundBot.Dialogs.Tests.Privacy;

public sealed class ForgetMeTests
{
    private readonly NoScanStore _store = new(); // erasing one conversation reads its cases through the index
    private readonly TestBot _bot;
    private int _count;

    public ForgetMeTests() => _bot = new TestBot(_store);

    [Fact]
    public async Task A_customer_who_asks_to_be_forgotten_loses_their_conversation_and_case_and_nobody_else_does()
    {
        await RecordCaseAsync("forgotten", "A-20417");
        await RecordCaseAsync("kept", "A-20418"); // another order: one open case per order
        Assert.Single(await Cases.ForConversationAsync("test/conversations/forgotten"));
        Assert.Single(await Cases.ForConversationAsync("test/conversations/kept"));

        await SayAsync("forgotten", "forget me");
        var erased = await SayAsync("forgotten", "Yes, delete it");

        Assert.StartsWith("Done: this conversation and its case are deleted.", erased[0].Text);
        Assert.Null(await _store.ReadAsync("test/conversations/forgotten"));
        Assert.Empty(await Cases.ForConversationAsync("test/conversations/forgotten"));
        Assert.Single(await Cases.ForConversationAsync("test/conversations/kept"));
        Assert.NotNull(await _store.ReadAsync("test/conversations/kept"));
    }

    private CaseStore Cases => _bot.Services.GetRequiredService<CaseStore>();

    private async Task RecordCaseAsync(string conversation, string orderId)
    {
        await SayAsync(conversation, $"refund for order {orderId} bought yesterday, it does not work");
        var recorded = await SayAsync(conversation, "Yes, submit it");
        Assert.Contains(recorded, r => r.Text?.Contains("recorded as case", StringComparison.Ordinal) == true);
    }

    private Task<IReadOnlyList<Activity>> SayAsync(string conversation, string text) =>
        _bot.SendAsync(TestBot.Message(conversation, text, ++_count));
}
