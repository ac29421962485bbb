using System.Text.Json.Nodes;
using RefundBot.Dialogs.Prompts;
using RefundBot.Dialogs.Runtime;
using RefundBot.Dialogs.Runtime.Dialogs;

namespace RefundBot.Dialogs.Tests.Runtime;

/// <summary>The dialog stack, waterfalls and prompts, on a tiny two-question dialog.</summary>
public sealed class DialogRuntimeTests
{
    private static readonly BotTexts Texts = BotTexts.LoadEmbedded();
    private readonly ConversationState _state = new();
    private readonly DialogSet _dialogs = new DialogSet()
        .Add(new WaterfallDialog("survey",
        [
            (step, ct) => step.PromptAsync("name", new PromptOptions { Text = "Your name?", RetryText = "Your name, please?", MaxAttempts = 2 }, ct),
            (step, ct) =>
            {
                step.Values["name"] = step.Result?.DeepClone();
                return step.PromptAsync("age", new PromptOptions { Text = "Your age?" }, ct);
            },
            (step, ct) => step.EndAsync(new JsonObject { ["name"] = step.Values["name"]?.DeepClone(), ["age"] = step.Result?.DeepClone() }, ct),
        ]))
        .Add(new TextPrompt("name", (text, _) => text.All(char.IsLetter) ? Recognized<string>.Success(text) : Recognized<string>.Failure()))
        .Add(new NumberPrompt("age", (age, _) => age is > 0 and < 150 ? null : "That can't be an age."));

    [Fact]
    public async Task A_waterfall_runs_its_steps_through_prompts_and_ends_with_its_result()
    {
        var begun = await Turn(null, dc => dc.BeginDialogAsync("survey"));
        Assert.Equal(DialogTurnStatus.Waiting, begun.Result.Status);
        Assert.Equal(["Your name?"], begun.Said);
        Assert.Equal(["survey", "name"], _state.DialogStack.Select(d => d.Id));

        var named = await Turn("Ada", dc => dc.ContinueDialogAsync());
        Assert.Equal(["Your age?"], named.Said);

        var done = await Turn("36", dc => dc.ContinueDialogAsync());
        Assert.Equal(DialogTurnStatus.Complete, done.Result.Status);
        Assert.Equal("""{"name":"Ada","age":36}""", done.Result.Result?.ToJsonString());
        Assert.Empty(_state.DialogStack);
    }

    [Fact]
    public async Task A_bad_answer_is_reprompted_and_a_validator_explains_what_is_wrong()
    {
        await Turn(null, dc => dc.BeginDialogAsync("survey"));
        Assert.Equal(["Your name, please?"], (await Turn("R2-D2", dc => dc.ContinueDialogAsync())).Said);

        await Turn("Ada", dc => dc.ContinueDialogAsync());
        Assert.Equal(["That can't be an age.", "Your age?"], (await Turn("200", dc => dc.ContinueDialogAsync())).Said);
    }

    [Fact]
    public async Task A_prompt_gives_up_after_its_attempts_and_ends_with_no_result()
    {
        await Turn(null, dc => dc.BeginDialogAsync("survey"));
        await Turn("R2-D2", dc => dc.ContinueDialogAsync());

        var gaveUp = await Turn("C-3PO", dc => dc.ContinueDialogAsync());

        Assert.Equal(["Your age?"], gaveUp.Said);
        Assert.Null(_state.DialogStack[0].State["values"]!["name"]);
    }

    [Fact]
    public async Task Reprompting_asks_the_active_question_again_and_cancelling_clears_the_stack()
    {
        await Turn(null, dc => dc.BeginDialogAsync("survey"));

        Assert.Equal(["Your name?"], (await Turn("help", async dc =>
        {
            await dc.RepromptDialogAsync();
            return DialogTurnResult.Waiting;
        })).Said);

        var cancelled = await Turn("cancel", dc => Task.FromResult(dc.CancelAllDialogs()));
        Assert.Equal(DialogTurnStatus.Cancelled, cancelled.Result.Status);
        Assert.Empty(_state.DialogStack);
    }

    [Fact]
    public async Task Continuing_with_no_active_dialog_is_empty()
    {
        var result = await Turn("hello", dc => dc.ContinueDialogAsync());

        Assert.Equal(DialogTurnStatus.Empty, result.Result.Status);
    }

    [Fact]
    public async Task Replacing_a_dialog_starts_another_in_its_place()
    {
        await Turn(null, dc => dc.BeginDialogAsync("survey"));
        await Turn("Ada", dc => dc.ContinueDialogAsync());

        var replaced = await Turn(null, async dc =>
        {
            await dc.EndDialogAsync(null);
            return await dc.ReplaceDialogAsync("survey");
        });

        Assert.Equal(["Your name?"], replaced.Said);
        Assert.Equal(["survey", "name"], _state.DialogStack.Select(d => d.Id));
    }

    private async Task<(DialogTurnResult Result, List<string?> Said)> Turn(string? text, Func<DialogContext, Task<DialogTurnResult>> act)
    {
        var activity = new Activity { Type = ActivityTypes.Message, Text = text, Conversation = new() { Id = "c" }, ChannelId = "test" };
        var turn = new TurnContext(activity, _state, DateTimeOffset.UnixEpoch, Texts);
        var result = await act(new DialogContext(_dialogs, turn));
        return (result, turn.Replies.Select(r => r.Text).ToList());
    }
}
