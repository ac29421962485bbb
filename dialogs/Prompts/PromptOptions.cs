using System.Text.Json;
using System.Text.Json.Nodes;
using RefundBot.Dialogs.Runtime;

namespace RefundBot.Dialogs.Prompts;

/// <summary>What a prompt says, what it says when the answer was not understood, and the buttons it offers.</summary>
internal sealed record PromptOptions
{
    public required string Text { get; init; }

    /// <summary>Said after an answer that was not understood; <see cref="Text"/> is repeated when absent.</summary>
    public string? RetryText { get; init; }

    /// <summary>The choices of a choice prompt, or suggestions shown as buttons by any prompt.</summary>
    public IReadOnlyList<Choice> Choices { get; init; } = [];

    /// <summary>
    /// When set, how many answers are tried before the prompt gives up and ends with no result. By default a prompt
    /// keeps its question open: after <see cref="Prompt{T}.MisunderstandingsBeforeOffer"/> answers it did not
    /// understand, it offers a person beside the question instead.
    /// </summary>
    public int? MaxAttempts { get; init; }

    /// <summary>
    /// Answers already not understood at this question, when the caller asks it anew after refusing a value the prompt
    /// recognized (an amount out of the policy's range): they count towards the offer of a person.
    /// </summary>
    public int Misunderstood { get; init; }

    /// <summary>
    /// False for a question whose answer commits the customer (the summary's "submit it"): an answer written beside a
    /// question ("hold on, i didnt say yes. do you refund the installation fee?") is then not taken, the customer
    /// answers once they have read the policy's answer.
    /// </summary>
    public bool TakesAnswerBesideQuestion { get; init; } = true;

    /// <summary>
    /// True for a question that waits (a file the customer will send later): words that do not answer it get
    /// <see cref="RetryText"/> ("your request is waiting for the file"), are not counted as misunderstood and never
    /// bring the offer of a person, since nothing was misunderstood.
    /// </summary>
    public bool Waits { get; init; }

    /// <summary>
    /// For a quantity prompt, the policy's tests on the fact asked ("more than 48 hours"), when the decision uses the
    /// fact through them only: a bound that settles them all ("at least 3 days") is read back as the bound. Null when
    /// the figure itself is needed (a refund pro-rated on it) or not known: a bound then asks for the figure.
    /// </summary>
    public IReadOnlyList<QuantityTest>? BoundTests { get; init; }

    public static JsonNode ToJson(PromptOptions options) => JsonSerializer.SerializeToNode(options, ActivityJson.Options)!;

    public static PromptOptions FromJson(JsonNode? node) =>
        node.Deserialize<PromptOptions>(ActivityJson.Options) ?? throw new InvalidOperationException("Prompt state lost its options.");
}

/// <summary>
/// A choice: its value (returned), the title shown on its button, and other words that select it. The value is
/// matched only as the whole answer: it is an id, and "resolved" must not be found inside "it is not resolved".
/// </summary>
internal sealed record Choice(string Value, string? Title = null, IReadOnlyList<string>? Synonyms = null)
{
    public string Display => Title ?? Value;

    /// <summary>The yes or the no of a yes/no-like question: a plain "yep" or "nah" selects it, and "not fixed" the no.</summary>
    public ChoicePolarity Polarity { get; init; }

    /// <summary>Understood but not shown as a button (the summary's "no": it asks what to change).</summary>
    public bool Hidden { get; init; }
}

internal enum ChoicePolarity
{
    None,
    Yes,
    No,
}

/// <summary>What a recognizer made of an answer: a value, or the text to say about it before the question is asked again.</summary>
/// <remarks>
/// <paramref name="AskInFull"/>: after the problem, the question itself is asked again rather than its retry text.
/// <paramref name="ProblemAsks"/>: the problem asks the question again itself ("March 25 is in the future: today is
/// March 20. When did you buy it?"), so it is the one reply.
/// </remarks>
internal readonly record struct Recognized<T>(bool Succeeded, T? Value, string? Problem, bool AskInFull = false, bool ProblemAsks = false)
{
    public static Recognized<T> Success(T value) => new(true, value, null);

    public static Recognized<T> Failure(string? problem = null, bool askInFull = false) => new(false, default, problem, askInFull);

    public static Recognized<T> FailureThatAsks(string problem) => new(false, default, problem, ProblemAsks: true);
}
