namespace RefundBot.Bot.Hosting;

/// <summary>What the channel endpoints accept ("Channels" configuration section).</summary>
public sealed class ChannelRequestOptions
{
    public const string Section = "Channels";

    /// <summary>
    /// The largest body, in bytes, that <c>/api/messages</c> and Direct Line's POST activities accept; larger ones get
    /// 413. An activity a person sends is a few kilobytes; Kestrel's default (30 MB) let one request fill the store.
    /// </summary>
    public long MaxRequestBodySize { get; set; } = 256 * 1024;
}
