using System.Globalization;
using RefundBot.Eligibility.Model;

namespace RefundBot.Eligibility.Engine;

/// <summary>
/// Known facts, each in its type's value: bool, decimal (money, number, integer), string (a choice id),
/// DateOnly, TimeOnly, <see cref="DocumentEvidence"/>. Built by <see cref="FactReader"/>, which checks them against the policy.
/// </summary>
public sealed class FactValues
{
    private readonly Dictionary<string, object> _values;

    public FactValues(IReadOnlyDictionary<string, object>? values = null) =>
        _values = values is null ? new(StringComparer.Ordinal) : new(values, StringComparer.Ordinal);

    public IReadOnlyDictionary<string, object> All => _values;

    public bool TryGet(string fact, out object value) => _values.TryGetValue(fact, out value!);

    public FactValues With(string fact, object value)
    {
        var copy = new Dictionary<string, object>(_values, StringComparer.Ordinal) { [fact] = value };
        return new FactValues(copy);
    }

    /// <summary>The canonical text of a value, as conditions compare it ("true", "annual", "120.5", "2026-03-01").</summary>
    public static string Canonical(object value) => value switch
    {
        bool b => b ? "true" : "false",
        decimal d => d.ToString(CultureInfo.InvariantCulture),
        DateOnly date => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        TimeOnly time => time.ToString("HH:mm", CultureInfo.InvariantCulture),
        DocumentEvidence document => document.StatusText,
        _ => value.ToString() ?? "",
    };
}

/// <summary>
/// Reads fact values given as text (a dialog answer, a JSON scalar) into their policy types, within ranges that keep
/// the engine's decimal and calendar arithmetic from overflowing: money from 0 to its fact's max (the policy's
/// maxAmount unless lower), other numbers within <see cref="NumberLimit"/> unless their fact says less, dates from
/// <see cref="EarliestDate"/> and, when the day of the request is given, not after it.
/// </summary>
public static class FactReader
{
    /// <summary>The bound of a number or integer fact with no min or max of its own.</summary>
    public const decimal NumberLimit = 1_000_000_000m;

    /// <summary>No policy reads a purchase before this day; earlier dates are typos ("0001-01-01", "1926" for "2026").</summary>
    public static readonly DateOnly EarliestDate = new(2000, 1, 1);

    /// <param name="today">The day of the request in the policy's zone: a date after it is refused. Null: not checked.</param>
    /// <returns>The value, or null with <paramref name="problem"/> saying what is wrong with it.</returns>
    public static object? Read(FactDefinition fact, string text, out string? problem, DateOnly? today = null)
    {
        problem = null;
        var trimmed = text.Trim();
        object? value = fact.Type switch
        {
            FactType.Boolean => bool.TryParse(trimmed, out var b) ? b : null,
            FactType.Choice => fact.Choices.FirstOrDefault(c => c.Id == trimmed)?.Id,
            FactType.Money or FactType.Number => ReadDecimal(trimmed),
            FactType.Integer => ReadDecimal(trimmed) is { } d && d == decimal.Truncate(d) ? d : null,
            FactType.Date => DateOnly.TryParseExact(trimmed, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date) ? date : null,
            FactType.Time => TimeOnly.TryParseExact(trimmed, ["HH:mm", "HH:mm:ss"], CultureInfo.InvariantCulture, DateTimeStyles.None, out var time) ? time : null,
            FactType.Document => DocumentEvidence.Parse(trimmed),
            _ => null,
        };

        if (value is null)
        {
            problem = fact.Type == FactType.Choice
                ? $"'{text}' is not one of {string.Join(", ", fact.Choices.Select(c => c.Id))}"
                : $"'{text}' is not a valid {fact.Type.ToString().ToLowerInvariant()}";
            return null;
        }

        problem = value switch
        {
            decimal number => OutOfRange(fact, number),
            DateOnly date => OutOfRange(date, today),
            _ => null,
        };
        return problem is null ? value : null;
    }

    /// <summary>The smallest and largest value a numeric fact may take.</summary>
    public static (decimal Min, decimal Max) Limits(FactDefinition fact) => (
        fact.Min ?? (fact.Type is FactType.Money or FactType.Integer ? 0m : -NumberLimit),
        fact.Max ?? (fact.Type == FactType.Money ? Policy.DefaultMaxAmount : NumberLimit));

    private static decimal? ReadDecimal(string text) =>
        decimal.TryParse(text, NumberStyles.Number, CultureInfo.InvariantCulture, out var d) ? d : null;

    private static string? OutOfRange(FactDefinition fact, decimal value)
    {
        var (min, max) = Limits(fact);
        return value < min ? $"{value.ToString(CultureInfo.InvariantCulture)} is below the minimum {min.ToString(CultureInfo.InvariantCulture)}"
            : value > max ? $"{value.ToString(CultureInfo.InvariantCulture)} is above the maximum {max.ToString(CultureInfo.InvariantCulture)}"
            : null;
    }

    private static string? OutOfRange(DateOnly date, DateOnly? today) =>
        date < EarliestDate ? $"{Iso(date)} is before {Iso(EarliestDate)}, the earliest date a policy reads"
        : date > today ? $"{Iso(date)} is after the day of the request ({Iso(today.Value)})"
        : null;

    private static string Iso(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
