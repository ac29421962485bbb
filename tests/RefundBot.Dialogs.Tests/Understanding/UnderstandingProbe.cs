using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using RefundBot.Dialogs.Cases;
using RefundBot.Dialogs.Refund;
using RefundBot.Dialogs.Runtime;
using RefundBot.Dialogs.Runtime.Dialogs;
using RefundBot.Dialogs.Runtime.Storage;
using RefundBot.Eligibility.Engine;
using RefundBot.Eligibility.Loading;
using RefundBot.Eligibility.Model;

namespace RefundBot.Dialogs.Tests.Understanding;

/// <summary>
/// Puts one corpus utterance to the real conversation, at the prompt of its kind, and says what the bot took from it.
/// The conversation is composed as the bot composes it (interruptions, policy questions, prompts, the intake's steps);
/// the intake's prompts are reached by answering the questions before them, a policy fact's prompt is begun as
/// <see cref="EligibilityDialog"/> begins it. "Today" is Tuesday 1 December 2026 at noon in the policy's time zone.
/// A value the bot reads back or confirms first ("3 jours, soit 72 heures ?") counts as taken once the customer says yes.
/// </summary>
public sealed class UnderstandingProbe
{
    public static readonly DateOnly Today = new(2026, 12, 1);

    /// <summary>What the bot took, in the corpus's form: a value, "ask", "question" (with any value beside it), or the intake's facts.</summary>
    public sealed record Reading(string Taken, string? Beside = null)
    {
        public override string ToString() => Beside is null ? Taken : $"{Taken} + {Beside}";
    }

    private readonly IConversationBot _bot;
    private readonly DialogSet _dialogs;
    private readonly BotTexts _texts;
    private readonly PolicyCatalog _policies;
    private int _conversations;

    public UnderstandingProbe(PolicyCatalog policies)
    {
        _policies = policies;
        var services = new ServiceCollection()
            .AddSingleton<IDocumentStore>(new MemoryDocumentStore())
            .AddSingleton(policies)
            .AddSingleton<TimeProvider>(new FixedClock(new DateTimeOffset(2026, 12, 1, 12, 0, 0, TimeSpan.Zero)))
            .AddSingleton<IReplyChannels, NoChannels>()
            .AddSingleton(typeof(ILogger<>), typeof(NullLogger<>))
            .AddRefundConversation()
            .BuildServiceProvider();
        _bot = services.GetRequiredService<IConversationBot>();
        _dialogs = services.GetRequiredService<DialogSet>();
        _dialogs.Add(new ProbeDialog(services.GetRequiredService<PolicySelector>()));
        _texts = services.GetRequiredService<BotTexts>();
    }

    public async Task<Reading> ReadAsync(CorpusUtterance utterance)
    {
        var conversation = new Conversation(this, utterance);
        return utterance.Kind switch
        {
            "first" => await FirstAsync(conversation, utterance.Text),
            "orderid" => await IntakeFactAsync(conversation, utterance, IntakeStep.OrderId),
            "date" when utterance.Fact is null or PolicyFacts.PurchaseDate => await IntakeFactAsync(conversation, utterance, IntakeStep.PurchaseDate),
            "reason" => await IntakeFactAsync(conversation, utterance, IntakeStep.Reason),
            "summary" => await IntakeFactAsync(conversation, utterance, IntakeStep.Summary),
            "question" => await QuestionAsync(conversation, utterance),
            _ => await PolicyFactAsync(conversation, utterance),
        };
    }

    private enum IntakeStep { OrderId, PurchaseDate, Reason, Summary }

    /// <summary>The intake answered up to <paramref name="step"/> (order NX-3001, 20 November 2026, "it doesn't work").</summary>
    private static async Task ReachAsync(Conversation conversation, IntakeStep step)
    {
        var french = conversation.Language == "fr";
        await conversation.SayAsync(french ? "bonjour" : "hello");
        string[] answers = ["NX-3001", "2026-11-20", french ? "ça ne fonctionne pas" : "it doesn't work"];
        foreach (var answer in answers.Take((int)step))
        {
            await conversation.SayAsync(answer);
        }
    }

    private async Task<Reading> IntakeFactAsync(Conversation conversation, CorpusUtterance utterance, IntakeStep step)
    {
        await ReachAsync(conversation, step);
        if (step == IntakeStep.Summary)
        {
            return await SummaryAsync(conversation, utterance.Text);
        }

        var replies = await conversation.SayAsync(utterance.Text);
        if (step == IntakeStep.PurchaseDate && conversation.IntakeValues?[IntakeFacts.PurchaseDate] is null && conversation.ActivePrompt == RefundIntakeDialog.PurchaseDatePrompt)
        {
            // An ambiguous date (3/4) is confirmed in words first: the customer says yes.
            await conversation.SayAsync(conversation.Language == "fr" ? "oui" : "yes");
        }

        var values = conversation.IntakeValues;
        var taken = step switch
        {
            IntakeStep.OrderId => values?[IntakeFacts.OrderId]?.GetValue<string>(),
            IntakeStep.PurchaseDate => values?[IntakeFacts.PurchaseDate]?.GetValue<string>(),
            _ => values?[IntakeFacts.ReasonCategory]?.GetValue<string>() ?? (values?[IntakeFacts.Reason] is null ? null : ReasonCategory.Other),
        };
        return AsQuestion(conversation, replies, taken ?? "ask");
    }

    private async Task<Reading> SummaryAsync(Conversation conversation, string text)
    {
        var before = conversation.IntakeValues?.ToJsonString();
        var replies = await conversation.SayAsync(text);
        if (replies.Any(r => conversation.Starts(r, "intake.recorded", "caseId")))
        {
            return new Reading("yes");
        }

        if (conversation.AnsweredQuestion(replies))
        {
            return new Reading("question");
        }

        // A no asks what to change; a change named or a correction given asks that fact again or shows the summary anew.
        var whatToChange = conversation.Text("intake.whatToChange");
        var unchanged = replies.All(r => r.Text != whatToChange) && conversation.ActivePrompt == RefundIntakeDialog.SummaryPrompt && conversation.IntakeValues?.ToJsonString() == before;
        return new Reading(unchanged ? "ask" : "no");
    }

    /// <summary>The facts the intake kept from a first message, as a JSON object (order id, date, reason category).</summary>
    private static async Task<Reading> FirstAsync(Conversation conversation, string text)
    {
        await conversation.SayAsync(text);
        var values = conversation.IntakeValues;
        var kept = new JsonObject();
        foreach (var (name, key) in new[] { ("orderId", IntakeFacts.OrderId), ("purchaseDate", IntakeFacts.PurchaseDate), ("reason", IntakeFacts.ReasonCategory) })
        {
            if (values?[key]?.GetValue<string>() is { } value)
            {
                kept[name] = value;
            }
        }

        return new Reading(kept.ToJsonString());
    }

    private async Task<Reading> QuestionAsync(Conversation conversation, CorpusUtterance utterance)
    {
        var step = utterance.Fact switch
        {
            "orderid" or "orderId" => IntakeStep.OrderId,
            PolicyFacts.PurchaseDate => IntakeStep.PurchaseDate,
            "reason" => IntakeStep.Reason,
            "summary" => IntakeStep.Summary,
            _ => (IntakeStep?)null,
        };
        return step is { } intake
            ? await IntakeFactAsync(conversation, utterance, intake)
            : await PolicyFactAsync(conversation, utterance);
    }

    private async Task<Reading> PolicyFactAsync(Conversation conversation, CorpusUtterance utterance)
    {
        var policy = _policies.Get(utterance.Policy);
        var fact = policy.Fact(utterance.Fact ?? throw new InvalidDataException($"{utterance.Id} names no fact"))
            ?? throw new InvalidDataException($"{utterance.Id}: {utterance.Policy} has no fact {utterance.Fact}");
        await conversation.BeginAsync(ProbeDialog.DialogId, new JsonObject { ["fact"] = fact.Id });
        var replies = await conversation.SayAsync(utterance.Text);
        if (conversation.ProbeResult is null && conversation.ActivePrompt is not null && fact.Type is not (FactType.Boolean or FactType.Choice))
        {
            // A value read back ("3 jours, soit 72 heures ?") or a date confirmed in words: the customer says yes.
            await conversation.SayAsync(conversation.Language == "fr" ? "oui" : "yes");
        }

        var taken = conversation.ProbeResult is { } result
            && EligibilityDialog.Canonical(result) is var canonical
            && FactReader.Read(fact, canonical, out _, Today) is { } value
            ? value switch
            {
                bool b => b ? "yes" : "no",
                decimal d => d.ToString(CultureInfo.InvariantCulture),
                _ => canonical,
            }
            : "ask";
        return AsQuestion(conversation, replies, taken);
    }

    /// <summary>A message that got a policy answer is a question, with whatever the prompt took beside it.</summary>
    private static Reading AsQuestion(Conversation conversation, IReadOnlyList<Activity> replies, string taken) =>
        conversation.AnsweredQuestion(replies) ? new Reading("question", taken == "ask" ? null : taken) : new Reading(taken);

    /// <summary>One customer's conversation with the bot, held in memory, in the utterance's language and policy.</summary>
    private sealed class Conversation(UnderstandingProbe probe, CorpusUtterance utterance)
    {
        private readonly string _id = $"corpus-{Interlocked.Increment(ref probe._conversations)}";
        private readonly ConversationState _state = new();
        private int _turns;

        public string Language => utterance.Lang;

        public async Task<IReadOnlyList<Activity>> SayAsync(string text)
        {
            var turn = Turn(text);
            await probe._bot.OnTurnAsync(turn, CancellationToken.None);
            return turn.Replies;
        }

        /// <summary>The first turn gives the state its language, policy and time zone, as a conversation's does; then the dialog begins.</summary>
        public async Task BeginAsync(string dialogId, JsonObject options)
        {
            await SayAsync(Language == "fr" ? "bonjour" : "hello");
            _state.DialogStack.Clear();
            await new DialogContext(probe._dialogs, Turn("")).BeginDialogAsync(dialogId, options);
        }

        private TurnContext Turn(string text)
        {
            var zone = TimeZoneInfo.FindSystemTimeZoneById(probe._policies.Get(utterance.Policy).TimeZone);
            var noon = new DateTime(2026, 12, 1, 12, 0, 0, DateTimeKind.Unspecified);
            var now = new DateTimeOffset(noon, zone.GetUtcOffset(noon));
            var activity = new Activity
            {
                Type = ActivityTypes.Message,
                Id = $"{_id}-{++_turns}",
                Text = text,
                Locale = Language == "fr" ? "fr-FR" : "en-US",
                ChannelId = "corpus",
                Timestamp = now,
                Conversation = new ConversationAccount { Id = _id },
                From = new ChannelAccount { Id = "customer-" + _id, Role = "user" },
                Recipient = new ChannelAccount { Id = "refundbot", Role = "bot" },
                ChannelData = JsonSerializer.SerializeToElement(new { policy = utterance.Policy }),
            };
            return new TurnContext(activity, _state, now, probe._texts);
        }

        public string Text(string key) => probe._texts.Get(Language, key);

        private DialogInstance? Find(string id) => _state.DialogStack.LastOrDefault(d => d.Id == id);

        public JsonObject? IntakeValues => Find(RefundIntakeDialog.DialogId)?.State["values"] as JsonObject;

        public JsonNode? ProbeResult => Find(ProbeDialog.DialogId)?.State[ProbeDialog.ResultKey];

        public string? ActivePrompt => _state.DialogStack.Count == 0 ? null : _state.DialogStack[^1].Id;

        /// <summary>True when a reply is the text of <paramref name="key"/>, up to its first placeholder <paramref name="argument"/>.</summary>
        public bool Starts(Activity reply, string key, string argument)
        {
            var text = probe._texts.Get(Language, key, (argument, "\u0001"));
            return reply.Text?.StartsWith(text[..text.IndexOf('\u0001', StringComparison.Ordinal)], StringComparison.Ordinal) == true;
        }

        /// <summary>A reply quoting the policy, or saying that it does not cover the question.</summary>
        public bool AnsweredQuestion(IReadOnlyList<Activity> replies)
        {
            var business = probe._policies.Get(utterance.Policy).Business;
            var notCovered = probe._texts.Get(Language, "question.notCovered", ("business", business));
            return replies.Any(r => Starts(r, "question.answer", "citation") || r.Text == notCovered);
        }
    }

    private sealed class FixedClock(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }

    private sealed class NoChannels : IReplyChannels
    {
        public IReplyDelivery For(ConversationReference reference) => throw new InvalidOperationException("No proactive messages in the corpus.");
    }
}
