using System.Text.Json;
using System.Text.Json.Nodes;
using RefundBot.Dialogs.Cases;
using RefundBot.Dialogs.Refund;
using RefundBot.Dialogs.Runtime;
using RefundBot.Dialogs.Runtime.Storage;
using RefundBot.Dialogs.Tests.Transcripts;

namespace RefundBot.Dialogs.Tests.Runtime;

/// <summary>
/// A turn that loses its ETag race runs again on fresh state; what its first attempt changed must not be left behind.
/// Before, the troubleshooting answer was written to the case during the turn, and the rerun appended it again.
/// </summary>
public sealed class LostRaceTests
{
    private const string Flow = """
        @policy necxian
        @timezone America/New_York
        @now 2026-03-10T12:00:00-04:00
        @order NX-3003 2026-03-08 product_type=digital_product
        user: refund for NX-3003, the file is corrupt and won't open
        bot~ ^Hi, I'm the .+ refund assistant\.
        bot~ ^Here is your request:
        user: yes
        bot~ recorded as case
        bot: Have you already worked with our customer service to resolve the issue?
        user: Not yet
        bot~ ^\*\*The problem first has to go through troubleshooting
        bot~ ^Let's try to fix it together first
        bot~ ^Step 1 of 3: Install the latest version
        user: did the steps, still broken
        bot~ ^Step 2 of 3
        user: did it, still not working
        bot~ ^Step 3 of 3
        """;

    [Fact]
    public async Task A_turn_that_loses_its_race_records_a_troubleshooting_answer_once()
    {
        var store = new RacingStore();
        await new TranscriptRunner(store).RunAsync(Transcript.Parse("lost-race", Flow));

        Assert.True(store.Raced, "no turn was made to lose its race");
        var refundCase = Assert.Single(await store.ListAsync("cases/"));
        var answers = JsonSerializer.Deserialize<RefundCase>(refundCase.Json, ActivityJson.Options)!.Troubleshooting;
        Assert.Equal(["notFixed", "notFixed"], answers.Select(a => a.Answer)); // steps 1 and 2, each once
        Assert.Equal(answers.Count, answers.Select(a => a.StepId).Distinct().Count());
    }

    /// <summary>
    /// The in-memory store, except that the first time a troubleshooting answer is about to reach a case, someone else
    /// writes the conversation's state first: the turn's save then loses its ETag race, as on a busy instance pair.
    /// </summary>
    private sealed class RacingStore() : DelegatingDocumentStore(new MemoryDocumentStore())
    {
        private string? _armedFor;

        public bool Raced { get; private set; }

        public override async Task<string> WriteAsync(string key, string json, string? expectedETag, CancellationToken cancellationToken = default)
        {
            Arm(key, json);
            await RaceAsync(key, expectedETag);
            return await Inner.WriteAsync(key, json, expectedETag, cancellationToken);
        }

        public override async Task<IReadOnlyList<string>> CommitAsync(IReadOnlyList<DocumentWrite> writes, CancellationToken cancellationToken = default)
        {
            foreach (var write in writes.Where(w => w.Json is not null))
            {
                Arm(write.Key, write.Json!);
            }

            foreach (var write in writes)
            {
                await RaceAsync(write.Key, write.ExpectedETag);
            }

            return await Inner.CommitAsync(writes, cancellationToken);
        }

        private void Arm(string key, string json)
        {
            if (!Raced && _armedFor is null && key.StartsWith("cases/", StringComparison.Ordinal)
                && JsonNode.Parse(json)?["troubleshooting"] is JsonArray { Count: > 0 })
            {
                _armedFor = JsonNode.Parse(json)!["conversationKey"]!.GetValue<string>();
            }
        }

        private async Task RaceAsync(string key, string? expectedETag)
        {
            if (key == _armedFor && expectedETag is not (null or ETags.Any) && await Inner.ReadAsync(key) is { } current)
            {
                _armedFor = null;
                Raced = true;
                await Inner.WriteAsync(key, current.Json, ETags.Any); // another writer got there first: a new ETag
            }
        }
    }
}
