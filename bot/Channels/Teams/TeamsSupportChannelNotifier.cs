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
/// when configured, and a pointer to the agent desk; and, the same way, a case given to support to solve by a deadline.
/// </summary>
public sealed partial class TeamsSupportChannelNotifier(
    ConnectorClient connector, IOptions<TeamsOptions> options, ILogger<TeamsSupportChannelNotifier> logger) : IEscalationNotifier
{
    public Task NotifyAsync(HandoffTicket ticket, RefundCase? refundCase, CancellationToken cancellationToken) =>
        PostAsync(Summary(ticket, refundCase, options.Value.CaseLinkTemplate), ticket.Reason, cancellationToken);

    public Task NotifySupportTaskAsync(RefundCase refundCase, CancellationToken cancellationToken) =>
        PostAsync(SupportTask(refundCase, options.Value.CaseLinkTemplate), "support-task", cancellationToken);

    /// <summary>A new thread in the support channel (nothing when none is configured); a failure is logged, never thrown.</summary>
    private async Task PostAsync(string text, string why, CancellationToken cancellationToken)
    {
        if (options.Value.SupportChannel is not { IsConfigured: true } channel)
        {
            return;
        }

        try
        {
            await connector.StartConversationAsync(channel.ServiceUrl, new
            {
                isGroup = true,
                channelData = new { channel = new { id = channel.ChannelId }, tenant = channel.TenantId is null ? null : new { id = channel.TenantId } },
                activity = new Activity { Type = ActivityTypes.Message, Text = text, TextFormat = "markdown" },
            }, cancellationToken);
        }
        catch (Exception exception) when (exception is HttpRequestException or TaskCanceledException or InvalidOperationException)
        {
            LogFailed(logger, why, exception.GetType().Name);
        }
    }

    /// <summary>What the support team is asked to solve, and by when (UTC: the team may sit anywhere).</summary>
    public static string SupportTask(RefundCase refundCase, string? linkTemplate)
    {
        var lines = new List<string>
        {
            $"**Case {refundCase.Id} is the support team's to solve by {refundCase.WaitingUntil?.UtcDateTime:yyyy-MM-dd HH:mm} UTC** ({refundCase.ReasonCategory}, {refundCase.PolicyId}, {refundCase.Language})",
            $"- Order: {refundCase.OrderId}, bought {refundCase.PurchaseDate:yyyy-MM-dd}",
            $"- Reason: {CustomerText.Quoted(refundCase.Reason)}",
            $"- Troubleshooting tried: {refundCase.Troubleshooting.Count} step(s), none solved it",
        };
        if (linkTemplate is not null)
        {
            lines.Add($"- [Open the case]({linkTemplate.Replace("{caseId}", Uri.EscapeDataString(refundCase.Id), StringComparison.Ordinal)})");
        }

        lines.Add("- The bot asks the customer at the deadline whether it works; mark it solved on the agent desk (/agent) to have it ask now.");
        return string.Join("\n", lines);
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

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not announce {Reason} in the Teams support channel ({Error}); it stays on the agent desk")]
    private static partial void LogFailed(ILogger logger, string reason, string error);
}
