using RefundBot.Eligibility.Model;

namespace RefundBot.Eligibility.Analysis;

/// <summary>
/// <c>policy-content/{id}/check-allow.yaml</c>: findings of <c>policy check</c> the business keeps on purpose, each with
/// its reason, so that a check with nothing to say stays silent and a new finding still shows.
/// </summary>
public sealed class CheckAllowlist : Located
{
    public const string File = "check-allow.yaml";

    public List<AllowedFinding> Allow { get; set; } = [];
}

/// <summary>One finding kept on purpose: its code, its subject (a rule, a fact, "fact/choice" or a section id) and why.</summary>
public sealed class AllowedFinding : Located
{
    public string Code { get; set; } = "";
    public string Subject { get; set; } = "";
    public string Reason { get; set; } = "";

    public bool Matches(PolicyFinding finding) => finding.Code == Code && finding.Subject == Subject;
}
