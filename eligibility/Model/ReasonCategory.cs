namespace RefundBot.Eligibility.Model;

/// <summary>The reason categories of a policy (<c>policy-content/{id}/reasons.yaml</c>).</summary>
public sealed class ReasonCategories : Located
{
    public List<ReasonCategory> Categories { get; set; } = [];
}

/// <summary>A reason category: its title per language, and the words that point to it per language.</summary>
public sealed class ReasonCategory : Located
{
    public const string Other = "other";

    public string Id { get; set; } = "";
    public LocalizedText Title { get; set; } = [];
    public Dictionary<string, List<string>> Keywords { get; set; } = [];
}
