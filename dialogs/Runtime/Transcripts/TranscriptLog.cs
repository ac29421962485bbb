using System.Globalization;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using RefundBot.Dialogs.Runtime.Storage;

namespace RefundBot.Dialogs.Runtime.Transcripts;

/// <summary>Who said a line of a transcript.</summary>
public static class TranscriptRoles
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
/// What was said in each conversation, so that a person taking over reads the whole exchange. Each turn's lines are
/// one document, "transcripts/{conversation key}/{ticks}-{turn id}", written without reading anything first, once the
/// turn's state is saved.
/// </summary>
public sealed partial class TranscriptLog(IDocumentStore store, IEnumerable<ITranscriptObserver> observers, ILogger<TranscriptLog> logger)
{
    private const string Prefix = "transcripts/";

    /// <summary>The lines one turn adds: the customer's message, then the replies that carry text.</summary>
    public static IReadOnlyList<TranscriptEntry> LinesOf(Activity inbound, IReadOnlyList<Activity> replies, DateTimeOffset at)
    {
        var lines = new List<TranscriptEntry>(replies.Count + 1);
        if (inbound.IsMessage && !string.IsNullOrWhiteSpace(inbound.Text))
        {
            lines.Add(new TranscriptEntry(at, TranscriptRoles.Customer, null, inbound.Text));
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
    /// Records one turn's lines; <paramref name="live"/> (a person is involved in the conversation) also shows them
    /// on the agent desk. A transcript that cannot be written is logged, never allowed to cost the customer their
    /// reply: the conversation's state is already saved by then.
    /// </summary>
    public async Task AppendAsync(
        string conversationKey, string turnId, IReadOnlyList<TranscriptEntry> lines, bool live, CancellationToken cancellationToken)
    {
        if (lines.Count == 0)
        {
            return;
        }

        try
        {
            var key = $"{Prefix}{conversationKey}/{lines[0].At.UtcTicks.ToString("D19", CultureInfo.InvariantCulture)}-{turnId}";
            await store.WriteAsync(key, JsonSerializer.Serialize(lines, ActivityJson.Options), ETags.Any, cancellationToken);
            foreach (var observer in live ? observers : [])
            {
                await observer.AppendedAsync(conversationKey, lines, cancellationToken);
            }
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            LogFailed(logger, exception);
        }
    }

    /// <summary>The whole conversation, oldest line first.</summary>
    public async Task<IReadOnlyList<TranscriptEntry>> ReadAsync(string conversationKey, CancellationToken cancellationToken = default) =>
        (await store.ListAsync($"{Prefix}{conversationKey}/", cancellationToken))
            .SelectMany(d => JsonSerializer.Deserialize<List<TranscriptEntry>>(d.Json, ActivityJson.Options) ?? [])
            .ToList();

    [LoggerMessage(Level = LogLevel.Error, Message = "A turn's transcript lines could not be written; the conversation itself is saved")]
    private static partial void LogFailed(ILogger logger, Exception exception);
}
