namespace RefundBot.Eligibility.Model;

/// <summary>
/// The two instants a decision depends on. Policy windows ("within 72 hours of the purchase", "30 calendar days") are
/// judged at <see cref="RequestedAt"/>, when the customer asked, so that a wait the policy itself imposes (troubleshooting,
/// support's 48 hours) never costs the customer a window; timelines ("within 14 business days") count from
/// <see cref="DecidedAt"/>, when the refund is approved. A window may say it uses the decision instant instead
/// (<see cref="Window.Instant"/>).
/// </summary>
public sealed record DecisionInstants(DateTimeOffset RequestedAt, DateTimeOffset DecidedAt)
{
    /// <summary>A request decided in the turn that makes it: both instants are <paramref name="now"/>.</summary>
    public static DecisionInstants At(DateTimeOffset now) => new(now, now);
}
