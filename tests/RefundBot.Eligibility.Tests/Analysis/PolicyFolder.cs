namespace RefundBot.Eligibility.Tests.Analysis;

/// <summary>
/// A throwaway copy of a policy folder (a fixture or a real policy), edited by text replacement, deleted after the test:
/// each finding of <c>policy check</c> is shown on the smallest change that causes it.
/// </summary>
public sealed class PolicyFolder : IDisposable
{
    public static readonly string FourteenDayReturns = Path.Combine(AppContext.BaseDirectory, "Fixtures", "fourteen-day-returns");

    private readonly DirectoryInfo _root = Directory.CreateTempSubdirectory("policy-check-");

    public PolicyFolder(string source, string? name = null)
    {
        Folder = System.IO.Path.Combine(_root.FullName, name ?? System.IO.Path.GetFileName(source));
        Directory.CreateDirectory(Folder);
        foreach (var file in Directory.GetFiles(source))
        {
            File.Copy(file, System.IO.Path.Combine(Folder, System.IO.Path.GetFileName(file)));
        }
    }

    public string Folder { get; }

    public string Name => System.IO.Path.GetFileName(Folder);

    /// <summary>Replaces <paramref name="old"/> (which must be there) in one of the folder's files.</summary>
    public PolicyFolder Replace(string file, string old, string replacement)
    {
        var path = System.IO.Path.Combine(Folder, file);
        var text = File.ReadAllText(path);
        Assert.Contains(old, text);
        File.WriteAllText(path, text.Replace(old, replacement));
        return this;
    }

    public PolicyFolder Write(string file, string text)
    {
        File.WriteAllText(System.IO.Path.Combine(Folder, file), text);
        return this;
    }

    /// <summary>The line of the first occurrence of <paramref name="text"/> in the file (1-based).</summary>
    public int LineOf(string file, string text) =>
        Array.FindIndex(File.ReadAllLines(System.IO.Path.Combine(Folder, file)), l => l.Contains(text, StringComparison.Ordinal)) + 1;

    public void Dispose() => _root.Delete(recursive: true);
}
