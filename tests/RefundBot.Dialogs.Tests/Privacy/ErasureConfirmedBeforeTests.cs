using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using RefundBot.Dialogs.Cases;
using RefundBot.Dialogs.Refund;
using RefundBot.Dialogs.Runtime;
using RefundBot.Dialogs.Runtime.Outbox;
using RefundBot.Dialogs.Runtime.Storage;

namespace RefundBot.Dialogs.Tests.Privacy;

/// <summary>
/// A "forget me" confirmed under the version before the outbox was saved as <c>erasureConfirmed: true</c> and carried
/// out after the save; a bot stopped in between left the flag. Met on load or by the one-time upgrade, it is carried out.
/// </summary>
public sealed class ErasureConfirmedBeforeTests
{
    private readonly MemoryDocumentStore _store = new();
    private readonly TestBot _bot;
    private int _count;

    public ErasureConfirmedBeforeTests() => _bot = new TestBot(_store);

    private CaseStore Cases => _bot.Services.GetRequiredService<CaseStore>();

    [Fact]
    public async Task The_next_turn_of_a_conversation_confirmed_forgotten_before_erases_it_first()
    {
        await RecordCaseAsync("forgotten", "A-20417");
        await RecordCaseAsync("kept", "A-20418"); // another order: one open case per order
        await ConfirmedUnderTheEarlierVersionAsync("forgotten");

        var replies = await SayAsync("forgotten", "hello");

        Assert.Empty(await Cases.ForConversationAsync("test/conversations/forgotten"));
        Assert.Single(await Cases.ForConversationAsync("test/conversations/kept"));
        var state = (await _store.ReadAsync("test/conversations/forgotten"))!.Json;
        Assert.DoesNotContain("A-20417", state, StringComparison.Ordinal); // only the new turn is left
        Assert.DoesNotContain("erasureConfirmed", state, StringComparison.Ordinal);
        Assert.NotEmpty(replies); // and the customer is answered as in a new conversation
        Assert.Empty(await _store.ListAsync(OutboxKeys.Prefix));
    }

    [Fact]
    public async Task The_one_time_upgrade_erases_a_conversation_confirmed_forgotten_before()
    {
        await RecordCaseAsync("forgotten", "A-20417");
        await RecordCaseAsync("kept", "A-20418"); // another order: one open case per order
        await ConfirmedUnderTheEarlierVersionAsync("forgotten");

        await _bot.Services.GetRequiredService<IndexedPropertiesUpgrade>().RunOnceAsync(CancellationToken.None);

        Assert.Null(await _store.ReadAsync("test/conversations/forgotten"));
        Assert.Empty(await Cases.ForConversationAsync("test/conversations/forgotten"));
        Assert.Single(await Cases.ForConversationAsync("test/conversations/kept"));
        Assert.NotNull(await _store.ReadAsync("test/conversations/kept"));
        Assert.Empty(await _store.ListAsync(OutboxKeys.Prefix));
    }

    /// <summary>The state as the earlier version left it: the flag saved, the erasure never run.</summary>
    private async Task ConfirmedUnderTheEarlierVersionAsync(string conversation)
    {
        var key = $"test/conversations/{conversation}";
        var stored = (await _store.ReadAsync(key))!;
        var old = JsonNode.Parse(stored.Json)!.AsObject();
        old["erasureConfirmed"] = true;
        await _store.WriteAsync(key, old.ToJsonString(), stored.ETag);
    }

    private async Task RecordCaseAsync(string conversation, string orderId)
    {
        await SayAsync(conversation, $"refund for order {orderId} bought yesterday, it does not work");
        var recorded = await SayAsync(conversation, "Yes, submit it");
        Assert.Contains(recorded, r => r.Text?.Contains("recorded as case", StringComparison.Ordinal) == true);
    }

    private Task<IReadOnlyList<Activity>> SayAsync(string conversation, string text) =>
        _bot.SendAsync(TestBot.Message(conversation, text, ++_count));
}
