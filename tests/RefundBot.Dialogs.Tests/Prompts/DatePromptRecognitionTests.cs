using System.Collections.Concurrent;
using Microsoft.Extensions.DependencyInjection;
using RefundBot.Dialogs.Recognizers;
using RefundBot.Dialogs.Runtime.Storage;
using Xunit.Abstractions;

namespace RefundBot.Dialogs.Tests.Prompts;

/// <summary>
/// The date prompt reads an answer once per turn: it looks at it for a pending confirmation, for an ambiguous date and
/// for the date itself, and each reading ran the recognizer's models over the text again (measured before the per-turn
/// readings: 2 recognitions of a plain answer, 3 of the answer to a confirmation, 4 for "since monday"). What the prompt
/// answers is held by the transcripts; here, that it still answers.
/// </summary>
public sealed class DatePromptRecognitionTests(ITestOutputHelper output)
{
    private sealed class CountingDates(IDateRecognizer inner) : IDateRecognizer
    {
        public ConcurrentDictionary<string, int> Calls { get; } = new(StringComparer.Ordinal);

        public DateRecognition Recognize(string text, DateContext context)
        {
            Calls.AddOrUpdate(text, 1, (_, n) => n + 1);
            return inner.Recognize(text, context);
        }
    }

    [Theory]
    [InlineData("2026-03-15")]
    [InlineData("03/04/2026")] // ambiguous: confirmed in words
    [InlineData("since monday")]
    [InlineData("last month")] // a period: asked again as a day
    public async Task The_date_prompt_reads_an_answer_once_per_turn(string answer)
    {
        var dates = new CountingDates(new PurchaseDateRecognizer());
        var bot = new TestBot(new MemoryDocumentStore(), services => services.AddSingleton<IDateRecognizer>(dates));
        await bot.SendAsync(TestBot.Message("c", "refund please", 0));
        await bot.SendAsync(TestBot.Message("c", "MS-1001", 1));
        dates.Calls.Clear();

        var replies = await bot.SendAsync(TestBot.Message("c", answer, 2));

        output.WriteLine(string.Join("\n", dates.Calls.Select(c => $"{c.Key}: {c.Value}")));
        output.WriteLine(string.Join("\n", replies.Select(r => r.Text)));
        Assert.Equal(1, dates.Calls.GetValueOrDefault(answer));
        Assert.All(dates.Calls, call => Assert.Equal(1, call.Value));
        Assert.NotEmpty(replies);
    }

    [Fact]
    public async Task The_answer_to_a_confirmation_is_read_once_too()
    {
        var dates = new CountingDates(new PurchaseDateRecognizer());
        var bot = new TestBot(new MemoryDocumentStore(), services => services.AddSingleton<IDateRecognizer>(dates));
        await bot.SendAsync(TestBot.Message("c", "refund please", 0));
        await bot.SendAsync(TestBot.Message("c", "MS-1001", 1));
        await bot.SendAsync(TestBot.Message("c", "03/04/2026", 2));
        dates.Calls.Clear();

        var replies = await bot.SendAsync(TestBot.Message("c", "no, the 4th of March", 3));

        output.WriteLine(string.Join("\n", dates.Calls.Select(c => $"{c.Key}: {c.Value}")));
        Assert.All(dates.Calls, call => Assert.Equal(1, call.Value));
        Assert.NotEmpty(replies);
    }
}
