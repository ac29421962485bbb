namespace RefundBot.Bot.Channels.BotConnector;

/// <summary>A serviceUrl whose addresses the bot may not connect to; never retried.</summary>
internal sealed class ServiceUrlRefusedException()
    : IOException("The serviceUrl resolves only to addresses the bot may not connect to (private, link-local or reserved).");
