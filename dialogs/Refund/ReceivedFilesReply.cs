using System.Text;
using Microsoft.Extensions.Options;
using RefundBot.Dialogs.Runtime;

namespace RefundBot.Dialogs.Refund;

/// <summary>
/// Tells the customer what became of the files their message carried, as the channel received them
/// (<see cref="ReceivedFiles"/>): those kept, in one line ("Thanks, I have received receipt.pdf (212 KB)…"), and each
/// refused one with its reason and what to send instead, in the customer's language. A refused file was not stored.
/// </summary>
internal sealed class ReceivedFilesReply(IOptions<RefundBotOptions> options)
{
    /// <returns>Whether the message carried files.</returns>
    public bool TryReply(TurnContext turn)
    {
        var files = ReceivedFiles.Of(turn.Activity);
        if (files.Count == 0)
        {
            return false;
        }

        foreach (var refused in files.Where(f => !f.IsStored))
        {
            turn.Send(turn.Text("file.refused." + Key(refused.Refusal), ("name", Shown(refused.Name)), ("limit", LimitText(turn, options.Value))));
        }

        var kept = files.Where(f => f.IsStored).Select(f => $"{Shown(f.Name)} ({SizeText(turn, f.Size)})").ToList();
        if (kept.Count > 0)
        {
            turn.Send(turn.Text("file.received", ("files", string.Join(", ", kept))));
        }

        return true;
    }

    /// <summary>The size limit as the customer reads it: "10 MB" / "10 Mo", "512 KB" / "512 Ko" below a megabyte.</summary>
    public static string LimitText(TurnContext turn, RefundBotOptions options)
    {
        var french = turn.Language == "fr";
        var bytes = options.MaxFileBytes;
        return bytes >= 1024 * 1024
            ? (bytes / (1024.0 * 1024.0)).ToString("0.#", turn.Culture) + (french ? "\u00A0Mo" : " MB")
            : Math.Max(1, bytes / 1024) + (french ? "\u00A0Ko" : " KB");
    }

    /// <summary>A file's size as the customer reads it: "212 KB" / "212 Ko", "1.5 MB" / "1,5 Mo" (a no-break space in French).</summary>
    public static string SizeText(TurnContext turn, long bytes)
    {
        var (space, b, kb, mb) = turn.Language == "fr" ? ("\u00A0", "o", "Ko", "Mo") : (" ", "B", "KB", "MB");
        return bytes switch
        {
            < 1024 => $"{bytes}{space}{b}",
            < 1024 * 1024 => $"{Math.Max(1, (long)Math.Round(bytes / 1024.0))}{space}{kb}",
            _ => (bytes / (1024.0 * 1024.0)).ToString("0.0", turn.Culture) + space + mb,
        };
    }

    private static string Key(FileRefusal refusal) => refusal switch
    {
        FileRefusal.Empty => "empty",
        FileRefusal.TooLarge => "tooLarge",
        FileRefusal.UnsupportedType => "unsupportedType",
        FileRefusal.Infected => "infected",
        _ => "unavailable",
    };

    /// <summary>The customer's file name in bold, its Markdown characters escaped: a name is shown, never rendered.</summary>
    private static string Shown(string name)
    {
        var escaped = new StringBuilder(name.Length + 8);
        foreach (var c in name)
        {
            if ("\\`*_{}[]()#+-.!<>|~".Contains(c))
            {
                escaped.Append('\\');
            }

            escaped.Append(c);
        }

        return "**" + escaped + "**";
    }
}
