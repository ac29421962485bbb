namespace RefundBot.Eligibility.Analysis;

/// <summary>An error stops a policy from going live (<c>policy check</c> exits 1); a warning is worth a look.</summary>
public enum FindingSeverity
{
    Error,
    Warning,
}

/// <summary>
/// Something <c>policy check</c> found in a policy folder: where (file and line, as the loader names them), what kind
/// (<see cref="Code"/>, stable, what an allowlist names), about what (<see cref="Subject"/>: a rule, fact or section id)
/// and what to do.
/// </summary>
public sealed record PolicyFinding(FindingSeverity Severity, string File, int Line, string Code, string Subject, string Message)
{
    public override string ToString() =>
        $"{File}:{Line}: {(Severity == FindingSeverity.Error ? "error" : "warning")} {Code}: {Message}";
}

/// <summary>The stable codes of the findings.</summary>
public static class FindingCodes
{
    /// <summary>What the loader refuses (a YAML error, an unknown fact, a missing text...): the bot would not start.</summary>
    public const string Invalid = "invalid";

    public const string ShadowedRule = "shadowed-rule";
    public const string NeverApplies = "never-applies";
    public const string ContradictingWindows = "contradicting-windows";
    public const string UnusedFact = "unused-fact";
    public const string UnaskedFact = "unasked-fact";
    public const string UnusedChoice = "unused-choice";
    public const string MissingSection = "missing-section";
    public const string SectionInOneLanguage = "section-in-one-language";
    public const string Placeholder = "placeholder";
    public const string Allowlist = "allowlist";
}
