using System.Net;

namespace RefundBot.Bot.Tests.Security;

/// <summary>
/// In Production, the bot does not start with /api/messages open to anyone unless a setting says so (the refusal itself,
/// one line and exit code 1, is shown on the real process in <see cref="StartupTests"/>).
/// </summary>
public sealed class ProductionStartTests
{
    [Fact]
    public async Task In_production_the_bot_starts_unauthenticated_only_when_told_to()
    {
        await using var bot = new BotUnderTest(new Dictionary<string, string?>
        {
            ["environment"] = "Production", ["Storage:Provider"] = "Memory", ["BotConnector:AllowUnauthenticated"] = "true",
        });

        Assert.Equal(HttpStatusCode.OK, (await bot.CreateClient().GetAsync("/health/live")).StatusCode);
    }
}
