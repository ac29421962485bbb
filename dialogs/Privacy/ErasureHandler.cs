using RefundBot.Dialogs.Runtime;
using RefundBot.Dialogs.Runtime.Outbox;

namespace RefundBot.Dialogs.Privacy;

/// <summary>
/// Carries out a "forget me" the customer confirmed, from the outbox record its turn committed: should the bot stop
/// in between, the record is still there and the erasure runs on start-up. Erasing twice erases nothing more.
/// </summary>
internal sealed class ErasureHandler(ConversationEraser eraser) : IOutboxHandler
{
    public string Kind => OutboxKinds.Erase;

    public string DestinationOf(OutboxRecord record) => "store";

    public Task CarryOutAsync(OutboxRecord record, IReplyDelivery? live, CancellationToken cancellationToken) =>
        eraser.EraseAsync(record.Reference.ChannelId!, record.Reference.Conversation!.Id!, cancellationToken);
}
