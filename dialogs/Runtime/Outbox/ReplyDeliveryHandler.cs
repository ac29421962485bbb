namespace RefundBot.Dialogs.Runtime.Outbox;

/// <summary>Delivers a committed turn's replies on the conversation's own channel (<see cref="IReplyChannels"/>).</summary>
public sealed class ReplyDeliveryHandler(IReplyChannels channels) : IOutboxHandler
{
    public string Kind => OutboxKinds.Reply;

    public string DestinationOf(OutboxRecord record) =>
        record.Reference.ChannelId == "directline" || record.Reference.ServiceUrl is not { } url || !Uri.TryCreate(url, UriKind.Absolute, out var uri)
            ? record.Reference.ChannelId ?? ""
            : uri.Authority;

    public Task CarryOutAsync(OutboxRecord record, CancellationToken cancellationToken)
    {
        var inbound = record.Reference.Event("reply", DateTimeOffset.UtcNow);
        inbound.Id = record.ActivityId;
        return channels.For(record.Reference).DeliverAsync(inbound, record.Replies ?? [], cancellationToken);
    }
}
