namespace RefundBot.Eligibility.Loading;

/// <summary>Something wrong in a policy file, where it is (line, and column when the YAML parser gives one), and what.</summary>
public sealed record PolicyProblem(string File, int Line, string Message, int Column = 0)
{
    public override string ToString() => Column > 0 ? $"{File}:{Line}:{Column}: {Message}" : $"{File}:{Line}: {Message}";
}

/// <summary>Thrown at start-up when policy-content/ holds a broken policy: the bot does not start with it.</summary>
public sealed class PolicyValidationException(IReadOnlyList<PolicyProblem> problems)
    : Exception("Invalid policy content:\n" + string.Join("\n", problems.Select(p => "  " + p)))
{
    public IReadOnlyList<PolicyProblem> Problems { get; } = problems;
}
