using System.Globalization;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using RefundBot.Dialogs.Cases;
using RefundBot.Dialogs.Handoff;
using RefundBot.Dialogs.Refund;
using RefundBot.Dialogs.Runtime;
using RefundBot.Dialogs.Runtime.Outbox;
using RefundBot.Dialogs.Runtime.Storage;
using Xunit.Sdk;

namespace RefundBot.Dialogs.Tests.Transcripts;

/// <summary>Plays a <see cref="Transcript"/> against the real conversation and fails at the first reply that differs.</summary>
public sealed class TranscriptRunner
{
    private readonly IDocumentStore _store;
    private readonly TestOrders _orders = new();
    private readonly StringBuilder _log = new();
    private TestBot _bot;
    private string? _locale = "en-US";
    private string? _timeZone;
    private DateTimeOffset _now = new(2026, 3, 20, 10, 0, 0, TimeSpan.FromHours(1));
    private int _activityCount;
    private Queue<Activity> _pending = new();
    private readonly TestClock _clock = new(new DateTimeOffset(2026, 3, 20, 10, 0, 0, TimeSpan.FromHours(1)));
    private AgentIdentity? _agent;
    private Activity? _lastChecked;

    private string? _policy;
    private string _channel = "test";
    private string _conversation = "transcript-conversation";

    private readonly Action<IServiceCollection>? _configure;

    private bool _email;
    private bool _survey;
    private readonly EmailNotices _notices = new();

    /// <param name="store">The store the conversation runs on (an in-memory one unless a test brings its own).</param>
    /// <param name="configure">Services a test replaces (an entrance that races the desk, say).</param>
    public TranscriptRunner(IDocumentStore? store = null, Action<IServiceCollection>? configure = null)
    {
        _store = store ?? new NoScanStore(); // every query the conversation makes goes through an index
        _configure = configure;
        _bot = NewBot();
    }

    public IDocumentStore Store => _store;

    /// <summary>The transcript's conversation, as the desk names it.</summary>
    public string ConversationKey => $"{_channel}/conversations/transcript-conversation";

    /// <summary>The bot as it runs now, for a test that goes on after the transcript.</summary>
    public TestBot Bot => _bot;

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

        if (_notices.Sent.TryPeek(out var unexpected))
        {
            Fail(transcript, transcript.Lines[^1].Number, $"the bot committed an e-mail the transcript does not expect: {unexpected.Notification}");
        }
    }

    private async Task PlayAsync(Transcript transcript, TranscriptLine line)
    {
        switch (line)
        {
            case TranscriptLine.User user:
                ExpectNothingPending(transcript, user);
                _log.AppendLine($"user: {user.Text}");
                await SendAsync(UserMessage(user.Text));
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
                _clock.Now = now.Value;
                break;
            case TranscriptLine.Event expected:
                var activity = NextReply(transcript, expected);
                if (activity.Type != ActivityTypes.Event || activity.Name != expected.Name)
                {
                    Fail(transcript, expected.Number, $"expected a {expected.Name} event but the bot sent a {activity.Type} \"{activity.Name ?? activity.Text}\"");
                }

                break;
            case TranscriptLine.AgentSays says:
                ExpectNothingPending(transcript, says);
                _log.AppendLine($"agent: {says.Text}");
                await DeskAsync(transcript, says.Number, "done", (desk, key) => desk.SendAsync(key, Agent, says.Text, default));
                break;
            case TranscriptLine.AgentAction action:
                ExpectNothingPending(transcript, action);
                _log.AppendLine($"-- agent desk: {action.Action} {action.Argument} {action.Rest} --");
                var actor = action.Action == "claim" ? new AgentIdentity(action.Argument!.ToLowerInvariant(), action.Argument) : Agent;
                await DeskAsync(transcript, action.Number, action.ExpectedResult, (desk, key) => action.Action switch
                {
                    "verify" => VerifyAsync(key, action, _agent ?? new AgentIdentity("alice", "Alice")),
                    "accept" or "reject" => CheckDocumentAsync(key, action, _agent ?? new AgentIdentity("alice", "Alice")),
                    _ => Act(desk, key, action, actor),
                });
                if (action.Action == "claim" && action.ExpectedResult == "done")
                {
                    _agent = actor;
                }
                break;
            case TranscriptLine.HandoffCheck check:
                ExpectNothingPending(transcript, check);
                _log.AppendLine($"-- hand-off check at {_now:O} --");
                await DeskAsync(transcript, check.Number, "done", async (desk, _) =>
                {
                    await desk.RunDueAsync(_now, default);
                    return DeskResult.Done;
                });
                break;
            case TranscriptLine.FollowUps followUps:
                ExpectNothingPending(transcript, followUps);
                _log.AppendLine($"-- follow-ups at {_now:O} --");
                var proactive = await _bot.RunFollowUpsAsync(_now);
                proactive.ForEach(reply => _log.AppendLine($"bot: {reply.Text}"));
                _pending = new Queue<Activity>(proactive);
                break;
            case TranscriptLine.Conversation conversation:
                ExpectNothingPending(transcript, conversation);
                _conversation = conversation.Id;
                _log.AppendLine($"-- conversation {conversation.Id} --");
                break;
            case TranscriptLine.CaseCount count:
                var recorded = await _bot.Services.GetRequiredService<RefundBot.Dialogs.Cases.CaseStore>().ForOrderAsync(count.OrderId);
                if (recorded.Count != count.Count)
                {
                    Fail(transcript, count.Number, $"expected {count.Count} case(s) for order {count.OrderId} but the store holds {recorded.Count}");
                }

                break;
            case TranscriptLine.Satisfied satisfied:
                var rated = (await _bot.Services.GetRequiredService<RefundBot.Dialogs.Cases.CaseStore>().ForOrderAsync(satisfied.OrderId))
                    .Select(c => c.Satisfaction).ToList();
                if (rated is not [var given] || given?.Rating != satisfied.Rating || given?.Comment != satisfied.Comment)
                {
                    Fail(transcript, satisfied.Number, $"expected one case for order {satisfied.OrderId} rated {satisfied.Rating?.ToString(CultureInfo.InvariantCulture) ?? "none"}"
                        + $" with comment '{satisfied.Comment}', but the store holds {string.Join(", ", rated.Select(r => r is null ? "none" : $"{r.Rating} '{r.Comment}'"))}");
                }

                break;
            case TranscriptLine.CaseFact fact:
                var holding = (await _bot.Services.GetRequiredService<RefundBot.Dialogs.Cases.CaseStore>().ForOrderAsync(fact.OrderId)).ToList();
                var source = holding is [var one] && one.Facts.GetValueOrDefault(fact.Fact) == fact.Value ? one.SourceOf(fact.Fact) : null;
                if (source is null || source.Source != RefundBot.Dialogs.Cases.FactSource.Customer || source.Bound != fact.Bound)
                {
                    Fail(transcript, fact.Number, $"expected one case for order {fact.OrderId} recording {fact.Fact} = {fact.Value} from the customer, "
                        + $"bound {fact.Bound ?? "none"}, but the store holds {string.Join(", ", holding.Select(c => $"{c.Facts.GetValueOrDefault(fact.Fact)} ({c.SourceOf(fact.Fact)})"))}");
                }

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
            case TranscriptLine.Email email:
                _email = email.On;
                _bot = NewBot();
                break;
            case TranscriptLine.Survey survey:
                _survey = survey.On;
                _bot = NewBot();
                break;
            case TranscriptLine.Emailed emailed:
                if (!_notices.Sent.TryDequeue(out var notice) || notice.Notification != emailed.Notification)
                {
                    Fail(transcript, emailed.Number, $"expected a {emailed.Notification} e-mail to be committed, but {(notice is null ? "none was" : $"a {notice.Notification} one was")}");
                }

                _log.AppendLine($"-- e-mailed: {emailed.Notification} --");
                break;
            case TranscriptLine.SavedByAnotherVersion saved:
                await MarkSavedByAnotherVersionAsync(transcript, saved);
                _log.AppendLine($"-- the state as saved by another version of {saved.DialogId} --");
                break;
        }
    }

    private async Task MarkSavedByAnotherVersionAsync(Transcript transcript, TranscriptLine.SavedByAnotherVersion saved)
    {
        var key = $"{_channel}/conversations/{_conversation}";
        var document = await _store.ReadAsync(key) ?? throw new InvalidOperationException("No saved conversation yet.");
        var state = System.Text.Json.Nodes.JsonNode.Parse(document.Json)!;
        var marked = 0;
        foreach (var instance in state["dialogStack"]!.AsArray().Where(i => i!["id"]!.GetValue<string>() == saved.DialogId))
        {
            instance!["version"] = $"{saved.DialogId}:another";
            marked++;
        }

        if (marked == 0)
        {
            Fail(transcript, saved.Number, $"no {saved.DialogId} dialog is saved in the conversation");
        }

        await _store.WriteAsync(key, state.ToJsonString(), document.ETag);
    }

    private static Task<DeskResult> Act(HandoffDesk desk, string key, TranscriptLine.AgentAction action, AgentIdentity agent) => action.Action switch
    {
        "claim" => desk.ClaimAsync(key, agent, default),
        "decide" => desk.DecideAsync(key, agent, DecisionRequest(action.Argument!, action.Rest ?? ""), default),
        "handback" => desk.HandBackAsync(key, agent, close: false, default),
        "close" => desk.HandBackAsync(key, agent, close: true, default),
        "release" => desk.ReleaseAsync(key, agent, default),
        "seen" => SeenAsync(desk, agent),
        var other => throw new FormatException($"unknown agent action '{other}'"),
    };

    /// <summary>"verify FACT [VALUE]": an agent checked a fact of the conversation's latest case (VALUE: what they found instead).</summary>
    private async Task<DeskResult> VerifyAsync(string key, TranscriptLine.AgentAction action, AgentIdentity agent)
    {
        var latest = (await _bot.Services.GetRequiredService<RefundBot.Dialogs.Cases.CaseStore>().ForConversationAsync(key)).MaxBy(c => c.CreatedAt);
        return await _bot.Services.GetRequiredService<FactVerifier>().VerifyAsync(latest?.Id ?? "", agent, action.Argument!, action.Rest, default);
    }

    /// <summary>"accept FACT" / "reject FACT REASON": an agent checked the file sent for a document fact of the latest case.</summary>
    private async Task<DeskResult> CheckDocumentAsync(string key, TranscriptLine.AgentAction action, AgentIdentity agent)
    {
        var latest = (await _bot.Services.GetRequiredService<RefundBot.Dialogs.Cases.CaseStore>().ForConversationAsync(key)).MaxBy(c => c.CreatedAt);
        return await _bot.Services.GetRequiredService<DocumentChecker>()
            .CheckAsync(latest?.Id ?? "", agent, action.Argument!, action.Action == "accept", action.Rest, default);
    }

    /// <summary>"[AMOUNT CURRENCY] message to the customer [|| internal note]": the amount only for a partial refund.</summary>
    private static AgentDecisionRequest DecisionRequest(string outcome, string rest)
    {
        var parts = rest.Split("||", 2, StringSplitOptions.TrimEntries);
        var message = parts[0];
        (decimal? amount, string? currency) = (null, null);
        if (outcome == "partial")
        {
            var words = message.Split(' ', 3, StringSplitOptions.RemoveEmptyEntries);
            amount = words.Length > 0 && decimal.TryParse(words[0], System.Globalization.NumberStyles.Number, System.Globalization.CultureInfo.InvariantCulture, out var parsed) ? parsed : null;
            currency = words.Length > 1 ? words[1] : null;
            message = words.Length > 2 ? words[2] : "";
        }

        return new AgentDecisionRequest(outcome, amount, currency, message, parts.Length > 1 ? parts[1] : "");
    }

    private static async Task<DeskResult> SeenAsync(HandoffDesk desk, AgentIdentity agent)
    {
        await desk.AgentSeenAsync(agent.Id, default);
        return DeskResult.Done;
    }

    /// <summary>The agent who last claimed the conversation; before any claim, an agent who owns nothing.</summary>
    private AgentIdentity Agent => _agent ?? new AgentIdentity("stranger", "Stranger");

    private async Task DeskAsync(Transcript transcript, int lineNumber, string expected, Func<HandoffDesk, string, Task<DeskResult>> action)
    {
        var key = $"{_channel}/conversations/{_conversation}";
        var (result, replies) = await _bot.DeskAsync(desk => action(desk, key));
        var name = System.Text.Json.JsonNamingPolicy.CamelCase.ConvertName(result.ToString());
        if (name != expected)
        {
            Fail(transcript, lineNumber, $"expected the agent desk to answer {expected} but it answered {name}");
        }

        replies.ForEach(reply => _log.AppendLine($"bot: {reply.Text}"));
        _pending = new Queue<Activity>(replies);
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

    /// <summary>
    /// "📎 receipt.pdf [words]": a message carrying a file the channel received and kept (a 212 KB PDF, its SHA-256
    /// that of its name), with any words after it; "📎! receipt.pdf" a file the channel refused (another type).
    /// </summary>
    private Activity UserMessage(string text)
    {
        if (!text.StartsWith("📎", StringComparison.Ordinal))
        {
            return NewActivity(ActivityTypes.Message, text);
        }

        var refused = text.StartsWith("📎!", StringComparison.Ordinal);
        var rest = text[("📎".Length + (refused ? 1 : 0))..].Trim();
        var name = rest.Split(' ', 2)[0];
        var words = rest.Length > name.Length ? rest[name.Length..].Trim() : "";
        var file = refused
            ? new ReceivedFile(name, null, 212 * 1024, null, FileRefusal.UnsupportedType)
            : new ReceivedFile(name, "application/pdf", 212 * 1024, FileHash(name));
        var activity = NewActivity(ActivityTypes.Message, words);
        activity.Attachments = [ReceivedFiles.ToAttachment(file)];
        return activity;
    }

    /// <summary>The SHA-256 a transcript's file is kept under: that of its name, so a transcript can name it.</summary>
    public static string FileHash(string name) =>
        Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(name)));

    private Activity NewActivity(string type, string? text)
    {
        _activityCount++;
        var timestamp = _now.AddMinutes(_activityCount - 1);
        _clock.Now = timestamp;
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
            Conversation = new ConversationAccount { Id = _conversation },
            From = new ChannelAccount { Id = "customer-1", Name = "Customer", Role = "user" },
            Recipient = new ChannelAccount { Id = "refundbot", Name = "RefundBot", Role = "bot" },
            Locale = _locale,
            Text = text,
            ChannelData = _policy is null ? null : JsonSerializer.SerializeToElement(new { policy = _policy }),
        };
    }

    private const string BotMention = "<at>RefundBot</at>";

    private TestBot NewBot() => new(_store, services =>
    {
        services.AddSingleton<IOrderDirectory>(_orders);
        services.AddSingleton<IOutboxHandler>(_notices);
        if (_email)
        {
            services.AddSingleton(new EmailAvailability(true));
        }

        if (_survey)
        {
            services.AddSingleton(new SurveyAvailability(true));
        }
        _configure?.Invoke(services);
    }, _clock);

    /// <summary>The e-mail notifications the conversation commits, in order (the host's handler would send them).</summary>
    private sealed class EmailNotices : IOutboxHandler
    {
        public Queue<CaseNotifications.Notice> Sent { get; } = new();

        public string Kind => CaseNotifications.RecordKind;

        public string DestinationOf(OutboxRecord record) => "smtp";

        public Task CarryOutAsync(OutboxRecord record, IReplyDelivery? live, CancellationToken cancellationToken)
        {
            Sent.Enqueue(record.Value!.Value.Deserialize<CaseNotifications.Notice>(ActivityJson.Options)!);
            return Task.CompletedTask;
        }
    }

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
