using Microsoft.Extensions.Options;
using RefundBot.Bot.Channels.BotConnector;
using RefundBot.Dialogs.Cases;
using RefundBot.Dialogs.Handoff;
using RefundBot.Dialogs.Refund;
using RefundBot.Dialogs.Runtime;

namespace RefundBot.Bot.Channels.Teams;

/// <summary>
/// Announces a conversation handed to a person in the configured Teams support channel: a new thread (a proactive
/// <c>POST {serviceUrl}/v3/conversations</c>) with why, the case summary when there is a case, a link to the case
/// when configured, and a pointer to the agent desk.
/// </summary>
public sealed partial class TeamsSupportChannelNotifier(
    ConnectorClient connector, IOptions<TeamsOptions> options, ILogger<TeamsSupportChannelNotifier> logger) : IEscalationNotifier
{
    public async Task NotifyAsync(HandoffTicket ticket, RefundCase? refundCase, CancellationToken cancellationToken)
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
                activity = new Activity { Type = ActivityTypes.Message, Text = Summary(ticket, refundCase, settings.CaseLinkTemplate), TextFormat = "markdown" },
            }, cancellationToken);
        }
        catch (Exception exception) when (exception is HttpRequestException or TaskCanceledException or InvalidOperationException)
        {
            LogFailed(logger, ticket.Reason, exception.GetType().Name);
        }
    }

    public static string Summary(HandoffTicket ticket, RefundCase? refundCase, string? linkTemplate)
    {
        var lines = new List<string>
        {
            refundCase is null
                ? $"**A customer needs a person** ({ticket.Reason}, {ticket.PolicyId}, {ticket.Language})"
                : $"**Case {refundCase.Id} needs a person** ({ticket.Reason}, {refundCase.PolicyId}, {refundCase.Language})",
        };
        if (refundCase is not null)
        {
            lines.Add($"- Order: {refundCase.OrderId}, bought {refundCase.PurchaseDate:yyyy-MM-dd}");
            lines.Add($"- Reason: {CustomerText.Quoted(refundCase.Reason)}");
            lines.Add($"- Rule: {refundCase.Decision?.RuleId} (sections: {string.Join(", ", refundCase.Decision?.Sections ?? [])})");
            if (linkTemplate is not null)
            {
                lines.Add($"- [Open the case]({linkTemplate.Replace("{caseId}", Uri.EscapeDataString(refundCase.Id), StringComparison.Ordinal)})");
            }
        }

        if (ticket.Question is { } question)
        {
            lines.Add($"- Question the policy does not answer: {CustomerText.Quoted(question)}");
        }

        lines.Add("- Take it on the agent desk (/agent).");
        return string.Join("\n", lines);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not announce a hand-off ({Reason}) in the Teams support channel ({Error}); it stays in the agent queue")]
    private static partial void LogFailed(ILogger logger, string reason, string error);
}
