using System.Text.Json;
using RefundBot.Dialogs.Cases;
using RefundBot.Dialogs.Runtime;
using RefundBot.Dialogs.Runtime.Storage;
using RefundBot.Dialogs.Tests.Transcripts;

namespace RefundBot.Dialogs.Tests.Cases;

/// <summary>
/// The request instant is the first message of the request, so the waits a policy imposes afterwards never cost a
/// window; but a customer's own delay does not count in their favour: a request left unfinished for more than a day is
/// asked when it is confirmed.
/// </summary>
public sealed class RequestInstantTests
{
    private const string Start = """
        @policy smarters-pro
        @timezone Europe/Paris
        @order SP-5001 2026-03-12 19:00 amount_paid=59.99
        @now 2026-03-13T10:00:00+01:00
        user: refund for SP-5001, I can't log in to the app
        bot~ ^Hi, I'm the .+ refund assistant\.
        bot~ ^Here is your request:
        """;

    private const string Confirm = """
        user: yes
        bot~ recorded as case
        bot: What kind of problem are you having?
        """;

    [Theory]
    [InlineData("2026-03-13T10:20:00+01:00", "2026-03-13T10:00:00+01:00")] // confirmed 20 minutes later: asked at the first message
    [InlineData("2026-03-14T09:59:00+01:00", "2026-03-13T10:00:00+01:00")] // within the day
    [InlineData("2026-03-15T12:00:00+01:00", "2026-03-15T12:00:00+01:00")] // left two days: asked when confirmed
    public async Task A_request_is_asked_at_its_first_message_unless_the_customer_left_it_for_more_than_a_day(string confirmedAt, string requestedAt)
    {
        var store = new MemoryDocumentStore();
        await new TranscriptRunner(store).RunAsync(Transcript.Parse("request-instant", $"{Start}\n@now {confirmedAt}\n{Confirm}"));

        var refundCase = JsonSerializer.Deserialize<RefundCase>(Assert.Single(await store.ListAsync("cases/")).Json, ActivityJson.Options)!;
        var expected = DateTimeOffset.Parse(requestedAt, System.Globalization.CultureInfo.InvariantCulture);
        Assert.InRange(refundCase.RequestedAt!.Value, expected, expected.AddMinutes(2)); // the runner's clock moves a minute a message
    }
}
