namespace RefundBot.Dialogs.Runtime.Outbox;

/// <summary>
/// Delivers a committed turn's replies: through the delivery of the channel the turn came from, or after a restart
/// through the conversation's channel as <see cref="IReplyChannels"/> finds it (the same one, from the reference).
/// </summary>
internal sealed class ReplyDeliveryHandler(IReplyChannels channels) : IOutboxHandler
{
    public string Kind => OutboxKinds.Reply;

    public string DestinationOf(OutboxRecord record) =>
        record.Reference.ChannelId == "directline" || record.Reference.ServiceUrl is not { } url || !Uri.TryCreate(url, UriKind.Absolute, out var uri)
            ? record.Reference.ChannelId ?? ""
            : uri.Authority;

    public Task CarryOutAsync(OutboxRecord record, IReplyDelivery? live, CancellationToken cancellationToken)
    {
        var inbound = record.Reference.Event("reply", DateTimeOffset.UtcNow);
        inbound.Id = record.ActivityId;
        return (live ?? channels.For(record.Reference)).DeliverAsync(inbound, record.Replies ?? [], cancellationToken);
    }
}
