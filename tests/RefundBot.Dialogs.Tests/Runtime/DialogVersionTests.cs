using System.Text.Json.Nodes;
using RefundBot.Dialogs.Runtime;
using RefundBot.Dialogs.Runtime.Storage;

namespace RefundBot.Dialogs.Tests.Runtime;

/// <summary>
/// A conversation saved by another version of the bot (a waterfall with other steps) is not resumed at a step that
/// now means another: it starts the request again, saying so in the customer's language. One saved before versions
/// existed is resumed where its waterfall's steps are the same.
/// </summary>
public sealed class DialogVersionTests
{
    private readonly MemoryDocumentStore _store = new();
    private readonly TestBot _bot;
    private int _minute;

    public DialogVersionTests() => _bot = new TestBot(_store);

    [Fact]
    public async Task An_intake_saved_by_a_version_with_other_steps_restarts_with_an_apology_and_keeps_this_messages_facts()
    {
        Assert.Contains("order ID", (await SayAsync("old", "I want a refund"))[^1].Text);
        await EditStackAsync("old", stack => stack[0]!["version"] = "refundIntake:6"); // saved by a bot whose intake had 6 steps

        var replies = await SayAsync("old", "A-20417");

        Assert.StartsWith("Sorry: I was updated since your last message", replies[0].Text);
        Assert.DoesNotContain(replies, r => r.Text?.Contains("order ID", StringComparison.Ordinal) == true); // the order id of this message is kept
        var stack = await StackAsync("old");
        Assert.Equal("refundIntake:7", stack[0]!["version"]!.GetValue<string>());
    }

    [Fact]
    public async Task The_apology_is_in_the_customers_language()
    {
        await SayAsync("ancien", "je veux un remboursement", "fr-FR");
        await EditStackAsync("ancien", stack => stack[0]!["version"] = "refundIntake:8");

        var replies = await SayAsync("ancien", "A-20417", "fr-FR");

        Assert.StartsWith("Désolé\u00A0: j'ai été mis à jour depuis votre dernier message", replies[0].Text);
    }

    [Fact]
    public async Task State_saved_before_versions_existed_resumes_where_the_steps_are_the_same()
    {
        await SayAsync("legacy", "I want a refund");
        await EditStackAsync("legacy", stack =>
        {
            foreach (var instance in stack)
            {
                instance!.AsObject().Remove("version");
            }
        });

        var replies = await SayAsync("legacy", "A-20417");

        Assert.DoesNotContain(replies, r => r.Text?.StartsWith("Sorry: I was updated", StringComparison.Ordinal) == true);
        Assert.NotEmpty(replies);
    }

    [Fact]
    public async Task An_outdated_prompt_over_a_current_dialog_is_asked_again()
    {
        await SayAsync("prompt", "I want a refund");
        await EditStackAsync("prompt", stack => stack[^1]!["version"] = "refundIntake.orderId:old");

        var replies = await SayAsync("prompt", "hello?");

        Assert.DoesNotContain(replies, r => r.Text?.StartsWith("Sorry: I was updated", StringComparison.Ordinal) == true);
        Assert.Contains("order ID", replies[^1].Text);
    }

    private Task<IReadOnlyList<Activity>> SayAsync(string conversation, string text, string locale = "en-US") =>
        _bot.SendAsync(TestBot.Message(conversation, text, ++_minute, locale));

    private async Task<JsonArray> StackAsync(string conversation) =>
        JsonNode.Parse((await _store.ReadAsync($"test/conversations/{conversation}"))!.Json)!["dialogStack"]!.AsArray();

    private async Task EditStackAsync(string conversation, Action<JsonArray> edit)
    {
        var document = (await _store.ReadAsync($"test/conversations/{conversation}"))!;
        var state = JsonNode.Parse(document.Json)!;
        var stack = state["dialogStack"]!.AsArray();
        Assert.NotEmpty(stack);
        edit(stack);
        await _store.WriteAsync(document.Key, state.ToJsonString(), document.ETag);
    }
}
