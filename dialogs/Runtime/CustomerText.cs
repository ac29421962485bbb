using System.Text.RegularExpressions;

namespace RefundBot.Dialogs.Runtime;

/// <summary>
/// A customer's (or any caller's) own words inside the bot's Markdown messages, quoted as text. Web Chat and Teams render
/// the bot's messages as Markdown and turn bare URLs into links, so words quoted as they were typed could put a live link
/// or a bold "Refund approved" inside the bot's own bubble. An inline code span shows them literally: no emphasis, no
/// links (not even detected ones), no HTML.
/// </summary>
public static partial class CustomerText
{
    public static string Quoted(string? text)
    {
        var flat = string.Join(' ', (text ?? "").Split((char[])['\r', '\n', '\t'], StringSplitOptions.RemoveEmptyEntries)).Trim();
        if (flat.Length == 0)
        {
            return "";
        }

        // The fence is one backtick longer than the longest run inside; a space keeps a backtick at either end apart from it.
        var fence = new string('`', BacktickRuns().Matches(flat).Select(m => m.Length).DefaultIfEmpty(0).Max() + 1);
        var padding = flat.StartsWith('`') || flat.EndsWith('`') ? " " : "";
        return fence + padding + flat + padding + fence;
    }

    [GeneratedRegex("`+")]
    private static partial Regex BacktickRuns();
}
