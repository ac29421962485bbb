using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging.Abstractions;
using RefundBot.Dialogs.Cases;
using RefundBot.Dialogs.Refund;
using RefundBot.Dialogs.Runtime;
using RefundBot.Dialogs.Runtime.Outbox;
using RefundBot.Dialogs.Runtime.Storage;

namespace RefundBot.Dialogs.Tests;

/// <summary>A case saved before cases carried their follow-up time is found by the follow-ups after the one-time upgrade.</summary>
public sealed class IndexedPropertiesUpgradeTests
{
    private static readonly DateTimeOffset Due = new(2026, 3, 22, 10, 0, 0, TimeSpan.Zero);
    private readonly MemoryDocumentStore _store = new();

    [Fact]
    public async Task A_pending_follow_up_saved_by_an_earlier_version_is_found_once_upgraded()
    {
        var waiting = new RefundCase
        {
            Id = "RB-OLD", ConversationKey = "test/conversations/old", CreatedAt = Due.AddDays(-2), Language = "en",
            OrderId = "A-1", PurchaseDate = new DateOnly(2026, 3, 1), Reason = "broken", ReasonCategory = "defective",
            Reference = new ConversationReference("test", null, new ConversationAccount { Id = "old" }, null, null, "en-US"),
            Status = CaseStatus.WaitingForSupport, WaitingUntil = Due,
        };
        var saved = JsonNode.Parse(JsonSerializer.Serialize(waiting, ActivityJson.Options))!.AsObject();
        Assert.True(saved.Remove("followUpDueAt"), "as earlier versions saved it");
        await _store.WriteAsync("cases/RB-OLD", saved.ToJsonString(), null);
        var cases = new CaseStore(_store, NullLogger<CaseStore>.Instance);
        var upgrade = new IndexedPropertiesUpgrade(_store, new InlineOutbox(_store, [], NullLogger<InlineOutbox>.Instance), NullLogger<IndexedPropertiesUpgrade>.Instance);
        Assert.Empty(await cases.FollowUpsDueAsync(Due, 10));

        Assert.Equal(1, await upgrade.RunOnceAsync(CancellationToken.None));

        Assert.Equal(["RB-OLD"], (await cases.FollowUpsDueAsync(Due, 10)).Select(c => c.Id));
        Assert.Equal(0, await upgrade.RunOnceAsync(CancellationToken.None)); // once
    }

    [Fact]
    public async Task A_case_saved_before_cases_carried_their_listing_key_is_in_its_business_s_list_once_upgraded()
    {
        var decided = new RefundCase
        {
            Id = "RB-LISTED1", ConversationKey = "test/conversations/listed", CreatedAt = Due, Language = "en", OrderId = "A-2",
            PurchaseDate = new DateOnly(2026, 3, 1), Reason = "broken", ReasonCategory = "defective", Status = CaseStatus.Decided, PolicyId = "masecurite",
        };
        var saved = JsonNode.Parse(JsonSerializer.Serialize(decided, ActivityJson.Options))!.AsObject();
        Assert.True(saved.Remove("listingKey"), "as earlier versions saved it");
        await _store.WriteAsync("upgrades/indexed-properties-1", "{}", null); // the first upgrade ran under an earlier version
        await _store.WriteAsync("cases/RB-LISTED1", saved.ToJsonString(), null);
        var pages = new CasePages(_store);
        var upgrade = new IndexedPropertiesUpgrade(_store, new InlineOutbox(_store, [], NullLogger<InlineOutbox>.Instance), NullLogger<IndexedPropertiesUpgrade>.Instance);
        Assert.Empty((await pages.PageAsync(["masecurite"], DateTimeOffset.MinValue, DateTimeOffset.MaxValue, null, 10, _ => true)).Cases);

        Assert.Equal(1, await upgrade.RunOnceAsync(CancellationToken.None));

        Assert.Equal(["RB-LISTED1"], (await pages.PageAsync(["masecurite"], DateTimeOffset.MinValue, DateTimeOffset.MaxValue, null, 10, _ => true)).Cases.Select(c => c.Id));
        Assert.Equal(0, await upgrade.RunOnceAsync(CancellationToken.None)); // once
    }
}
