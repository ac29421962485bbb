using RefundBot.Bot.AgentDesk;
using RefundBot.Bot.Hosting;
using RefundBot.Bot.PolicyTools;
using RefundBot.Eligibility.Loading;

// "hash-password": reads a password from standard input and prints the hash to put in AgentDesk:Agents:N:PasswordHash.
if (args is ["hash-password", ..])
{
    Console.Error.Write("Password: ");
    Console.WriteLine(AgentAccounts.HashPassword(Console.ReadLine() ?? ""));
    return 0;
}

// "new-api-key": prints a new key for the cases API and the hash to put in CasesApi:Keys:N:KeyHash (the key is shown once).
if (args is ["new-api-key", ..])
{
    var (key, hash) = RefundBot.Bot.Cases.CaseApiKeys.NewKey();
    Console.WriteLine($"key:  {key}");
    Console.WriteLine($"hash: {hash}");
    return 0;
}

// "policy check|test|backtest|new ...": the business's policy tools (bot/PolicyTools/PolicyCommand.cs).
if (args is ["policy", .. var policyArgs])
{
    return await PolicyCommand.RunAsync(policyArgs, Console.Out);
}

// "probe URL": exit 0 when the URL answers 2xx; the container's health check (the runtime image has no curl).
if (args is ["probe", var url])
{
    using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(3) };
    try
    {
        return (await http.GetAsync(url)).IsSuccessStatusCode ? 0 : 1;
    }
    catch (Exception exception) when (exception is HttpRequestException or TaskCanceledException)
    {
        return 1;
    }
}

WebApplication? app = null;
try
{
    var builder = WebApplication.CreateBuilder(AppFolders.Options(args));
    builder.AddRefundBot();
    app = builder.Build();
    app.MapRefundBot();
    await app.StartAsync();
}
catch (Exception exception) when (RefusedStart(exception) is { } problems)
{
    // A deployment problem, not a bug: one line per problem, no stack trace, exit code 1.
    foreach (var problem in problems)
    {
        Console.Error.WriteLine(problem);
    }

    if (app is not null)
    {
        await app.DisposeAsync();
    }

    return 1;
}

await using (app)
{
    await app.WaitForShutdownAsync();
}

return 0;

static IEnumerable<string>? RefusedStart(Exception exception) => exception switch
{
    PolicyValidationException invalid => invalid.Problems.Select(p => $"Invalid policy: {p}"),
    StartupRefusedException refused => refused.Problems,
    Microsoft.Extensions.Options.OptionsValidationException invalid => invalid.Failures,
    _ => null,
};

/// <summary>The entry point, visible to the integration tests' WebApplicationFactory.</summary>
public partial class Program;
