namespace RefundBot.Bot.Cases;

/// <summary>The business's systems that may read its cases ("CasesApi" section): one entry per API key.</summary>
public sealed class CasesApiOptions
{
    public const string Section = "CasesApi";

    public List<CasesApiKey> Keys { get; set; } = [];
}

/// <summary>
/// One API key of the cases API: who holds it (<see cref="Name"/>, for the logs), the SHA-256 of the key (lowercase hex,
/// <c>dotnet run --project bot -- new-api-key</c> prints a key and its hash; the key itself is never configured), and the
/// policies whose cases it may read: a business's key sees its own policies' cases and no other.
/// </summary>
public sealed class CasesApiKey
{
    public string Name { get; set; } = "";
    public string KeyHash { get; set; } = "";
    public List<string> Policies { get; set; } = [];
}
