using System.Security.Cryptography;
using System.Text;

namespace RefundBot.Eligibility.Loading;

/// <summary>
/// A policy folder's text files (<c>*.yaml</c>, <c>*.yml</c>, <c>*.md</c>), read once, with line endings made LF and
/// any byte-order mark dropped, so that the same policy reads, and hashes, the same on every machine and after a
/// checkout that turned LF into CRLF. <see cref="Hash"/> is the policy's version: it changes when any of these files
/// does, and only then. A folder can also be rebuilt from a stored version's files (<see cref="FromFiles"/>).
/// </summary>
public sealed class PolicyFolder
{
    private static readonly string[] TextExtensions = [".yaml", ".yml", ".md"];

    private PolicyFolder(string name, SortedDictionary<string, string> files)
    {
        Name = name;
        Files = files;
        Hash = HashOf(files);
    }

    /// <summary>The folder's name: the policy's id.</summary>
    public string Name { get; }

    /// <summary>File name → normalized text, in ordinal order of the names.</summary>
    public IReadOnlyDictionary<string, string> Files { get; }

    /// <summary>SHA-256 (lowercase hex) of every file's name and normalized text, in name order.</summary>
    public string Hash { get; }

    public static PolicyFolder Read(string directory) =>
        new(Path.GetFileName(Path.TrimEndingDirectorySeparator(directory)), new SortedDictionary<string, string>(
            Directory.GetFiles(directory)
                .Where(f => TextExtensions.Contains(Path.GetExtension(f), StringComparer.OrdinalIgnoreCase))
                .ToDictionary(f => Path.GetFileName(f), f => Normalize(File.ReadAllText(f))),
            StringComparer.Ordinal));

    /// <summary>A folder from stored files (a published version): normalized again, so its hash is theirs.</summary>
    public static PolicyFolder FromFiles(string name, IReadOnlyDictionary<string, string> files) =>
        new(name, new SortedDictionary<string, string>(files.ToDictionary(f => f.Key, f => Normalize(f.Value)), StringComparer.Ordinal));

    public bool Has(string file) => Files.ContainsKey(file);

    public string Text(string file) => Files[file];

    /// <summary>"necxian/policy.yaml": how problems name a file.</summary>
    public string DisplayPath(string file) => Path.Combine(Name, file);

    /// <summary>LF line endings, no byte-order mark.</summary>
    public static string Normalize(string text) =>
        text.TrimStart('\uFEFF').Replace("\r\n", "\n", StringComparison.Ordinal).Replace('\r', '\n');

    private static string HashOf(SortedDictionary<string, string> files)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        foreach (var (name, text) in files)
        {
            var content = Encoding.UTF8.GetBytes(text);
            hash.AppendData(Encoding.UTF8.GetBytes($"{name}\n{content.Length}\n"));
            hash.AppendData(content);
        }

        return Convert.ToHexStringLower(hash.GetHashAndReset());
    }
}
