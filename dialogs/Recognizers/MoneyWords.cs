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

    /// <summary>A price per period ("9.99 a month", "9,99 par mois"): with a count of periods ("for 12 months") what was paid needs arithmetic, so it is asked.</summary>
    public Dictionary<string, List<string>> Rates { get; init; } = [];

    /// <summary>True when the text gives a price per period (<see cref="Rates"/>, "/mois" with its slash).</summary>

    /// <summary>Units of time after a figure ("for 12 months", "pour 12 mois"): the figure is a period, not money.</summary>
    public Dictionary<string, List<string>> Periods { get; init; } = [];

    /// <summary>Words before a price that was not paid ("down from 79.90", "au lieu de 79,90"): that figure is left out.</summary>
    public Dictionary<string, List<string>> FormerPrice { get; init; } = [];

    /// <summary>
    /// What a figure right before them paid for, other than what is asked ("79 for the install", "79 pour l'installation"):
    /// the subscription's price is asked without the installation fee, so that figure is left out.
    /// </summary>
    public Dictionary<string, List<string>> OtherItems { get; init; } = [];

    /// <summary>
    /// The text without the figures that are not the amount asked: a period ("for 12 months"), a former price ("down from
    /// 79.90") or another item's price ("79 for the install"). Whatever is left is read as before (one figure, or asked).
    /// </summary>
    public bool SaysRate(string text)
    {
        var folded = TextNormalizer.Fold(text);
        return Rates.Values.SelectMany(w => w).Any(w =>
            System.Text.RegularExpressions.Regex.IsMatch(folded, $@"(?<![\p{{L}}]){System.Text.RegularExpressions.Regex.Escape(TextNormalizer.Fold(w))}(?![\p{{L}}])"));
    }

    /// <summary>True when a count of periods follows a figure ("for 12 months", "depuis 3 mois").</summary>
    public bool SaysPeriodCount(string text) =>
        System.Text.RegularExpressions.Regex.IsMatch(TextNormalizer.Fold(text), PeriodFigure);

    private string PeriodFigure => $@"(?<![\p{{L}}\p{{N}}.,])\d+\s*(?:{Any(Periods)})(?![\p{{L}}])";

    private static string Any(Dictionary<string, List<string>> list) =>
        string.Join('|', list.Values.SelectMany(w => w).OrderByDescending(w => w.Length).Select(w => System.Text.RegularExpressions.Regex.Escape(TextNormalizer.Fold(w))));

    public string WithoutOtherFigures(string text)
    {
        var folded = TextNormalizer.Fold(text);
        const string Figure = @"\d+(?:[.,]\d+)?\s*(?:€|\$|£|eur\b|euros?\b|dollars?\b|bucks\b|balles\b)?";
        folded = System.Text.RegularExpressions.Regex.Replace(folded, PeriodFigure, " ");
        folded = System.Text.RegularExpressions.Regex.Replace(folded, $@"(?<![\p{{L}}])(?:{Any(FormerPrice)})\s*(?:the\s+|les?\s+)?{Figure}", " ");
        folded = System.Text.RegularExpressions.Regex.Replace(folded, $@"(?<![\p{{L}}\p{{N}}.,]){Figure}\s*(?:{Any(OtherItems)})(?![\p{{L}}])", " ");
        return folded;
    }

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
