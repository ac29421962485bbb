namespace RefundBot.Bot.ScaleOut;

/// <summary>How the Data Protection keys are protected at rest ("DataProtection" section).</summary>
public sealed class KeyProtectionOptions
{
    public const string Section = "DataProtection";

    /// <summary>
    /// A PFX file (with its private key) whose certificate encrypts the Data Protection keys before they are stored.
    /// Empty: the keys (and so agents' sign-in cookies and the generated Direct Line secret) are only as safe as the store.
    /// Every instance on one store needs the same certificate.
    /// </summary>
    public string? CertificatePath { get; set; }

    /// <summary>The PFX file's password (a secret: an environment variable or a secret store, not a file in the repository).</summary>
    public string? CertificatePassword { get; set; }

    public bool IsConfigured => !string.IsNullOrWhiteSpace(CertificatePath);
}
