using System.IO.Compression;
using System.Text;
using System.Text.RegularExpressions;

namespace RefundBot.Bot.PolicyStudio;

/// <summary>
/// What a draft may hold: a policy folder's text files (<c>*.yaml</c>, <c>*.yml</c>, <c>*.md</c>, the files its
/// version counts), named plainly, in UTF-8, within sizes a policy never reaches. A zip of the folder is read the same
/// way (its entries, in a folder or not); anything else in it is named back as ignored, never silently dropped.
/// </summary>
internal static partial class DraftFiles
{
    public const int MaxFiles = 64;
    public const int MaxFileBytes = 256 * 1024;
    public const int MaxTotalBytes = 1024 * 1024;

    public static bool IsTextFile(string name) => FileName().IsMatch(name);

    /// <summary>Why these files cannot be a draft, or null.</summary>
    public static string? Problem(IReadOnlyDictionary<string, string> files)
    {
        if (files.Count > MaxFiles)
        {
            return $"a draft holds at most {MaxFiles} files";
        }

        if (files.Keys.FirstOrDefault(n => !IsTextFile(n)) is { } bad)
        {
            return $"'{bad}' is not a policy file name (letters, digits, '.', '-', '_', ending .yaml, .yml or .md)";
        }

        if (files.FirstOrDefault(f => Encoding.UTF8.GetByteCount(f.Value) > MaxFileBytes) is { Key: { } big })
        {
            return $"{big} is larger than {MaxFileBytes / 1024} KB";
        }

        return files.Sum(f => (long)Encoding.UTF8.GetByteCount(f.Value)) > MaxTotalBytes ? $"the draft is larger than {MaxTotalBytes / 1024} KB" : null;
    }

    /// <summary>The policy files of a zip (by their names, whatever folder they are in) and the names of the other entries; null when it is not a zip.</summary>
    public static (Dictionary<string, string> Files, List<string> Ignored)? ReadZip(byte[] zip)
    {
        try
        {
            using var archive = new ZipArchive(new MemoryStream(zip), ZipArchiveMode.Read);
            var files = new Dictionary<string, string>(StringComparer.Ordinal);
            var ignored = new List<string>();
            foreach (var entry in archive.Entries.Where(e => e.Name.Length > 0))
            {
                if (!IsTextFile(entry.Name) || entry.Length > MaxFileBytes || files.ContainsKey(entry.Name) || files.Count >= MaxFiles)
                {
                    ignored.Add(entry.FullName);
                    continue;
                }

                using var reader = new StreamReader(entry.Open(), new UTF8Encoding(false, throwOnInvalidBytes: true));
                try
                {
                    files[entry.Name] = reader.ReadToEnd();
                }
                catch (DecoderFallbackException)
                {
                    ignored.Add(entry.FullName + " (not UTF-8 text)");
                }
            }

            return (files, ignored);
        }
        catch (InvalidDataException)
        {
            return null;
        }
    }

    [GeneratedRegex(@"^[A-Za-z0-9][A-Za-z0-9._-]{0,80}\.(yaml|yml|md)$")]
    private static partial Regex FileName();
}
