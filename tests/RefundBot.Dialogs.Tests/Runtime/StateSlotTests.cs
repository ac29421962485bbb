using System.Text.Json;
using RefundBot.Dialogs.Cases;
using RefundBot.Dialogs.Handoff;
using RefundBot.Dialogs.Privacy;
using RefundBot.Dialogs.Refund;
using RefundBot.Dialogs.Runtime;

namespace RefundBot.Dialogs.Tests.Runtime;

/// <summary>What features remember lives in their own slots of the one state document; older documents still load.</summary>
public sealed class StateSlotTests
{
    /// <summary>A conversation as saved before features had slots: their fields at the top level of the document.</summary>
    private const string SavedBeforeSlots = """
        {"language":"fr","welcomed":true,"policyId":"necxian","lastQuotedSection":"4.2","misunderstandings":1,
         "handoff":{"reason":"asked","requestedAt":"2026-11-30T10:00:00+00:00","agentName":"Léa"},
         "unansweredQuestion":"Do you refund parking tickets?","erasureRequested":true,
         "dialogStack":[],"handledActivityIds":["m1"],"transcript":[]}
        """;

    private static ConversationState Read(string json) => JsonSerializer.Deserialize<ConversationState>(json, ActivityJson.Options)!;

    [Fact]
    public void A_conversation_saved_before_the_slots_keeps_what_each_feature_remembered()
    {
        var state = Read(SavedBeforeSlots);

        Assert.Equal("necxian", state.Get(CaseState.Slot).PolicyId);
        Assert.Equal(("4.2", 1), (state.Get(RefundState.Slot).LastQuotedSection, state.Get(RefundState.Slot).Misunderstandings));
        Assert.Equal(new HandoffStatus("asked", new DateTimeOffset(2026, 11, 30, 10, 0, 0, TimeSpan.Zero), "Léa"), state.Handoff);
        Assert.Equal("Do you refund parking tickets?", state.UnansweredQuestion);
        Assert.True(state.ErasureRequested);
        Assert.Equal(("fr", true), (state.Language, state.Welcomed));
        Assert.Equal(["m1"], state.HandledActivityIds);
    }

    [Fact]
    public void Saved_again_the_old_fields_move_under_their_features_and_nothing_is_lost()
    {
        var state = Read(SavedBeforeSlots);
        _ = (state.PolicyId, state.Handoff, state.Misunderstandings, state.ErasureRequested);

        var saved = JsonSerializer.Serialize(state, ActivityJson.Options);
        using var document = JsonDocument.Parse(saved);

        foreach (var old in new[] { "policyId", "lastQuotedSection", "misunderstandings", "handoff", "unansweredQuestion", "erasureRequested" })
        {
            Assert.False(document.RootElement.TryGetProperty(old, out _), $"{old} is still at the top level");
        }

        var features = document.RootElement.GetProperty("features");
        Assert.Equal("necxian", features.GetProperty("case").GetProperty("policyId").GetString());
        Assert.Equal("Léa", features.GetProperty("handoff").GetProperty("handoff").GetProperty("agentName").GetString());
        var again = Read(saved);
        Assert.Equal(("necxian", "4.2", "Léa", "Do you refund parking tickets?", true),
            (again.PolicyId, again.LastQuotedSection, again.Handoff?.AgentName, again.UnansweredQuestion, again.ErasureRequested));
    }

    [Fact]
    public void Fields_no_slot_has_read_yet_are_saved_as_they_were()
    {
        var state = Read(SavedBeforeSlots);
        _ = state.PolicyId; // only the case's slot is read this turn

        var again = Read(JsonSerializer.Serialize(state, ActivityJson.Options));

        Assert.Equal(("necxian", "Léa", true), (again.PolicyId, again.Handoff?.AgentName, again.ErasureRequested));
    }

    [Fact]
    public void A_slot_left_at_its_defaults_takes_no_room_in_the_document()
    {
        var state = new ConversationState { Language = "en" };
        state.Handoff = new HandoffStatus("asked", DateTimeOffset.UnixEpoch);
        state.Handoff = null;
        _ = state.ErasureRequested;

        Assert.DoesNotContain("features", JsonSerializer.Serialize(state, ActivityJson.Options), StringComparison.Ordinal);
    }

    [Fact]
    public void Changes_to_a_slot_are_saved_with_the_state()
    {
        var state = new ConversationState();
        state.Get(CaseState.Slot).PolicyId = "masecurite";
        state.Misunderstandings++;

        var again = Read(JsonSerializer.Serialize(state, ActivityJson.Options));

        Assert.Equal(("masecurite", 1), (again.PolicyId, again.Misunderstandings));
    }
}
