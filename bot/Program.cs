using RefundBot.Bot.Hosting;

var builder = WebApplication.CreateBuilder(args);
builder.AddRefundBot();

var app = builder.Build();
app.MapRefundBot();
app.Run();

/// <summary>The entry point, visible to the integration tests' WebApplicationFactory.</summary>
public partial class Program;
