using System.Globalization;
using System.Text.Json;
using RefundBot.Dialogs.Runtime.Outbox;
using RefundBot.Dialogs.Runtime.Storage;

namespace RefundBot.Dialogs.Runtime.Transcripts;

/// <summary>Who said a line of a transcript.</summary>
internal static class TranscriptRoles
{
    public const string Customer = "customer";
    public const string Bot = "bot";
    public const string Agent = "agent";

    /// <summary>A reply written by a person on the agent desk comes from an account whose id starts with this.</summary>
    public const string AgentIdPrefix = "agent:";

    public static bool IsFromAgent(Activity reply) => reply.From?.Id?.StartsWith(AgentIdPrefix, StringComparison.Ordinal) == true;
}

/// <summary>One line of a conversation: who said what, and when.</summary>
public sealed record TranscriptEntry(DateTimeOffset At, string Role, string? Name, string Text);

/// <summary>Told of new transcript lines (the agent desk shows them live).</summary>
public interface ITranscriptObserver
{
    Task AppendedAsync(string conversationKey, IReadOnlyList<TranscriptEntry> entries, CancellationToken cancellationToken);
}

/// <summary>
/// What was said in each conversation, so that a person taking over reads the whole exchange. A turn's lines are
/// added to the conversation's state document, so they are saved with it, atomically, in the same write: a turn
/// retried after a conflict, or lost in a crash, leaves no lines behind, and a turn costs no extra write. A long
/// conversation moves its oldest lines to archive documents, "transcripts/{conversation key}/{ticks}".
/// </summary>
public sealed class TranscriptLog(IDocumentStore store)
{
    private const string Prefix = "transcripts/";

    /// <summary>Lines kept in the state document; past this, the older half goes to an archive document.</summary>
    public const int MaxLinesInState = 200;

    /// <summary>The lines one turn adds: the customer's message and the files kept from it, then the replies that carry text.</summary>
    public static IReadOnlyList<TranscriptEntry> LinesOf(Activity inbound, IReadOnlyList<Activity> replies, DateTimeOffset at)
    {
        var lines = new List<TranscriptEntry>(replies.Count + 1);
        if (inbound.IsMessage && !string.IsNullOrWhiteSpace(inbound.Text))
        {
            lines.Add(new TranscriptEntry(at, TranscriptRoles.Customer, null, inbound.Text));
        }

        // A file the channel kept is a line of its own ("📎 receipt.pdf, 212 KB"); a refused one left nothing to show.
        foreach (var file in inbound.IsMessage ? ReceivedFiles.Of(inbound).Where(f => f.IsStored) : [])
        {
            lines.Add(new TranscriptEntry(at, TranscriptRoles.Customer, null, "📎 " + file.Describe()));
        }

        foreach (var reply in replies.Where(r => r.IsMessage))
        {
            var text = reply.Text ?? string.Join("\n", reply.Attachments?.Select(a => $"[{a.ContentType}]") ?? []);
            var isAgent = TranscriptRoles.IsFromAgent(reply);
            lines.Add(new TranscriptEntry(at, isAgent ? TranscriptRoles.Agent : TranscriptRoles.Bot, isAgent ? reply.From!.Name : null, text));
        }

        return lines;
    }

    /// <summary>
    /// Adds a turn's lines to the conversation's state, before it is saved. When the state holds too many, the older
    /// half goes to an archive document, written in the same commit as the state (<paramref name="work"/>).
    /// </summary>
    public void Add(string conversationKey, ConversationState state, IReadOnlyList<TranscriptEntry> lines, UnitOfWork work)
    {
        state.Transcript.AddRange(lines);
        if (state.Transcript.Count <= MaxLinesInState)
        {
            return;
        }

        var archived = state.Transcript.GetRange(0, MaxLinesInState / 2);
        work.Put(ArchiveKey(conversationKey, archived[^1].At), JsonSerializer.Serialize(archived, ActivityJson.Options));
        state.Transcript.RemoveRange(0, archived.Count);
    }

    /// <summary>
    /// Shows the turn's lines on the agent desk when <paramref name="live"/> (a person is involved): an outbox record
    /// of the turn's commit, carried out after it (<see cref="TranscriptLinesHandler"/>), so the desk never sees a line
    /// of an attempt that lost its race, and a line committed before a crash still reaches it.
    /// </summary>
    public static void Publish(Activity activity, IReadOnlyList<TranscriptEntry> lines, bool live, UnitOfWork work)
    {
        if (lines.Count == 0 || !live)
        {
            return;
        }

        work.EnqueueAfterReplies(new OutboxRecord
        {
            Kind = OutboxKinds.Transcript,
            ConversationKey = StateKeys.Conversation(activity),
            Reference = ConversationReference.From(activity),
            ActivityId = activity.Id,
            Value = JsonSerializer.SerializeToElement(lines, ActivityJson.Options),
        });
    }

    /// <summary>The whole conversation as saved, oldest line first.</summary>
    public async Task<IReadOnlyList<TranscriptEntry>> ReadAsync(string conversationKey, CancellationToken cancellationToken = default)
    {
        var archived = (await store.ListAsync($"{Prefix}{conversationKey}/", cancellationToken))
            .SelectMany(d => JsonSerializer.Deserialize<List<TranscriptEntry>>(d.Json, ActivityJson.Options) ?? [])
            .ToList();
        var state = await store.ReadAsync(conversationKey, cancellationToken) is { } document
            ? JsonSerializer.Deserialize<ConversationState>(document.Json, ActivityJson.Options)
            : null;

        // An archive written by a turn that was then lost still has its lines in the state: they are not shown twice.
        var archivedUntil = archived.Count > 0 ? archived[^1].At : DateTimeOffset.MinValue;
        return [.. archived, .. (state?.Transcript ?? []).Where(line => line.At > archivedUntil)];
    }

    private static string ArchiveKey(string conversationKey, DateTimeOffset lastLine) =>
        $"{Prefix}{conversationKey}/{lastLine.UtcTicks.ToString("D19", CultureInfo.InvariantCulture)}";
}
