using System.Text.Json;

namespace RefundBot.Dialogs.Tests.Understanding;

/// <summary>The report tells a miss that asks again from one that takes a value the customer did not mean.</summary>
public sealed class UnderstandingReportTests
{
    [Theory]
    [InlineData("reason", "\"changed_mind\"", "ask", null, false)]
    [InlineData("reason", "\"changed_mind\"", "technical_problem", null, true)]
    [InlineData("reason", "\"changed_mind\"", "other", null, false)]
    [InlineData("quantity", "\"ask\"", "30", null, true)]
    [InlineData("summary", "\"question\"", "ask", null, false)]
    [InlineData("question", "\"question\"", "question", "12", true)]
    [InlineData("first", "{\"orderId\":\"SD-2002\",\"reason\":\"dissatisfied\"}", "{\"orderId\":\"SD-2002\"}", null, false)]
    [InlineData("first", "{\"orderId\":\"SD-2002\"}", "{\"orderId\":\"SD-2002\",\"purchaseDate\":\"1000-01-06\"}", null, true)]
    [InlineData("first", "{\"reason\":\"dissatisfied\"}", "{\"reason\":\"technical_problem\"}", null, true)]
    public void A_miss_is_wrong_only_when_it_takes_a_value_not_meant(string kind, string expect, string taken, string? beside, bool wrong)
    {
        var utterance = new CorpusUtterance
        {
            Id = "x", Lang = "en", Kind = kind, Policy = "necxian", Text = "…", Expect = JsonDocument.Parse(expect).RootElement,
        };

        Assert.Equal(wrong, UnderstandingReport.TookAWrongValue(new CorpusOutcome(utterance, new UnderstandingProbe.Reading(taken, beside), Right: false)));
    }
}
