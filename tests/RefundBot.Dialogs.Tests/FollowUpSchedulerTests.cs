using Microsoft.Extensions.DependencyInjection;
using RefundBot.Dialogs.Cases;
using RefundBot.Dialogs.Handoff;
using RefundBot.Dialogs.Refund;
using RefundBot.Dialogs.Runtime;
using RefundBot.Dialogs.Runtime.Storage;

namespace RefundBot.Dialogs.Tests;

/// <summary>
/// A follow-up round reaches every due case a person does not have, however many are skipped, and a case's follow-up
/// counts as sent only when its turn committed.
/// </summary>
public sealed class FollowUpSchedulerTests
{
    private static readonly DateTimeOffset Now = new(2026, 3, 22, 10, 0, 0, TimeSpan.Zero);
    private readonly MemoryDocumentStore _store = new();

    [Fact]
    public async Task More_handed_off_cases_than_one_page_do_not_hold_back_the_others()
    {
        var bot = new TestBot(_store);
        var cases = bot.Services.GetRequiredService<CaseStore>();
        var handoffs = bot.Services.GetRequiredService<HandoffQueue>();
        for (var i = 0; i < FollowUpScheduler.MaxPerRound + 1; i++)
        {
            var handedOff = Waiting($"RB-H{i:D3}", Now.AddHours(-5).AddMinutes(i % 3)); // ties across the page's end too
            await cases.SaveAsync(handedOff);
            await handoffs.AddAsync(Ticket(handedOff));
        }

        await cases.SaveAsync(Waiting("RB-FREE", Now.AddHours(-1)));

        await bot.RunFollowUpsAsync(Now);

        Assert.True((await cases.FindAsync("RB-FREE"))!.FollowUpSent);
        Assert.False((await cases.FindAsync("RB-H000"))!.FollowUpSent); // a person has it: it waits
    }

    [Fact]
    public async Task A_follow_up_whose_turn_did_not_run_stays_due()
    {
        var bot = new TestBot(_store, services => services.AddSingleton<ITurnEntrance, ShuttingDown>());
        var cases = bot.Services.GetRequiredService<CaseStore>();
        await cases.SaveAsync(Waiting("RB-WAIT", Now.AddHours(-1)));

        var sent = await bot.Services.GetRequiredService<FollowUpScheduler>().RunDueAsync(Now, _ => new NoDelivery(), CancellationToken.None);

        Assert.Equal(0, sent);
        Assert.False((await cases.FindAsync("RB-WAIT"))!.FollowUpSent);
        Assert.Equal(["RB-WAIT"], (await cases.FollowUpsDueAsync(Now, 10)).Select(c => c.Id));
    }

    [Fact]
    public async Task A_follow_up_whose_turn_failed_stays_due()
    {
        var bot = new TestBot(_store, services => services.AddSingleton<IConversationBot, FailingBot>());
        var cases = bot.Services.GetRequiredService<CaseStore>();
        await cases.SaveAsync(Waiting("RB-FAIL", Now.AddHours(-1)));

        var sent = await bot.Services.GetRequiredService<FollowUpScheduler>().RunDueAsync(Now, _ => new NoDelivery(), CancellationToken.None);

        Assert.Equal(0, sent);
        Assert.False((await cases.FindAsync("RB-FAIL"))!.FollowUpSent);
    }

    private static RefundCase Waiting(string id, DateTimeOffset until) => new()
    {
        Id = id, ConversationKey = $"test/conversations/{id}", CreatedAt = until.AddDays(-2), Language = "en",
        OrderId = "A-1", PurchaseDate = new DateOnly(2026, 3, 1), Reason = "broken", ReasonCategory = "defective",
        Reference = new ConversationReference("test", null, new ConversationAccount { Id = id }, null, null, "en-US"),
        Status = CaseStatus.WaitingForSupport, WaitingUntil = until,
    };

    private static HandoffTicket Ticket(RefundCase refundCase) => new()
    {
        ConversationKey = refundCase.Reference!.ConversationKey, Reference = refundCase.Reference, Reason = "asked",
        RequestedAt = Now.AddHours(-6), WaitingSince = Now.AddHours(-6), Language = "en", CaseId = refundCase.Id,
    };

    private sealed class ShuttingDown : ITurnEntrance
    {
        public Task<bool> RunAsync(Activity activity, IReplyDelivery delivery, CancellationToken cancellationToken) => Task.FromResult(false);
    }

    private sealed class FailingBot : IConversationBot
    {
        public Task OnTurnAsync(TurnContext turn, CancellationToken cancellationToken) => throw new InvalidOperationException("a turn that fails");
    }

    private sealed class NoDelivery : IReplyDelivery
    {
        public Task DeliverAsync(Activity inbound, IReadOnlyList<Activity> replies, CancellationToken cancellationToken) => Task.CompletedTask;
    }
}
