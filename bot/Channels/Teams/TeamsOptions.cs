namespace RefundBot.Bot.Channels.Teams;

/// <summary>Teams settings ("Teams" configuration section).</summary>
public sealed class TeamsOptions
{
    public const string Section = "Teams";

    /// <summary>Where escalated cases are announced. Not set: no announcement.</summary>
    public SupportChannelOptions? SupportChannel { get; set; }

    /// <summary>A link to a case for the announcement, with <c>{caseId}</c>, e.g. https://support.example/cases/{caseId}.</summary>
    public string? CaseLinkTemplate { get; set; }
}

public sealed class SupportChannelOptions
{
    /// <summary>The Teams serviceUrl of the team, e.g. https://smba.trafficmanager.net/emea/ (as seen on its activities).</summary>
    public string ServiceUrl { get; set; } = "";

    /// <summary>The channel's id, "19:...@thread.tacv2".</summary>
    public string ChannelId { get; set; } = "";

    public string? TenantId { get; set; }

    public bool IsConfigured => ServiceUrl.Length > 0 && ChannelId.Length > 0;
}
