using System.Text.Json;
using RefundBot.Dialogs.Runtime;

namespace RefundBot.Dialogs.Recognizers;

/// <summary>The words of <c>Resources/money.json</c>, per language: what makes an answer to an amount question unsure, or zero.</summary>
internal sealed class MoneyWords
{
    /// <summary>A bound, not an amount ("more than 50", "plus de 50 euros"): the figure is not what was paid.</summary>
    public Dictionary<string, List<string>> Limits { get; init; } = [];

    /// <summary>Something to add to the figure ("59€ + les frais", "plus shipping"): the total is the customer's to say.</summary>
    public Dictionary<string, List<string>> Extras { get; init; } = [];

    /// <summary>Nothing was paid ("nothing", "gratuit, c'était offert"): zero, when no figure is written and nothing negates it.</summary>
    public Dictionary<string, List<string>> Zero { get; init; } = [];

    /// <summary>Words that turn a zero word around ("it wasn't free", "pas gratuit").</summary>
    public Dictionary<string, List<string>> Negations { get; init; } = [];

    /// <summary>The customer does not know ("j'en sais rien", "no idea"): never read as an amount, not even zero.</summary>
    public Dictionary<string, List<string>> Unknown { get; init; } = [];

    /// <summary>Words for money that may follow an amount in words ("cinquante balles", "fifty bucks").</summary>
    public Dictionary<string, List<string>> Slang { get; init; } = [];

    public static MoneyWords Load()
    {
        using var stream = typeof(MoneyWords).Assembly.GetManifestResourceStream("RefundBot.Dialogs.Resources.money.json")
            ?? throw new InvalidOperationException("money.json is not embedded.");
        return JsonSerializer.Deserialize<MoneyWords>(stream, new JsonSerializerOptions { PropertyNameCaseInsensitive = true })!;
    }

    /// <summary>True when the text holds one of the words of <paramref name="list"/> in any language, as whole words ("+" as a sign anywhere).</summary>
    public static bool Says(Dictionary<string, List<string>> list, string text)
    {
        var folded = TextNormalizer.Fold(text);
        var simplified = TextNormalizer.Simplify(text);
        return list.Values.SelectMany(w => w).Any(w => w.Any(char.IsLetterOrDigit)
            ? TextNormalizer.ContainsPhrase(simplified, TextNormalizer.Simplify(w))
            : folded.Contains(w, StringComparison.Ordinal));
    }
}
