using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace RefundBot.Dialogs.Runtime;

/// <summary>
/// The bot's traces and metrics, named "RefundBot" (OpenTelemetry picks them up when the host exports; with no
/// listener they cost next to nothing). Counters are added once a turn is saved, so a retried turn counts once.
/// </summary>
public static class BotTelemetry
{
    public const string Name = "RefundBot";

    public static readonly ActivitySource Traces = new(Name);

    private static readonly Meter Meter = new(Name);

    /// <summary>
    /// From an activity's arrival to its commit (and the in-process notices after it, the Web Chat stream push), by
    /// channel and activity type: what the turn workers spend. Deliveries by the outbox come after and are not in it.
    /// </summary>
    public static readonly Histogram<double> TurnDuration =
        Meter.CreateHistogram<double>("refundbot.turn.duration", "ms",
            "Time to handle one inbound activity up to its commit (state, case changes, Direct Line replies, outbox records), not the outbox deliveries after it");

    /// <summary>Eligibility decisions, by outcome and policy.</summary>
    public static readonly Counter<long> Decisions = Meter.CreateCounter<long>("refundbot.decisions", description: "Eligibility decisions");

    /// <summary>Conversations handed to people, by reason.</summary>
    public static readonly Counter<long> Escalations = Meter.CreateCounter<long>("refundbot.escalations", description: "Hand-offs to the agent queue");

    /// <summary>Prompts that did not understand two answers and offered a person, by prompt (e.g. "eligibility.Choice").</summary>
    public static readonly Counter<long> PersonOffers =
        Meter.CreateCounter<long>("refundbot.prompts.person_offers", description: "Prompts that offered a person after two misunderstandings");

    /// <summary>Turns that failed (the customer was asked to try again), by channel.</summary>
    public static readonly Counter<long> TurnErrors = Meter.CreateCounter<long>("refundbot.turn.errors", description: "Turns that failed");

    public static void CountDecision(TurnContext turn, string outcome, string policyId) =>
        turn.AfterSave(_ =>
        {
            Decisions.Add(1, new KeyValuePair<string, object?>("outcome", outcome), new KeyValuePair<string, object?>("policy", policyId));
            return Task.CompletedTask;
        });

    public static void CountPersonOffer(TurnContext turn, string promptId) =>
        turn.AfterSave(_ =>
        {
            PersonOffers.Add(1, new KeyValuePair<string, object?>("prompt", promptId));
            return Task.CompletedTask;
        });

    public static void CountEscalation(TurnContext turn, string reason) =>
        turn.AfterSave(_ =>
        {
            Escalations.Add(1, new KeyValuePair<string, object?>("reason", reason));
            return Task.CompletedTask;
        });
}
