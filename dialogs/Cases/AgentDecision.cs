using System.Diagnostics.CodeAnalysis;
using System.Text.Json.Serialization;

namespace RefundBot.Dialogs.Cases;

/// <summary>
/// What an agent decided on the desk: the outcome (<see cref="AgentOutcomes"/>), the amount approved when there is one,
/// the message the customer is told, and an internal note that only the desk ever shows.
/// </summary>
public sealed record AgentDecision
{
    public AgentDecision()
    {
    }

    /// <summary>A decision with one message to the customer and no amount or internal note (as the desk recorded them before).</summary>
    [SetsRequiredMembers]
    public AgentDecision(string outcome, string customerMessage, string agentId, string agentName, DateTimeOffset at)
    {
        Outcome = outcome;
        CustomerMessage = customerMessage;
        AgentId = agentId;
        AgentName = agentName;
        At = at;
    }

    public required string Outcome { get; init; }

    /// <summary>The refund approved, in <see cref="Currency"/>: what was paid for a full approval (when the case knows it), the agent's amount for a partial one.</summary>
    public decimal? Amount { get; init; }

    public string? Currency { get; init; }

    /// <summary>What the customer is told, in the agent's words (prefilled on the desk from the policy's wording).</summary>
    public string CustomerMessage { get; init; } = "";

    /// <summary>For the team only: never in a reply, never in the customer's transcript.</summary>
    public string InternalNote { get; init; } = "";

    public required string AgentId { get; init; }
    public required string AgentName { get; init; }
    public required DateTimeOffset At { get; init; }

    /// <summary>Decisions stored before the message and the internal note were apart kept one note, which the customer was told.</summary>
    [JsonInclude, JsonPropertyName("note")]
    internal string? LegacyNote
    {
        get => null;
        init
        {
            if (!string.IsNullOrEmpty(value) && CustomerMessage.Length == 0)
            {
                CustomerMessage = value;
            }
        }
    }
}
