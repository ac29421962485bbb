using Microsoft.Extensions.Options;
using RefundBot.Bot.Channels.BotConnector;
using RefundBot.Dialogs.Refund;
using RefundBot.Dialogs.Runtime;

namespace RefundBot.Bot.Channels.Teams;

/// <summary>
/// Announces a case that needs a person in the configured Teams support channel: a new thread (a proactive
/// <c>POST {serviceUrl}/v3/conversations</c>) with the case summary and, when configured, a link to the case.
/// </summary>
public sealed partial class TeamsSupportChannelNotifier(
    ConnectorClient connector, IOptions<TeamsOptions> options, ILogger<TeamsSupportChannelNotifier> logger) : IEscalationNotifier
{
    public async Task NotifyAsync(RefundCase refundCase, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        if (settings.SupportChannel is not { IsConfigured: true } channel)
        {
            return;
        }

        try
        {
            await connector.StartConversationAsync(channel.ServiceUrl, new
            {
                isGroup = true,
                channelData = new { channel = new { id = channel.ChannelId }, tenant = channel.TenantId is null ? null : new { id = channel.TenantId } },
                activity = new Activity { Type = ActivityTypes.Message, Text = Summary(refundCase, settings.CaseLinkTemplate), TextFormat = "markdown" },
            }, cancellationToken);
        }
        catch (Exception exception) when (exception is HttpRequestException or TaskCanceledException or InvalidOperationException)
        {
            LogFailed(logger, refundCase.Id, exception.GetType().Name);
        }
    }

    public static string Summary(RefundCase refundCase, string? linkTemplate)
    {
        var lines = new List<string>
        {
            $"**Case {refundCase.Id} needs a person** ({refundCase.PolicyId}, {refundCase.Language})",
            $"- Order: {refundCase.OrderId}, bought {refundCase.PurchaseDate:yyyy-MM-dd}",
            $"- Reason: {refundCase.Reason}",
            $"- Rule: {refundCase.Decision?.RuleId} (sections: {string.Join(", ", refundCase.Decision?.Sections ?? [])})",
        };
        if (linkTemplate is not null)
        {
            lines.Add($"- [Open the case]({linkTemplate.Replace("{caseId}", Uri.EscapeDataString(refundCase.Id), StringComparison.Ordinal)})");
        }

        return string.Join("\n", lines);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not announce case {CaseId} in the Teams support channel ({Error}); it stays in the case store")]
    private static partial void LogFailed(ILogger logger, string caseId, string error);
}
