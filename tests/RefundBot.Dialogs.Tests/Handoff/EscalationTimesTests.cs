using Microsoft.Extensions.DependencyInjection;
using RefundBot.Dialogs.Cases;
using RefundBot.Dialogs.Handoff;
using RefundBot.Dialogs.Runtime.Storage;
using RefundBot.Dialogs.Tests.Transcripts;

namespace RefundBot.Dialogs.Tests.Handoff;

/// <summary>
/// What the console's times rest on: the case keeps when it first went to a person and why, and when an agent first
/// joined its conversation, each written by the turn that did it (transcript 303 plays the conversation).
/// </summary>
public sealed class EscalationTimesTests
{
    [Fact]
    public async Task A_case_keeps_when_it_went_to_a_person_and_when_an_agent_joined()
    {
        var runner = new TranscriptRunner(new MemoryDocumentStore());
        var file = "303-rating-after-an-agent-hands-back-a-decision.transcript";
        await runner.RunAsync(Transcript.Parse(file, await File.ReadAllTextAsync(Path.Combine(AppContext.BaseDirectory, "Transcripts", file))));

        var refundCase = Assert.Single(await runner.Bot.Services.GetRequiredService<CaseStore>().ForConversationAsync(runner.ConversationKey));

        Assert.Equal(HandoffReasons.CustomerAsked, refundCase.EscalationReason);
        Assert.NotNull(refundCase.EscalatedAt);
        Assert.NotNull(refundCase.AgentJoinedAt);
        // The transcript's desk acts at the clock of the customer's last message, so "after" may be the same instant.
        Assert.True(refundCase.EscalatedAt <= refundCase.AgentJoinedAt, "the agent joined after the case went to a person");
        Assert.True(refundCase.AgentJoinedAt <= refundCase.AgentDecision!.At, "and before deciding");
        Assert.True(refundCase.RequestInstant <= refundCase.EscalatedAt);
    }

    [Fact]
    public void A_second_escalation_keeps_the_first_instant_and_reason()
    {
        var at = new DateTimeOffset(2026, 3, 1, 10, 0, 0, TimeSpan.Zero);
        var refundCase = new RefundCase
        {
            Id = "RB-1", ConversationKey = "c", CreatedAt = at, Language = "en", OrderId = "A-1", PurchaseDate = new DateOnly(2026, 2, 1),
            Reason = "r", ReasonCategory = "other",
        };

        var twice = refundCase.Escalated(HandoffReasons.HumanReview, at.AddMinutes(1)).Escalated(HandoffReasons.CustomerUpset, at.AddHours(2));

        Assert.Equal((at.AddMinutes(1), HandoffReasons.HumanReview), (twice.EscalatedAt!.Value, twice.EscalationReason));
    }
}
