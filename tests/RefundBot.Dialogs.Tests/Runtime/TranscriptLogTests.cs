using System.Text.Json;
using Microsoft.Extensions.Logging.Abstractions;
using RefundBot.Dialogs.Runtime;
using RefundBot.Dialogs.Runtime.Storage;
using RefundBot.Dialogs.Runtime.Transcripts;

namespace RefundBot.Dialogs.Tests.Runtime;

public sealed class TranscriptLogTests
{
    private const string Key = "test/conversations/long";
    private static readonly DateTimeOffset Start = new(2026, 3, 20, 10, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task A_long_conversation_moves_its_oldest_lines_to_an_archive_and_still_reads_whole()
    {
        var store = new MemoryDocumentStore();
        var log = new TranscriptLog(store);
        var state = new ConversationState();

        for (var turn = 0; turn < 120; turn++)
        {
            var work = new UnitOfWork();
            log.Add(Key, state, [Line(2 * turn), Line(2 * turn + 1)], work);
            await store.CommitAsync([.. work.Writes, DocumentWrite.Put(Key, JsonSerializer.Serialize(state, ActivityJson.Options), ETags.Any)]);
        }

        Assert.True(state.Transcript.Count <= TranscriptLog.MaxLinesInState);
        Assert.NotEmpty(await store.ListAsync("transcripts/" + Key + "/"));
        Assert.Equal(Enumerable.Range(0, 240).Select(i => $"line {i}"), (await log.ReadAsync(Key)).Select(l => l.Text));
    }

    private static TranscriptEntry Line(int i) => new(Start.AddMinutes(i), TranscriptRoles.Customer, null, $"line {i}");
}
