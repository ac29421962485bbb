namespace RefundBot.Eligibility.Model;

/// <summary>
/// Guided troubleshooting for a business's common problems (<c>policy-content/{id}/troubleshooting.yaml</c>): a guide
/// is picked from the customer's reason, and its steps are tried in order, each followed by "did that fix it?".
/// </summary>
public sealed class TroubleshootingGuides : Located
{
    public List<TroubleshootingGuide> Guides { get; set; } = [];
}

public sealed class TroubleshootingGuide : Located
{
    public string Id { get; set; } = "";
    public LocalizedText Title { get; set; } = [];

    /// <summary>Words in the customer's reason that point to this guide, per language (case and accents ignored).</summary>
    public Dictionary<string, List<string>> Keywords { get; set; } = [];

    /// <summary>The guide used when no other guide's keywords match.</summary>
    public bool Default { get; set; }

    public List<TroubleshootingStep> Steps { get; set; } = [];
}

public sealed class TroubleshootingStep : Located
{
    public string Id { get; set; } = "";
    public LocalizedText Text { get; set; } = [];
}
