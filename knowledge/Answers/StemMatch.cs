namespace RefundBot.Knowledge.Answers;

/// <summary>
/// Pure: whether a section's terms hold a question's stem: the same stem, or, with a <c>prefix</c> length, a stem that
/// begins with the same first letters (French light stems keep a word's family apart, "retract" / "retractation", and a
/// typo at a word's end, "rembourss", keeps its beginning). Stems shorter than the prefix must match whole.
/// </summary>
public static class StemMatch
{
    public static bool Holds(IReadOnlySet<string> section, string stem, int prefix) =>
        section.Contains(stem)
        || (prefix > 0 && stem.Length >= prefix
            && section.Any(s => s.Length >= prefix && string.CompareOrdinal(s, 0, stem, 0, prefix) == 0));
}
