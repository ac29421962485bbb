namespace RefundBot.Dialogs.Tests.Transcripts;

/// <summary>Every <c>*.transcript</c> file in this folder is a test.</summary>
public sealed class TranscriptTests
{
    public static TheoryData<string> Files() =>
        new(Directory.GetFiles(Path.Combine(AppContext.BaseDirectory, "Transcripts"), "*.transcript", SearchOption.AllDirectories)
            .Select(Path.GetFileName)
            .Order(StringComparer.Ordinal)!);

    [Theory]
    [MemberData(nameof(Files))]
    public async Task The_bot_follows_the_transcript(string file)
    {
        var path = Path.Combine(AppContext.BaseDirectory, "Transcripts", file);
        var transcript = Transcript.Parse(file, await File.ReadAllTextAsync(path));
        await new TranscriptRunner().RunAsync(transcript);
    }
}
