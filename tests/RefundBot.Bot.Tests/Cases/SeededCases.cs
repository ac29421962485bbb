using System.Text.Json;
using RefundBot.Dialogs.Cases;
using RefundBot.Dialogs.Runtime;
using RefundBot.Eligibility.Model;

namespace RefundBot.Bot.Tests.Cases;

/// <summary>Cases written straight to a store, as earlier turns would have recorded them: for listing and paging tests.</summary>
internal static class SeededCases
{
    public static readonly DateTimeOffset Start = new(2026, 3, 1, 9, 0, 0, TimeSpan.Zero);

    public static RefundCase Case(string id, string policyId, DateTimeOffset requestedAt, string status = CaseStatus.Decided, string? outcome = "fullRefund") => new()
    {
        Id = id, ConversationKey = $"test/conversations/{id.ToLowerInvariant()}", CreatedAt = requestedAt, RequestedAt = requestedAt,
        Language = "en", OrderId = $"O-{id[^4..]}", PurchaseDate = DateOnly.FromDateTime(requestedAt.UtcDateTime).AddDays(-3),
        Reason = "it does not work", ReasonCategory = "defective", Status = status, PolicyId = policyId,
        Decision = outcome is null ? null : new CaseDecision(outcome, "rule", ["section"], new RefundBreakdown("EUR", 20m, 0m, 0m, 0m, 20m, []), null, []),
    };

    public static string Json(RefundCase refundCase) => JsonSerializer.Serialize(refundCase, ActivityJson.Options);
}
