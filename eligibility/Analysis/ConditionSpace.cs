using System.Globalization;
using RefundBot.Eligibility.Model;

namespace RefundBot.Eligibility.Analysis;

/// <summary>
/// Every case a policy's conditions can tell apart, searched exhaustively: each fact a condition tests is given one value
/// per region its tests cut its range into (each choice, true and false, each side of every bound), each window the
/// days or hours on each side of its length. Windows on one date fact are one variable per unit and instant, so
/// "within 14 days" and "not within 30 days" are seen to be compatible; what the search cannot relate (a window in days
/// and one in hours) it takes as independent, so it may miss a shadow but never reports one that is not there.
/// </summary>
internal sealed class ConditionSpace
{
    private const string Other = "\u0000other";
    private readonly Policy _policy;
    private readonly Dictionary<string, List<object>> _domains = new(StringComparer.Ordinal);

    private ConditionSpace(Policy policy) => _policy = policy;

    /// <summary>The space of the policy's rule conditions (the ones that choose the rule that decides).</summary>
    public static ConditionSpace Of(Policy policy)
    {
        var space = new ConditionSpace(policy);
        var bounds = new Dictionary<string, SortedSet<decimal>>(StringComparer.Ordinal);
        var values = new Dictionary<string, HashSet<string>>(StringComparer.Ordinal);
        foreach (var leaf in policy.Rules.SelectMany(r => Leaves(r.When)))
        {
            var key = Key(leaf);
            if (leaf.Within is { } window)
            {
                Add(bounds, key, window.CalendarDays ?? window.Hours ?? 0);
                continue;
            }

            foreach (var bound in new[] { leaf.AtLeast, leaf.AtMost, leaf.GreaterThan, leaf.LessThan }.OfType<decimal>())
            {
                Add(bounds, key, bound);
            }

            foreach (var value in leaf.In ?? (leaf.Is is { } single ? [single] : []))
            {
                (values.TryGetValue(key, out var set) ? set : values[key] = new HashSet<string>(StringComparer.Ordinal)).Add(value);
                if (decimal.TryParse(value, NumberStyles.Number, CultureInfo.InvariantCulture, out var number))
                {
                    Add(bounds, key, number);
                }
            }
        }

        foreach (var key in bounds.Keys.Concat(values.Keys).Distinct())
        {
            space._domains[key] = space.Domain(key, bounds.GetValueOrDefault(key) ?? [], values.GetValueOrDefault(key) ?? []);
        }

        return space;
    }

    /// <summary>
    /// Whether some case makes <paramref name="holds"/> true while every one of <paramref name="fail"/> is false. A search
    /// too large to finish (past <paramref name="budget"/> steps) answers true: no finding rests on a guess.
    /// </summary>
    public bool Satisfiable(Condition? holds, IReadOnlyList<Condition?> fail, int budget = 200_000)
    {
        var variables = new[] { holds }.Concat(fail).SelectMany(Leaves).Select(Key).Distinct().ToList();
        var assignment = new Dictionary<string, object>(StringComparer.Ordinal);
        var left = budget;

        bool? Search(int next)
        {
            if (--left < 0)
            {
                return null;
            }

            var target = Evaluate(holds, assignment);
            if (target == false || fail.Any(f => Evaluate(f, assignment) == true))
            {
                return false;
            }

            if (target == true && fail.All(f => Evaluate(f, assignment) == false))
            {
                return true;
            }

            if (next == variables.Count)
            {
                return false;
            }

            foreach (var value in _domains.GetValueOrDefault(variables[next]) ?? [Other])
            {
                assignment[variables[next]] = value;
                if (Search(next + 1) is not false and var found)
                {
                    return found;
                }
            }

            assignment.Remove(variables[next]);
            return false;
        }

        return Search(0) is not false;
    }

    /// <summary>Both conditions at once (null: always true).</summary>
    public static Condition? Both(Condition? a, Condition? b) =>
        a is null ? b : b is null ? a : new Condition { All = [a, b], Line = a.Line };

    /// <summary>The tests a condition is made of: fact comparisons and windows.</summary>
    public static IEnumerable<Condition> Leaves(Condition? condition) => condition switch
    {
        null => [],
        { All: { } all } => all.SelectMany(Leaves),
        { Any: { } any } => any.SelectMany(Leaves),
        { Not: { } not } => Leaves(not),
        { Within: not null } or { Fact: not null } => [condition],
        _ => [],
    };

    private static string Key(Condition leaf) => leaf.Within is { } w
        ? $"window:{w.From}:{(w.CalendarDays is not null ? "days" : "hours:" + w.AtTime)}:{w.Instant}"
        : $"fact:{leaf.Fact}";

    private static void Add(Dictionary<string, SortedSet<decimal>> bounds, string key, decimal value) =>
        (bounds.TryGetValue(key, out var set) ? set : bounds[key] = []).Add(value);

    private List<object> Domain(string key, SortedSet<decimal> bounds, HashSet<string> values)
    {
        if (key.StartsWith("window:", StringComparison.Ordinal))
        {
            // Elapsed days (or hours) since the date: each length is inside, the next one out.
            return bounds.SelectMany(b => new[] { b, b + 1 }).Prepend(0m).Distinct().Cast<object>().ToList();
        }

        var fact = _policy.Fact(key["fact:".Length..]);
        return fact?.Type switch
        {
            FactType.Boolean => ["true", "false"],
            FactType.Choice => fact.Choices.Select(c => c.Id).Cast<object>().ToList(),
            FactType.Money or FactType.Number or FactType.Integer => Points(fact, bounds),
            _ => values.Append(Other).Distinct().Cast<object>().ToList(),
        };
    }

    /// <summary>A value on each bound and on either side of it, within the fact's range.</summary>
    private static List<object> Points(FactDefinition fact, SortedSet<decimal> bounds)
    {
        var step = fact.Type == FactType.Integer ? 1m : 0.001m;
        var (min, max) = Engine.FactReader.Limits(fact);
        var points = bounds.SelectMany(b => new[] { b - step, b, b + step }).Append(min).Append(max)
            .Where(p => p >= min && p <= max).Distinct().Order();
        return points.Cast<object>().ToList();
    }

    private static bool? Evaluate(Condition? condition, Dictionary<string, object> assignment)
    {
        switch (condition)
        {
            case null:
                return true;
            case { All: { } all }:
                var allOf = all.Select(c => Evaluate(c, assignment)).ToList();
                return allOf.Contains(false) ? false : allOf.Contains(null) ? null : true;
            case { Any: { } any }:
                var anyOf = any.Select(c => Evaluate(c, assignment)).ToList();
                return anyOf.Contains(true) ? true : anyOf.Contains(null) ? null : false;
            case { Not: { } not }:
                return !Evaluate(not, assignment);
        }

        if (!assignment.TryGetValue(Key(condition), out var value))
        {
            return null;
        }

        if (condition.Within is { } window)
        {
            return (decimal)value <= (window.CalendarDays ?? window.Hours ?? 0);
        }

        return value is decimal number ? CompareNumber(condition, number) : CompareText(condition, (string)value);
    }

    private static bool CompareText(Condition condition, string value) => condition switch
    {
        { Is: { } expected } => expected == value,
        { In: { } options } => options.Contains(value),
        _ => true,
    };

    private static bool CompareNumber(Condition condition, decimal value) => condition switch
    {
        { Is: { } expected } => Parse(expected) == value,
        { In: { } options } => options.Any(o => Parse(o) == value),
        { AtLeast: { } bound } => value >= bound,
        { AtMost: { } bound } => value <= bound,
        { GreaterThan: { } bound } => value > bound,
        { LessThan: { } bound } => value < bound,
        _ => true,
    };

    private static decimal? Parse(string text) =>
        decimal.TryParse(text, NumberStyles.Number, CultureInfo.InvariantCulture, out var number) ? number : null;
}
