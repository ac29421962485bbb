namespace RefundBot.Eligibility.Model;

/// <summary>The reason categories of a policy (<c>policy-content/{id}/reasons.yaml</c>).</summary>
public sealed class ReasonCategories : Located
{
    public List<ReasonCategory> Categories { get; set; } = [];
}

/// <summary>
/// A reason category: its title per language, the words that point to it per language, and the things it is often
/// about (a technician, a router): a thing is no complaint, so it never names the category on its own ("the
/// technician never came" is no technical problem); it only breaks a tie between two categories named as often.
/// </summary>
public sealed class ReasonCategory : Located
{
    public const string Other = "other";

    public string Id { get; set; } = "";
    public LocalizedText Title { get; set; } = [];
    public Dictionary<string, List<string>> Keywords { get; set; } = [];
    public Dictionary<string, List<string>> Things { get; set; } = [];
}
