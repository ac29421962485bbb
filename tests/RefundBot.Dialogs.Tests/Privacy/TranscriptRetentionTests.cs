using System.Text.Json;
using Microsoft.Extensions.Logging.Abstractions;
using RefundBot.Dialogs.Cases;
using RefundBot.Dialogs.Handoff;
using RefundBot.Dialogs.Privacy;
using RefundBot.Dialogs.Refund;
using RefundBot.Dialogs.Runtime;
using RefundBot.Dialogs.Runtime.Storage;
using RefundBot.Dialogs.Runtime.Transcripts;

namespace RefundBot.Dialogs.Tests.Privacy;

/// <summary>What was said is deleted once older than the retention period; the conversation itself and its cases stay.</summary>
public sealed class TranscriptRetentionTests
{
    private static readonly DateTimeOffset Cutoff = new(2026, 6, 1, 0, 0, 0, TimeSpan.Zero);
    private readonly NoScanStore _store = new(); // retention reads only what is past the period

    [Fact]
    public async Task Archives_and_state_lines_older_than_the_cutoff_are_deleted_newer_ones_kept()
    {
        await _store.WriteAsync(Archive(Cutoff.AddDays(-10)), "[]", null);
        await _store.WriteAsync(Archive(Cutoff.AddDays(2)), "[]", null);
        await _store.WriteAsync("directline/conversations/c1", Json(new ConversationState
        {
            PolicyId = "necxian",
            Transcript = [Line(Cutoff.AddDays(-1), "my old message"), Line(Cutoff.AddDays(1), "my new message")],
        }), null);
        await _store.WriteAsync("cases/RB-1", """{"id":"RB-1"}""", null);

        var purged = await Retention().PurgeAsync(Cutoff, CancellationToken.None);

        Assert.Equal(2, purged);
        Assert.Null(await _store.ReadAsync(Archive(Cutoff.AddDays(-10))));
        Assert.NotNull(await _store.ReadAsync(Archive(Cutoff.AddDays(2))));
        var state = JsonSerializer.Deserialize<ConversationState>((await _store.ReadAsync("directline/conversations/c1"))!.Json, ActivityJson.Options)!;
        Assert.Equal(["my new message"], state.Transcript.Select(l => l.Text));
        Assert.Equal("necxian", state.PolicyId);
        Assert.NotNull(await _store.ReadAsync("cases/RB-1"));
    }

    /// <summary>The desk's closed records hold the team's notes and the customer's question: they go with the period, and with "forget me".</summary>
    [Fact]
    public async Task The_desks_records_of_closed_conversations_go_once_past_the_period_and_with_the_conversation()
    {
        var old = ClosedHandoff.KeyFor("directline/conversations/c1", Cutoff.AddDays(-2));
        var recent = ClosedHandoff.KeyFor("directline/conversations/c1", Cutoff.AddDays(1));
        var other = ClosedHandoff.KeyFor("directline/conversations/c2", Cutoff.AddDays(1));
        await _store.WriteAsync(old, Closed("directline/conversations/c1", Cutoff.AddDays(-2)), null);
        await _store.WriteAsync(recent, Closed("directline/conversations/c1", Cutoff.AddDays(1)), null);
        await _store.WriteAsync(other, Closed("directline/conversations/c2", Cutoff.AddDays(1)), null);

        Assert.Equal(1, await Retention().PurgeAsync(Cutoff, CancellationToken.None));
        Assert.Null(await _store.ReadAsync(old));
        Assert.NotNull(await _store.ReadAsync(recent));

        await Eraser().EraseAsync("directline", "c1", CancellationToken.None);
        Assert.Null(await _store.ReadAsync(recent));
        Assert.NotNull(await _store.ReadAsync(other));
    }

    [Fact]
    public async Task A_conversation_whose_every_line_is_past_the_period_is_deleted_whole()
    {
        await _store.WriteAsync("emulator/conversations/idle", Json(new ConversationState
        {
            Transcript = [Line(Cutoff.AddDays(-3), "order A-1234")],
            LastReplies = [new Activity { Type = ActivityTypes.Message, Text = "When did you buy order A-1234?" }],
        }), null);

        Assert.Equal(1, await Retention().PurgeAsync(Cutoff, CancellationToken.None));
        Assert.Null(await _store.ReadAsync("emulator/conversations/idle"));
    }

    [Fact]
    public async Task A_conversation_with_nothing_old_is_not_rewritten()
    {
        var etag = await _store.WriteAsync("msteams/conversations/c2", Json(new ConversationState { Transcript = [Line(Cutoff.AddHours(1), "hi")] }), null);

        Assert.Equal(0, await Retention().PurgeAsync(Cutoff, CancellationToken.None));
        Assert.Equal(etag, (await _store.ReadAsync("msteams/conversations/c2"))!.ETag);
    }

    private TranscriptRetention Retention() => new(_store, [], NullLogger<TranscriptRetention>.Instance);

    private ConversationEraser Eraser() => new(_store, new CaseStore(_store, NullLogger<CaseStore>.Instance),
        new HandoffQueue(_store, [], NullLogger<HandoffQueue>.Instance), new ClosedHandoffs(_store), [], NullLogger<ConversationEraser>.Instance);

    /// <summary>The desk's record of a conversation that left the queue, as the closing turn writes it.</summary>
    private static string Closed(string conversationKey, DateTimeOffset at) => JsonSerializer.Serialize(new ClosedHandoff
    {
        Ticket = new HandoffTicket
        {
            ConversationKey = conversationKey, Reference = new ConversationReference("directline", null, null, null, null, "en"), Reason = "customer-asked",
            RequestedAt = at, WaitingSince = at, Language = "en", Question = "can I pay with a voucher?",
            Notes = [new InternalNote(at, "alice", "Alice", "Customer called the hotline twice.")],
        },
        ClosedAt = at, Kind = ClosedHandoffKinds.Closed,
    }, ActivityJson.Options);

    private static string Archive(DateTimeOffset lastLine) => $"transcripts/directline/conversations/c1/{lastLine.UtcTicks:D19}";

    private static TranscriptEntry Line(DateTimeOffset at, string text) => new(at, TranscriptRoles.Customer, null, text);

    private static string Json(ConversationState state) => JsonSerializer.Serialize(state, ActivityJson.Options);
}
