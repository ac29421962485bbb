namespace RefundBot.Eligibility.Model;

/// <summary>A policy's text in one language, split into sections with stable ids (<c>## [id] Heading</c>).</summary>
public sealed class PolicyText
{
    public required string Language { get; init; }
    public required string Title { get; init; }

    /// <summary>The note under the title: that this is the authoritative text, or a faithful translation.</summary>
    public required string Note { get; init; }

    public required IReadOnlyList<PolicySection> Sections { get; init; }

    public PolicySection? Section(string id) => Sections.FirstOrDefault(s => s.Id == id);
}

public sealed record PolicySection(string Id, string Heading, int Level, string Body, int Line);
