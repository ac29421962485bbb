namespace RefundBot.Eligibility.Loading;

/// <summary>Something wrong in a policy file, where it is, and what.</summary>
public sealed record PolicyProblem(string File, int Line, string Message)
{
    public override string ToString() => $"{File}:{Line}: {Message}";
}

/// <summary>Thrown at start-up when policy-content/ holds a broken policy: the bot does not start with it.</summary>
public sealed class PolicyValidationException(IReadOnlyList<PolicyProblem> problems)
    : Exception("Invalid policy content:\n" + string.Join("\n", problems.Select(p => "  " + p)))
{
    public IReadOnlyList<PolicyProblem> Problems { get; } = problems;
}
