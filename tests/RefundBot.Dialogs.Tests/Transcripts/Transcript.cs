using System.Globalization;
using System.Text.RegularExpressions;

namespace RefundBot.Dialogs.Tests.Transcripts;

/// <summary>
/// A conversation written down as it should happen. One line per event:
/// <code>
/// # a comment
/// @locale fr-FR                         the customer's locale (sent on every activity; "none" sends none)
/// @timezone Europe/Paris                the customer's time zone (localTimezone)
/// @now 2026-03-20T10:00:00+01:00        the timestamp of the next activities (+1 minute per activity)
/// @join                                 a conversationUpdate: the customer joined
/// @restart                              the bot restarts (new pipeline, same storage)
/// @policy smarters-pro                  the policy the client asks for (channelData.policy)
/// @followups                           the follow-up service runs at the current @now (proactive messages follow)
/// @channel msteams                      the channel; "&lt;at&gt;RefundBot&lt;/at&gt;" in a user line is then sent as an @mention
/// @order SP-5001 2026-03-19 10:00 amount_paid=59.99   an order in the business's records (time optional)
/// user: A-1234                          what the customer sends
/// bot: exact text                       the next reply, exactly ("\n" for a line break)
/// bot~ regular expression               the next reply matches the pattern
/// buttons: Yes | No                     the suggested actions of the reply just checked ("buttons: none": it has none)
/// event: handoff.initiate               the next reply is an event activity with this name
/// @agent claim Alice                    an agent acts on the agent desk: claim, decide OUTCOME [AMOUNT CURRENCY] MESSAGE
///                                       [|| INTERNAL NOTE] (the amount for "partial" only), handback, close,
///                                       release, or seen (the desk's heartbeat); "-> notYours" expects that result
///                                       instead of "done"
/// @agent accept proof_of_purchase        an agent accepts the file sent for a document fact; "reject FACT REASON" rejects it
/// user: 📎 receipt.pdf [words]           a message with a file the channel kept ("📎! name": one it refused)
/// agent: text                           the agent who claimed the conversation writes to the customer
/// @handoffs                             the hand-off check runs at the current @now (long waits, absent agents)
/// @conversation other                   the next activities come from another conversation (another tab or customer);
///                                       "@conversation transcript-conversation" goes back to the first one
/// @cases MS-1001 1                      the store holds this many cases for the order
/// @email on                             the bot can e-mail customers (an SMTP server is configured); off by default
/// @satisfaction on                     the bot asks for a 1-5 rating once a case is decided; off by default
/// @satisfied SD-9001 4 Fine thanks      the order's one case is rated 4 with that comment ("none": not rated; no comment: none)
/// @emailed agent-decision               the next e-mail notification committed (its kind); none is left at the end
/// @fact SP-6363 outage_hours 48 lessThan  the order's one case records the fact with this value, from the customer,
///                                       with this bound (atLeast, moreThan, atMost, lessThan) or "exact" for none
/// </code>
/// </summary>
public sealed record Transcript(string Name, IReadOnlyList<TranscriptLine> Lines)
{
    public static Transcript Parse(string name, string text)
    {
        var lines = new List<TranscriptLine>();
        var number = 0;
        foreach (var raw in text.Split('\n'))
        {
            number++;
            var line = raw.TrimEnd('\r');
            if (line.Trim().Length == 0 || line.TrimStart().StartsWith('#'))
            {
                continue;
            }

            lines.Add(ParseLine(name, number, line));
        }

        return new Transcript(name, lines);
    }

    private static TranscriptLine ParseOrder(int number, string rest)
    {
        var words = rest.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        var time = words.Length > 2 && !words[2].Contains('=') ? TimeOnly.Parse(words[2], CultureInfo.InvariantCulture) : (TimeOnly?)null;
        var facts = words.Skip(time is null ? 2 : 3).Select(w => w.Split('=', 2)).ToDictionary(p => p[0], p => p[1]);
        return new TranscriptLine.Order(number, words[0], DateOnly.Parse(words[1], CultureInfo.InvariantCulture), time, facts);
    }

    private static TranscriptLine ParseSatisfied(int number, string rest)
    {
        var words = rest.Split(' ', 3, StringSplitOptions.RemoveEmptyEntries);
        return new TranscriptLine.Satisfied(number, words[0], words[1] == "none" ? null : int.Parse(words[1], CultureInfo.InvariantCulture),
            words.Length > 2 ? words[2] : null);
    }

    private static TranscriptLine ParseAgentAction(int number, string rest)
    {
        var parts = rest.Split("->", 2, StringSplitOptions.TrimEntries);
        var words = parts[0].Split(' ', 3, StringSplitOptions.RemoveEmptyEntries);
        return new TranscriptLine.AgentAction(number, words[0], words.Length > 1 ? words[1] : null, words.Length > 2 ? words[2] : null,
            parts.Length > 1 ? parts[1] : "done");
    }

    private static TranscriptLine ParseLine(string name, int number, string line)
    {
        var match = Regex.Match(line, @"^(?<kind>@\w+|user:|bot:|bot~|buttons:|event:|agent:)\s?(?<rest>.*)$");
        if (!match.Success)
        {
            throw new FormatException($"{name}:{number}: cannot read '{line}'.");
        }

        var rest = match.Groups["rest"].Value;
        return match.Groups["kind"].Value switch
        {
            "user:" => new TranscriptLine.User(number, rest),
            "bot:" => new TranscriptLine.BotSays(number, rest.Replace("\\n", "\n")),
            "bot~" => new TranscriptLine.BotMatches(number, new Regex(rest, RegexOptions.Singleline)),
            "buttons:" => new TranscriptLine.Buttons(number, rest == "none" ? [] : rest.Split('|', StringSplitOptions.TrimEntries)),
            "@locale" => new TranscriptLine.Locale(number, rest.Trim()),
            "@timezone" => new TranscriptLine.TimeZone(number, rest.Trim()),
            "@now" => new TranscriptLine.Now(number, DateTimeOffset.Parse(rest.Trim(), CultureInfo.InvariantCulture)),
            "@join" => new TranscriptLine.Join(number),
            "@restart" => new TranscriptLine.Restart(number),
            "@outdated" => new TranscriptLine.SavedByAnotherVersion(number, rest.Trim()),
            "@policy" => new TranscriptLine.Policy(number, rest.Trim()),
            "@channel" => new TranscriptLine.Channel(number, rest.Trim()),
            "@followups" => new TranscriptLine.FollowUps(number),
            "@order" => ParseOrder(number, rest),
            "event:" => new TranscriptLine.Event(number, rest.Trim()),
            "agent:" => new TranscriptLine.AgentSays(number, rest),
            "@agent" => ParseAgentAction(number, rest),
            "@handoffs" => new TranscriptLine.HandoffCheck(number),
            "@conversation" => new TranscriptLine.Conversation(number, rest.Trim()),
            "@cases" => new TranscriptLine.CaseCount(number, rest.Split(' ', StringSplitOptions.RemoveEmptyEntries)[0],
                int.Parse(rest.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture)),
            "@email" => new TranscriptLine.Email(number, rest.Trim() == "on"),
            "@satisfied" => ParseSatisfied(number, rest),
            "@fact" => rest.Split(' ', StringSplitOptions.RemoveEmptyEntries) is [var order, var fact, var value, var bound]
                ? new TranscriptLine.CaseFact(number, order, fact, value, bound == "exact" ? null : bound)
                : throw new FormatException($"line {number}: @fact ORDER FACT VALUE BOUND"),
            "@satisfaction" => new TranscriptLine.Survey(number, rest.Trim() == "on"),
            "@emailed" => new TranscriptLine.Emailed(number, rest.Trim()),
            var kind => throw new FormatException($"{name}:{number}: unknown directive '{kind}'."),
        };
    }
}

public abstract record TranscriptLine(int Number)
{
    public sealed record User(int Number, string Text) : TranscriptLine(Number);
    public sealed record BotSays(int Number, string Text) : TranscriptLine(Number);
    public sealed record BotMatches(int Number, Regex Pattern) : TranscriptLine(Number);
    public sealed record Buttons(int Number, IReadOnlyList<string> Titles) : TranscriptLine(Number);
    public sealed record Locale(int Number, string Value) : TranscriptLine(Number);
    public sealed record TimeZone(int Number, string Value) : TranscriptLine(Number);
    public sealed record Now(int Number, DateTimeOffset Value) : TranscriptLine(Number);
    public sealed record Join(int Number) : TranscriptLine(Number);
    public sealed record Restart(int Number) : TranscriptLine(Number);

    /// <summary>The conversation's state as if saved by a bot whose dialog <paramref name="DialogId"/> had other steps.</summary>
    public sealed record SavedByAnotherVersion(int Number, string DialogId) : TranscriptLine(Number);
    public sealed record Policy(int Number, string Id) : TranscriptLine(Number);
    public sealed record Channel(int Number, string Id) : TranscriptLine(Number);
    public sealed record FollowUps(int Number) : TranscriptLine(Number);
    public sealed record Event(int Number, string Name) : TranscriptLine(Number);
    public sealed record AgentSays(int Number, string Text) : TranscriptLine(Number);
    public sealed record AgentAction(int Number, string Action, string? Argument, string? Rest, string ExpectedResult) : TranscriptLine(Number);
    public sealed record HandoffCheck(int Number) : TranscriptLine(Number);
    public sealed record Conversation(int Number, string Id) : TranscriptLine(Number);
    public sealed record CaseCount(int Number, string OrderId, int Count) : TranscriptLine(Number);
    public sealed record Email(int Number, bool On) : TranscriptLine(Number);
    public sealed record Survey(int Number, bool On) : TranscriptLine(Number);
    public sealed record Satisfied(int Number, string OrderId, int? Rating, string? Comment) : TranscriptLine(Number);

    public sealed record CaseFact(int Number, string OrderId, string Fact, string Value, string? Bound) : TranscriptLine(Number);
    public sealed record Emailed(int Number, string Notification) : TranscriptLine(Number);
    public sealed record Order(int Number, string OrderId, DateOnly PurchaseDate, TimeOnly? PurchaseTime, IReadOnlyDictionary<string, string> Facts) : TranscriptLine(Number);
}
