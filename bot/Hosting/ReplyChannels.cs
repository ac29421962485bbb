using RefundBot.Bot.Channels.BotConnector;
using RefundBot.Bot.Channels.DirectLine;
using RefundBot.Dialogs.Runtime;

namespace RefundBot.Bot.Hosting;

/// <summary>
/// Proactive messages go out on the customer's own channel: stored and streamed for Direct Line (Web Chat), pushed
/// to the serviceUrl for Teams and the Emulator.
/// </summary>
public sealed class ReplyChannels(IServiceProvider services) : IReplyChannels
{
    public IReplyDelivery For(ConversationReference reference) => reference.ChannelId == "directline"
        ? services.GetRequiredService<DirectLineDelivery>()
        : services.GetRequiredService<ConnectorClient>();
}
