using System.Text.Json;
using Microsoft.Extensions.Logging;
using RefundBot.Dialogs.Runtime.Storage;

namespace RefundBot.Dialogs.Runtime.Outbox;

/// <summary>
/// The outbox without a dispatcher (the dialog tests, tools): each record is carried out as soon as it is committed,
/// by the caller, then removed. The bot host replaces it with its dispatcher.
/// </summary>
internal sealed partial class InlineOutbox(IDocumentStore store, IEnumerable<IOutboxHandler> handlers, ILogger<InlineOutbox> logger) : IOutbox
{
    private readonly Dictionary<string, IOutboxHandler> _handlers = handlers.ToDictionary(h => h.Kind, StringComparer.Ordinal);

    public async Task Dispatch(IReadOnlyList<PendingOutboxRecord> records, IReplyDelivery? live)
    {
        foreach (var (key, record) in records)
        {
            try
            {
                await _handlers[record.Kind].CarryOutAsync(record, live, CancellationToken.None);
                await store.DeleteAsync(key);
            }
            catch (Exception exception)
            {
                LogFailed(logger, exception, record.Kind);
            }
        }
    }

    public static string Serialize(OutboxRecord record) => JsonSerializer.Serialize(record, ActivityJson.Options);

    [LoggerMessage(Level = LogLevel.Error, Message = "An outbox record of kind {Kind} could not be carried out; it stays in the store")]
    private static partial void LogFailed(ILogger logger, Exception exception, string kind);
}
