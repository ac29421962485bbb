using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using RefundBot.Dialogs.Cases;

namespace RefundBot.Dialogs.Tests.Cases;

/// <summary>What must hold for every walk through a case's lifecycle, whoever attempts which move in which order.</summary>
public sealed class CaseLifecycleTests
{
    private static readonly DateTimeOffset Asked = new(2026, 11, 30, 9, 15, 0, TimeSpan.Zero);

    private static readonly CaseActor[] Actors =
        [CaseActor.Bot, CaseActor.Customer, CaseActor.System, CaseActor.Agent("alice", "Alice"), CaseActor.Agent("bob", "Bob")];

    /// <summary>A move someone attempts: the state they want and who they are (indexes into the tables above).</summary>
    public sealed record Attempt(int To, int By)
    {
        public string Target => CaseLifecycle.All[Math.Abs(To % CaseLifecycle.All.Count)];
        public CaseActor Actor => Actors[Math.Abs(By % Actors.Length)];
    }

    [Property(MaxTest = 500)]
    public bool Nothing_leaves_a_final_state(Attempt[] attempts) =>
        Walk(attempts).Pairwise().All(p => !CaseLifecycle.IsFinal(p.Before.Status) || p.After.Status == p.Before.Status);

    [Property(MaxTest = 500)]
    public bool The_bot_never_replaces_an_agents_decision(Attempt[] attempts) =>
        Walk(attempts).Pairwise().All(p =>
            !CaseLifecycle.IsAgentDecided(p.Before.Status) || p.After.Status == p.Before.Status || p.After.History[^1].By.Kind != CaseActor.BotKind);

    [Property(MaxTest = 500)]
    public bool The_request_instant_never_changes(Attempt[] attempts) =>
        Walk(attempts).All(c => c.RequestInstant == Asked);

    [Property(MaxTest = 500)]
    public bool Every_move_is_in_the_history_and_the_history_is_a_chain(Attempt[] attempts)
    {
        var last = Walk(attempts).Last();
        return last.History.Zip(last.History.Skip(1)).All(p => p.Second.From == p.First.To) && last.History[^1].To == last.Status;
    }

    [Fact]
    public void An_agents_decision_is_final_for_the_bot_whatever_the_engine_says()
    {
        var approved = Case().WithAgentDecision(new AgentDecision(AgentOutcomes.Approve, "Refund in full.", "alice", "Alice", Asked.AddHours(2)))!;

        Assert.All(CaseLifecycle.All, to => Assert.Null(approved.TryMove(to, CaseActor.Bot, Asked.AddHours(3), "engine")));
        Assert.Equal(CaseStatus.Approved, approved.Status);
    }

    [Fact]
    public void An_agent_can_overturn_the_bots_denial()
    {
        var denied = Case().TryMove(CaseStatus.Decided, CaseActor.Bot, Asked.AddMinutes(5), "engine: not-eligible")!;

        var approved = denied.WithAgentDecision(new AgentDecision(AgentOutcomes.Approve, "Goodwill.", "alice", "Alice", Asked.AddHours(1)));

        Assert.Equal(CaseStatus.Approved, approved!.Status);
        Assert.Equal([null, CaseStatus.Submitted, CaseStatus.Decided], approved.History.Select(e => e.From));
        Assert.Equal(CaseActor.Agent("alice", "Alice"), approved.History[^1].By);
    }

    [Fact]
    public void Closing_the_conversation_leaves_the_bots_decision_standing()
    {
        var decided = Case().TryMove(CaseStatus.Decided, CaseActor.Bot, Asked.AddMinutes(5), "engine: eligible")!;

        Assert.Null(decided.TryMove(CaseStatus.Closed, CaseActor.Agent("alice", "Alice"), Asked.AddHours(1), "closed"));
    }

    [Fact]
    public void Only_the_customer_withdraws_and_only_an_agent_closes()
    {
        Assert.Null(Case().TryMove(CaseStatus.Withdrawn, CaseActor.Bot, Asked, "?"));
        Assert.NotNull(Case().TryMove(CaseStatus.Withdrawn, CaseActor.Customer, Asked, "customer withdrew"));
        Assert.Null(Case().TryMove(CaseStatus.Closed, CaseActor.Bot, Asked, "?"));
        Assert.NotNull(Case().TryMove(CaseStatus.Closed, CaseActor.Agent("bob", "Bob"), Asked, "closed on the desk"));
    }

    private static IEnumerable<RefundCase> Walk(Attempt[] attempts)
    {
        var current = Case();
        yield return current;
        foreach (var attempt in attempts ?? [])
        {
            var at = current.History[^1].At.AddMinutes(1);
            current = (attempt.Actor.IsAgent && CaseLifecycle.IsOpen(current.Status) && AgentOutcomes.All.FirstOrDefault(o => AgentOutcomes.StatusOf(o) == attempt.Target) is { } outcome
                    ? current.WithAgentDecision(new AgentDecision(outcome, "", attempt.Actor.Id!, attempt.Actor.Name!, at))
                    : current.TryMove(attempt.Target, attempt.Actor, at, "attempt"))
                ?? current;
            yield return current;
        }
    }

    private static RefundCase Case() => new()
    {
        Id = "RB-TEST0001",
        ConversationKey = "directline/c1",
        CreatedAt = Asked.AddMinutes(4),
        RequestedAt = Asked,
        Language = "en",
        OrderId = "TS-4001",
        PurchaseDate = new DateOnly(2026, 11, 20),
        Reason = "it stopped working",
        ReasonCategory = "defective",
        History = [new CaseEvent(Asked.AddMinutes(4), CaseActor.Customer, null, CaseStatus.Submitted, "summary confirmed")],
    };
}

internal static class PairwiseExtensions
{
    public static IEnumerable<(RefundCase Before, RefundCase After)> Pairwise(this IEnumerable<RefundCase> cases) =>
        cases.Zip(cases.Skip(1), (before, after) => (before, after));
}
