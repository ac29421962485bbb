using RefundBot.Bot.Tests.Payments;

namespace RefundBot.Browser.Tests;

/// <summary>
/// The chat page's bot with e-mail on and refunds through Stripe: MaSécurité's refunds go to a loopback fake of
/// Stripe's API (<see cref="FakeStripe"/>), the bot may issue them itself up to €200, and Stripe's webhooks are signed
/// with the fake's secret.
/// </summary>
public sealed class StripeChatPageFixture : EmailChatPageFixture
{
    public FakeStripe Stripe { get; private set; } = null!;

    public override async Task InitializeAsync()
    {
        Stripe = await FakeStripe.StartAsync();
        await base.InitializeAsync();
    }

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        await Stripe.DisposeAsync();
    }

    protected override IEnumerable<KeyValuePair<string, string>> BotSettings() =>
    [
        .. base.BotSettings(),
        new("Payments:Policies:masecurite:Connector", "stripe"),
        new("Payments:Policies:masecurite:BotLimit", "200"),
        new("Payments:Stripe:ApiKey", "sk_test_fake"),
        new("Payments:Stripe:ApiBase", Stripe.ApiBase),
        new("Payments:Stripe:WebhookSecret", FakeStripe.WebhookSecret),
    ];
}

[CollectionDefinition(Name)]
public sealed class StripeChatPageCollection : ICollectionFixture<StripeChatPageFixture>
{
    public const string Name = "chat page with Stripe";
}
