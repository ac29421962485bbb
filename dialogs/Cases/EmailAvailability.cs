namespace RefundBot.Dialogs.Cases;

/// <summary>
/// Whether the bot can e-mail a customer later (the host has an SMTP server: <c>Email:Host</c>). When it cannot, the
/// bot asks for no address and says that messages come in the chat; the dialogs never see the server's settings.
/// </summary>
public sealed record EmailAvailability(bool Enabled)
{
    public static readonly EmailAvailability Off = new(false);
}
