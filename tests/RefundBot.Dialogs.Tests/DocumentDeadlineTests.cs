using Microsoft.Extensions.DependencyInjection;
using RefundBot.Dialogs.Cases;
using RefundBot.Dialogs.Refund;
using RefundBot.Dialogs.Runtime;
using RefundBot.Dialogs.Runtime.Storage;

namespace RefundBot.Dialogs.Tests;

/// <summary>
/// A document the customer sends "later" is awaited on the case through the follow-up scheduler: at the policy's
/// deadline (the end of Seven-Day Services' 7-day window in Paris) the bot comes back once, however many instances
/// find the case due, the document is missing and the decision is recorded; a file before it cancels the deadline.
/// </summary>
public sealed class DocumentDeadlineTests
{
    /// <summary>The end of March 25, 2026 in Paris: the last day of the 7 days from a purchase on March 18.</summary>
    private static readonly DateTimeOffset Deadline = new(2026, 3, 26, 0, 0, 0, TimeSpan.FromHours(1));
    private readonly MemoryDocumentStore _store = new();

    [Fact]
    public async Task The_deadline_comes_back_once_across_instances_and_records_the_missing_document()
    {
        var first = new TestBot(_store);
        var second = new TestBot(_store);
        var caseId = await AskLaterAsync(first, "deadline");
        var cases = first.Services.GetRequiredService<CaseStore>();
        Assert.Equal(Deadline, (await cases.FindAsync(caseId))!.FollowUpDueAt);

        Assert.Empty(await first.RunFollowUpsAsync(Deadline.AddMinutes(-1)));
        var replies = (await Task.WhenAll(first.RunFollowUpsAsync(Deadline), second.RunFollowUpsAsync(Deadline))).SelectMany(r => r).ToList();
        replies.AddRange(await second.RunFollowUpsAsync(Deadline.AddHours(1)));

        Assert.Single(replies, r => r.Text?.StartsWith("The policy's window to send the file ended on March 25, 2026", StringComparison.Ordinal) == true);
        Assert.Single(replies, r => r.Text?.Contains("cannot be refunded", StringComparison.Ordinal) == true);
        var decided = (await cases.FindAsync(caseId))!;
        Assert.Equal("missing", decided.Facts["proof_of_purchase"]);
        Assert.Equal(CaseStatus.Decided, decided.Status);
        Assert.Null(decided.AwaitedDocument);
        Assert.Empty(await cases.FollowUpsDueAsync(Deadline.AddDays(30), 10));
    }

    [Fact]
    public async Task A_file_before_the_deadline_cancels_it()
    {
        var bot = new TestBot(_store);
        var caseId = await AskLaterAsync(bot, "file-first");
        await bot.SendAsync(WithFile(Message("file-first", "", 4000)));

        var cases = bot.Services.GetRequiredService<CaseStore>();
        var refundCase = (await cases.FindAsync(caseId))!;
        Assert.Null(refundCase.AwaitedDocument);
        Assert.Null(refundCase.FollowUpDueAt);
        Assert.Empty(await bot.RunFollowUpsAsync(Deadline.AddDays(1)));
    }

    /// <summary>A Seven-Day Services request up to the customer's "later" for the proof of purchase; returns the case id.</summary>
    private static async Task<string> AskLaterAsync(TestBot bot, string conversation)
    {
        await bot.SendAsync(Message(conversation, "hi, I want a refund for order SD-9080, bought on the 18th, the service doesn't work, I paid €79", 0));
        await bot.SendAsync(Message(conversation, "yes", 1));
        var later = await bot.SendAsync(Message(conversation, "later", 2));
        Assert.Contains(later, r => r.Text?.Contains("until the end of March 25, 2026", StringComparison.Ordinal) == true);
        var recorded = await bot.Services.GetRequiredService<CaseStore>().ForConversationAsync($"test/conversations/{conversation}");
        return Assert.Single(recorded).Id;
    }

    private static Activity Message(string conversation, string text, int minute)
    {
        var message = TestBot.Message(conversation, text, minute);
        message.ChannelData = System.Text.Json.JsonSerializer.SerializeToElement(new { policy = "seven-day-services" });
        return message;
    }

    /// <summary>The message carries a 212 KB PDF the channel kept.</summary>
    private static Activity WithFile(Activity message)
    {
        var hash = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData("receipt.pdf"u8));
        message.Attachments = [ReceivedFiles.ToAttachment(new ReceivedFile("receipt.pdf", "application/pdf", 212 * 1024, hash))];
        return message;
    }
}
