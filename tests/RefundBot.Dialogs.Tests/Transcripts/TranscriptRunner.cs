using System.Text;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using RefundBot.Dialogs.Refund;
using RefundBot.Dialogs.Runtime;
using RefundBot.Dialogs.Runtime.Storage;
using Xunit.Sdk;

namespace RefundBot.Dialogs.Tests.Transcripts;

/// <summary>Plays a <see cref="Transcript"/> against the real conversation and fails at the first reply that differs.</summary>
public sealed class TranscriptRunner
{
    private readonly IDocumentStore _store = new MemoryDocumentStore();
    private readonly TestOrders _orders = new();
    private readonly StringBuilder _log = new();
    private TestBot _bot;
    private string? _locale = "en-US";
    private string? _timeZone;
    private DateTimeOffset _now = new(2026, 3, 20, 10, 0, 0, TimeSpan.FromHours(1));
    private int _activityCount;
    private Queue<Activity> _pending = new();
    private Activity? _lastChecked;

    private string? _policy;
    private string _channel = "test";

    public TranscriptRunner() => _bot = NewBot();

    public IDocumentStore Store => _store;

    public async Task RunAsync(Transcript transcript)
    {
        foreach (var line in transcript.Lines)
        {
            await PlayAsync(transcript, line);
        }

        if (_pending.Count > 0)
        {
            Fail(transcript, transcript.Lines[^1].Number, $"the bot said more than the transcript expects: \"{_pending.Peek().Text}\"");
        }
    }

    private async Task PlayAsync(Transcript transcript, TranscriptLine line)
    {
        switch (line)
        {
            case TranscriptLine.User user:
                ExpectNothingPending(transcript, user);
                _log.AppendLine($"user: {user.Text}");
                await SendAsync(NewActivity(ActivityTypes.Message, user.Text));
                break;
            case TranscriptLine.Join join:
                ExpectNothingPending(transcript, join);
                var update = NewActivity(ActivityTypes.ConversationUpdate, null);
                update.MembersAdded = [update.Recipient!, update.From!];
                await SendAsync(update);
                break;
            case TranscriptLine.BotSays says:
                var reply = NextReply(transcript, says);
                if (reply.Text != says.Text)
                {
                    Fail(transcript, says.Number, $"expected the bot to say\n  \"{says.Text}\"\nbut it said\n  \"{reply.Text}\"");
                }

                break;
            case TranscriptLine.BotMatches matches:
                var matched = NextReply(transcript, matches);
                if (!matches.Pattern.IsMatch(matched.Text ?? ""))
                {
                    Fail(transcript, matches.Number, $"expected a reply matching /{matches.Pattern}/ but the bot said\n  \"{matched.Text}\"");
                }

                break;
            case TranscriptLine.Buttons buttons:
                var titles = _lastChecked?.SuggestedActions?.Actions.Select(a => a.Title ?? "").ToList() ?? [];
                if (!titles.SequenceEqual(buttons.Titles))
                {
                    Fail(transcript, buttons.Number, $"expected buttons [{string.Join(" | ", buttons.Titles)}] but got [{string.Join(" | ", titles)}]");
                }

                break;
            case TranscriptLine.Locale locale:
                _locale = locale.Value == "none" ? null : locale.Value;
                break;
            case TranscriptLine.TimeZone zone:
                _timeZone = zone.Value;
                break;
            case TranscriptLine.Now now:
                _now = now.Value;
                break;
            case TranscriptLine.FollowUps followUps:
                ExpectNothingPending(transcript, followUps);
                _log.AppendLine($"-- follow-ups at {_now:O} --");
                var proactive = await _bot.RunFollowUpsAsync(_now);
                proactive.ForEach(reply => _log.AppendLine($"bot: {reply.Text}"));
                _pending = new Queue<Activity>(proactive);
                break;
            case TranscriptLine.Channel channel:
                _channel = channel.Id;
                break;
            case TranscriptLine.Policy policy:
                _policy = policy.Id;
                break;
            case TranscriptLine.Order order:
                _orders.Add(new OrderRecord(order.OrderId, _policy ?? "masecurite", order.PurchaseDate, order.PurchaseTime, order.Facts));
                break;
            case TranscriptLine.Restart:
                _bot = NewBot();
                _log.AppendLine("-- the bot restarted --");
                break;
        }
    }

    private async Task SendAsync(Activity activity)
    {
        var replies = await _bot.SendAsync(activity);
        foreach (var reply in replies)
        {
            _log.AppendLine($"bot: {reply.Text}");
        }

        _pending = new Queue<Activity>(replies);
    }

    private Activity NextReply(Transcript transcript, TranscriptLine line)
    {
        if (!_pending.TryDequeue(out var reply))
        {
            Fail(transcript, line.Number, "expected another reply, but the bot said nothing more");
        }

        _lastChecked = reply;
        return reply!;
    }

    private void ExpectNothingPending(Transcript transcript, TranscriptLine line)
    {
        if (_pending.Count > 0)
        {
            Fail(transcript, line.Number, $"the bot said something the transcript does not expect: \"{_pending.Peek().Text}\"");
        }
    }

    private Activity NewActivity(string type, string? text)
    {
        _activityCount++;
        var timestamp = _now.AddMinutes(_activityCount - 1);
        return new Activity
        {
            Type = type,
            Id = $"activity-{_activityCount}",
            Timestamp = timestamp.ToUniversalTime(),
            LocalTimestamp = timestamp,
            LocalTimezone = _timeZone,
            ChannelId = _channel,
            Entities = text?.Contains(BotMention, StringComparison.Ordinal) == true
                ? [JsonSerializer.SerializeToElement(new { type = "mention", text = BotMention, mentioned = new { id = "refundbot", name = "RefundBot" } })]
                : null,
            ServiceUrl = "http://localhost/test-channel",
            Conversation = new ConversationAccount { Id = "transcript-conversation" },
            From = new ChannelAccount { Id = "customer-1", Name = "Customer", Role = "user" },
            Recipient = new ChannelAccount { Id = "refundbot", Name = "RefundBot", Role = "bot" },
            Locale = _locale,
            Text = text,
            ChannelData = _policy is null ? null : JsonSerializer.SerializeToElement(new { policy = _policy }),
        };
    }

    private const string BotMention = "<at>RefundBot</at>";

    private TestBot NewBot() => new(_store, services => services.AddSingleton<IOrderDirectory>(_orders));

    /// <summary>The business's order records, as the transcript declares them.</summary>
    private sealed class TestOrders : IOrderDirectory
    {
        private readonly List<OrderRecord> _records = [];

        public void Add(OrderRecord record) => _records.Add(record);

        public Task<OrderRecord?> FindAsync(string policyId, string orderId, CancellationToken cancellationToken) =>
            Task.FromResult(_records.FirstOrDefault(r => r.PolicyId == policyId && r.OrderId == orderId));
    }

    private void Fail(Transcript transcript, int lineNumber, string message) =>
        throw new XunitException($"{transcript.Name}, line {lineNumber}: {message}\n\nConversation so far:\n{_log}");
}
