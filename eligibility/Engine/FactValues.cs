using System.Globalization;
using RefundBot.Eligibility.Model;

namespace RefundBot.Eligibility.Engine;

/// <summary>
/// Known facts, each in its type's value: bool, decimal (money, number, integer), string (a choice id),
/// DateOnly, TimeOnly. Built by <see cref="FactReader"/>, which checks them against the policy.
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
        _ => value.ToString() ?? "",
    };
}

/// <summary>Reads fact values given as text (a dialog answer, a JSON scalar) into their policy types.</summary>
public static class FactReader
{
    /// <returns>The value, or null with <paramref name="problem"/> saying what is wrong with it.</returns>
    public static object? Read(FactDefinition fact, string text, out string? problem)
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
            _ => null,
        };

        if (value is null)
        {
            problem = fact.Type == FactType.Choice
                ? $"'{text}' is not one of {string.Join(", ", fact.Choices.Select(c => c.Id))}"
                : $"'{text}' is not a valid {fact.Type.ToString().ToLowerInvariant()}";
            return null;
        }

        if (value is decimal number && OutOfRange(fact, number) is { } range)
        {
            problem = range;
            return null;
        }

        return value;
    }

    private static decimal? ReadDecimal(string text) =>
        decimal.TryParse(text, NumberStyles.Number, CultureInfo.InvariantCulture, out var d) ? d : null;

    private static string? OutOfRange(FactDefinition fact, decimal value)
    {
        var min = fact.Min ?? (fact.Type is FactType.Money or FactType.Integer ? 0m : decimal.MinValue);
        if (value < min)
        {
            return $"{value.ToString(CultureInfo.InvariantCulture)} is below the minimum {min.ToString(CultureInfo.InvariantCulture)}";
        }

        return fact.Max is { } max && value > max
            ? $"{value.ToString(CultureInfo.InvariantCulture)} is above the maximum {max.ToString(CultureInfo.InvariantCulture)}"
            : null;
    }
}
