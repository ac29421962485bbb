namespace RefundBot.Dialogs.Runtime.Dialogs;

internal enum InterruptionOutcome
{
    /// <summary>Not this interruption: the message goes on to the next one, then to the active dialog.</summary>
    NotHandled,

    /// <summary>Handled; the interrupted dialog asks its question again.</summary>
    Resume,

    /// <summary>Handled; the dialog stack was changed (cancelled, restarted) and says what comes next itself.</summary>
    Done,
}

/// <summary>
/// Something a customer can say at any step ("cancel", "help", a policy question, "I want a person"),
/// handled before the active dialog sees the message.
/// </summary>
internal interface IInterruption
{
    Task<InterruptionOutcome> TryHandleAsync(DialogContext dc, string foldedText, CancellationToken cancellationToken);
}
