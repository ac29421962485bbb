using RefundBot.Bot.AgentDesk;
using RefundBot.Bot.Hosting;

// "hash-password": reads a password from standard input and prints the hash to put in AgentDesk:Agents:N:PasswordHash.
if (args is ["hash-password", ..])
{
    Console.Error.Write("Password: ");
    Console.WriteLine(AgentAccounts.HashPassword(Console.ReadLine() ?? ""));
    return;
}

var builder = WebApplication.CreateBuilder(args);
builder.AddRefundBot();

var app = builder.Build();
app.MapRefundBot();
app.Run();

/// <summary>The entry point, visible to the integration tests' WebApplicationFactory.</summary>
public partial class Program;
