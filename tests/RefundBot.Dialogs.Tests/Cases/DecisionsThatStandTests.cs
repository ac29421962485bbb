using System.Text.Json;
using RefundBot.Dialogs.Cases;
using RefundBot.Dialogs.Handoff;
using RefundBot.Dialogs.Runtime;
using RefundBot.Dialogs.Runtime.Storage;
using RefundBot.Dialogs.Tests.Transcripts;

namespace RefundBot.Dialogs.Tests.Cases;

/// <summary>
/// Issue 22, problems 1 and 2, as the store records them: an agent's decision is not undone by the hand-back, a
/// request for a person after a decision carries the case (and is noted on it), and a case closed on the desk stays so.
/// </summary>
public sealed class DecisionsThatStandTests
{
    private const string ConversationKey = "test/conversations/transcript-conversation";

    [Fact]
    public async Task Handing_back_leaves_the_agents_decision_as_the_last_word_on_the_case()
    {
        var store = await RunAsync(File("201-ts-4001-agent-decision-stands.transcript"));

        var refundCase = await SingleCaseAsync(store);
        Assert.Equal(CaseStatus.Approved, refundCase.Status);
        Assert.Equal(AgentOutcomes.Approve, refundCase.AgentDecision?.Outcome);
        Assert.True(refundCase.History[^1].By.IsAgent, $"the last move is {refundCase.History[^1]}");
        Assert.Null(await store.ReadAsync("handoffs/" + ConversationKey));
    }

    [Fact]
    public async Task A_person_asked_for_after_a_denial_gets_the_case_with_the_request_noted()
    {
        var store = await RunAsync(string.Join('\n', File("203-nx-3001-denied-then-angry.transcript").Split('\n').TakeWhile(l => !l.StartsWith("@agent", StringComparison.Ordinal))));

        var refundCase = await SingleCaseAsync(store);
        var ticket = JsonSerializer.Deserialize<HandoffTicket>((await store.ReadAsync("handoffs/" + ConversationKey))!.Json, ActivityJson.Options)!;
        Assert.Equal(refundCase.Id, ticket.CaseId);
        Assert.Equal(CaseStatus.Decided, refundCase.Status);
        var note = refundCase.History[^1];
        Assert.Equal((CaseActor.CustomerKind, CaseStatus.Decided, CaseStatus.Decided), (note.By.Kind, note.From, note.To));
        Assert.Equal($"customer asked for a person: {HandoffReasons.CustomerUpset}", note.Why);
    }

    [Fact]
    public async Task A_case_closed_on_the_desk_stays_closed_when_the_customer_writes_again()
    {
        var store = await RunAsync(File("72-human-review-agent-decides.transcript").Replace("@agent decide approve", "# @agent decide approve").Replace(
            "bot~ ^\\*\\*Alice has approved your refund", "# bot~ ^\\*\\*Alice has approved your refund").Replace(
            "bot: Alice has closed this conversation. Thank you for your patience; write to me whenever you need anything else.",
            "bot~ ^Alice has closed this conversation\\. Your case \\*\\*RB-[0-9A-Z]{8}\\*\\* is closed without a refund decision") + "\nuser: NX-3003\nbot~ ^For your information, order NX-3003 already had case \\*\\*RB-[0-9A-Z]{8}\\*\\*: it is closed\\. This is a new request\\.\nbot~ ^Why would you like a refund\\?\n");

        var refundCase = await SingleCaseAsync(store);
        Assert.Equal(CaseStatus.Closed, refundCase.Status);
        Assert.Null(refundCase.AgentDecision);
    }

    private static string File(string name) => System.IO.File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Transcripts", name));

    private static async Task<IDocumentStore> RunAsync(string text)
    {
        var store = new MemoryDocumentStore();
        await new TranscriptRunner(store).RunAsync(Transcript.Parse("decisions-that-stand", text));
        return store;
    }

    private static async Task<RefundCase> SingleCaseAsync(IDocumentStore store) =>
        JsonSerializer.Deserialize<RefundCase>(Assert.Single(await store.ListAsync("cases/")).Json, ActivityJson.Options)!;
}
