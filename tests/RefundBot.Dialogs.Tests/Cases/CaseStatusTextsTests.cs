using RefundBot.Dialogs.Cases;
using RefundBot.Dialogs.Runtime;

namespace RefundBot.Dialogs.Tests.Cases;

/// <summary>
/// Every state a case can be in has words for its customer in every language: a missing text throws, and the customer
/// asking "where is my refund?" would get an error instead of their case.
/// </summary>
public sealed class CaseStatusTextsTests
{
    private static readonly BotTexts Texts = BotTexts.LoadEmbedded();

    public static TheoryData<string, string> StatesAndLanguages()
    {
        var data = new TheoryData<string, string>();
        foreach (var state in CaseLifecycle.All)
        {
            foreach (var language in BotTexts.Languages)
            {
                data.Add(state, language);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(StatesAndLanguages))]
    public void Every_state_has_a_status_text(string state, string language) =>
        Assert.False(string.IsNullOrWhiteSpace(Texts.Get(language, $"status.state.{state}")));
}
