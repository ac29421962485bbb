namespace RefundBot.Bot.Hosting;

/// <summary>
/// The bot cannot serve as configured (a broken policy, no web root): Program prints each problem on one line of
/// standard error and exits with code 1, with no stack trace, since the problem is in the deployment, not the code.
/// </summary>
internal sealed class StartupRefusedException(IReadOnlyList<string> problems) : Exception(string.Join("\n", problems))
{
    public StartupRefusedException(string problem)
        : this([problem])
    {
    }

    public IReadOnlyList<string> Problems { get; } = problems;
}
