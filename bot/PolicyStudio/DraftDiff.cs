using DiffPlex;
using DiffPlex.DiffBuilder;
using DiffPlex.DiffBuilder.Model;

namespace RefundBot.Bot.PolicyStudio;

/// <summary>One line of a file's difference: ' ' kept, '-' only in the published version, '+' only in the draft, with its line numbers.</summary>
public sealed record DiffLine(string Kind, int? Published, int? Draft, string Text);

/// <summary>A file that differs: added, removed or changed, with the changed lines and two lines of context around them.</summary>
public sealed record FileDiff(string File, string Status, IReadOnlyList<DiffLine> Lines);

/// <summary>The draft against the published version, file by file (DiffPlex's line diff).</summary>
internal static class DraftDiff
{
    private const int Context = 2;

    public static IReadOnlyList<FileDiff> Compute(IReadOnlyDictionary<string, string> published, IReadOnlyDictionary<string, string> draft) =>
        published.Keys.Union(draft.Keys).Order(StringComparer.Ordinal)
            .Where(f => published.GetValueOrDefault(f) != draft.GetValueOrDefault(f))
            .Select(f => new FileDiff(f, !published.ContainsKey(f) ? "added" : !draft.ContainsKey(f) ? "removed" : "changed",
                Lines(published.GetValueOrDefault(f) ?? "", draft.GetValueOrDefault(f) ?? "")))
            .ToList();

    private static List<DiffLine> Lines(string before, string after)
    {
        var model = new InlineDiffBuilder(new Differ()).BuildDiffModel(before, after, ignoreWhitespace: false);
        var (old, now) = (0, 0);
        var all = new List<DiffLine>();
        foreach (var line in model.Lines)
        {
            all.Add(line.Type switch
            {
                ChangeType.Inserted => new DiffLine("+", null, ++now, line.Text),
                ChangeType.Deleted => new DiffLine("-", ++old, null, line.Text),
                _ => new DiffLine(" ", ++old, ++now, line.Text),
            });
        }

        var changed = all.Select((l, i) => (l, i)).Where(x => x.l.Kind != " ").Select(x => x.i).ToList();
        return all.Where((_, i) => changed.Any(c => Math.Abs(c - i) <= Context)).ToList();
    }
}
