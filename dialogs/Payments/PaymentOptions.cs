namespace RefundBot.Dialogs.Payments;

/// <summary>
/// How refunds are carried out (<c>Payments</c> in the settings): the connector and the bot's approval limit, for every
/// policy (<see cref="Connector"/>, <see cref="BotLimit"/>) unless <c>Payments:Policies:{policy id}</c> says otherwise.
/// </summary>
public sealed class PaymentOptions
{
    public const string Section = "Payments";

    /// <summary><see cref="PaymentConnectors.Manual"/> (the default: an agent marks the refund done on the desk) , <see cref="PaymentConnectors.Stripe"/> or <see cref="PaymentConnectors.Webhook"/> (a signed POST to the business's endpoint).</summary>
    public string Connector { get; set; } = PaymentConnectors.Manual;

    /// <summary>
    /// The largest refund the bot may request by itself, in the policy's currency, and only on facts the business's
    /// records gave; null (the default): every refund waits for an agent's approval on the desk.
    /// </summary>
    public decimal? BotLimit { get; set; }

    public Dictionary<string, PolicyPaymentOptions> Policies { get; set; } = new(StringComparer.Ordinal);

    public string ConnectorFor(string? policyId) =>
        (policyId is not null && Policies.TryGetValue(policyId, out var own) ? own.Connector : null) ?? Connector;

    public decimal? BotLimitFor(string? policyId) =>
        policyId is not null && Policies.TryGetValue(policyId, out var own) && own.BotLimit is { } limit ? limit : BotLimit;
}

/// <summary>One policy's payment settings; what it leaves out comes from <see cref="PaymentOptions"/>.</summary>
public sealed class PolicyPaymentOptions
{
    public string? Connector { get; set; }
    public decimal? BotLimit { get; set; }
}

/// <summary>The connectors a policy may name.</summary>
public static class PaymentConnectors
{
    public const string Manual = "manual";
    public const string Stripe = "stripe";
    public const string Webhook = "webhook";

    public static readonly IReadOnlyList<string> All = [Manual, Stripe, Webhook];
}
