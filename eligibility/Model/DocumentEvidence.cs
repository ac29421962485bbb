namespace RefundBot.Eligibility.Model;

/// <summary>
/// The value of a <see cref="FactType.Document"/> fact: where the document the policy asks for stands, and the file
/// (its SHA-256 in the conversation's attachment store) it rests on. Written as text <c>received:{sha256}</c>,
/// <c>verified:{sha256}</c>, <c>rejected:{sha256}</c> or <c>missing</c>; rules compare the status alone
/// (<c>{ fact: proof_of_purchase, in: [rejected, missing] }</c>). Only an agent makes a received file verified or
/// rejected: the customer's sending a file is never taken as proof.
/// </summary>
public sealed record DocumentEvidence(DocumentStatus Status, string? Sha256)
{
    public static readonly DocumentEvidence Missing = new(DocumentStatus.Missing, null);

    public static DocumentEvidence Received(string sha256) => new(DocumentStatus.Received, sha256);

    /// <summary>The status as rules name it: "received", "verified", "rejected", "missing".</summary>
    public string StatusText => StatusName(Status);

    /// <summary>The stored text: "received:{sha256}", or "missing".</summary>
    public string Text => Sha256 is null ? StatusText : $"{StatusText}:{Sha256}";

    public DocumentEvidence As(DocumentStatus status) => this with { Status = status };

    public static string StatusName(DocumentStatus status) => status.ToString().ToLowerInvariant();

    /// <summary>The statuses a rule may test.</summary>
    public static IEnumerable<string> StatusNames => Enum.GetValues<DocumentStatus>().Select(StatusName);

    /// <summary>Reads the stored text; null when it is not one (a status other than missing needs a file's 64-hex SHA-256).</summary>
    public static DocumentEvidence? Parse(string text)
    {
        var colon = text.IndexOf(':');
        var statusText = colon < 0 ? text : text[..colon];
        var hash = colon < 0 ? null : text[(colon + 1)..];
        if (Enum.GetValues<DocumentStatus>().Where(s => StatusName(s) == statusText).Select(s => (DocumentStatus?)s).FirstOrDefault() is not { } status)
        {
            return null;
        }

        return status == DocumentStatus.Missing
            ? hash is null ? Missing : null
            : hash is { Length: 64 } && hash.All(c => c is (>= '0' and <= '9') or (>= 'a' and <= 'f')) ? new DocumentEvidence(status, hash) : null;
    }
}

/// <summary>Where a document a policy asks for stands.</summary>
public enum DocumentStatus
{
    /// <summary>The customer sent a file; no agent has looked at it yet.</summary>
    Received,

    /// <summary>An agent checked the file and accepts it as the document.</summary>
    Verified,

    /// <summary>An agent checked the file and does not accept it (with a reason, on the case).</summary>
    Rejected,

    /// <summary>No file came before the policy's window ended.</summary>
    Missing,
}

/// <summary>The documents a <see cref="FactType.Document"/> fact may ask for (<c>document: proof_of_purchase</c>).</summary>
public static class DocumentKinds
{
    /// <summary>A receipt, an invoice or an order confirmation.</summary>
    public const string ProofOfPurchase = "proof_of_purchase";

    /// <summary>Photos of a defect, screenshots of an error, an e-mail: what shows the reason for the request.</summary>
    public const string Evidence = "evidence";

    public static readonly IReadOnlyList<string> All = [ProofOfPurchase, Evidence];
}
