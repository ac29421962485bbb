namespace RefundBot.Eligibility.Model;

/// <summary>
/// A decision with how it was reached: every rule the engine tried, in the policy's order, up to the one that decided
/// (or that needs facts it does not have). <see cref="Decision"/> is exactly what <c>Decide</c> returns for the same input.
/// </summary>
public sealed record DecisionTrace(Decision Decision, IReadOnlyList<RuleTrial> RulesTried)
{
    /// <summary>The rule that decided: the last one tried when it applied, else none (the engine still needs facts).</summary>
    public RuleTrial? DecidedBy => RulesTried.Count > 0 && RulesTried[^1].Result == RuleResult.Applies ? RulesTried[^1] : null;
}

/// <summary>One rule tried: its id, the section it rests on, whether its condition held, and the facts it lacked when it could not tell.</summary>
public sealed record RuleTrial(string RuleId, string Section, RuleResult Result, IReadOnlyList<string> MissingFacts);

public enum RuleResult
{
    /// <summary>Its condition does not hold: the next rule is tried.</summary>
    DoesNotApply,

    /// <summary>Its condition holds: this rule decides.</summary>
    Applies,

    /// <summary>Its condition cannot be told without <see cref="RuleTrial.MissingFacts"/>: the engine stops and asks for them.</summary>
    CannotTell,
}
