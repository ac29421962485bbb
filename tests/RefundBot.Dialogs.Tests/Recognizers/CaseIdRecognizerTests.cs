using RefundBot.Dialogs.Recognizers;

namespace RefundBot.Dialogs.Tests.Recognizers;

public sealed class CaseIdRecognizerTests
{
    [Theory]
    [InlineData("What's the status of my case RB-N52E7WND?", "RB-N52E7WND")]
    [InlineData("rb-n52e7wnd", "RB-N52E7WND")]
    [InlineData("my case is rb n52e7wnd", "RB-N52E7WND")]
    [InlineData("RBN52E7WND", "RB-N52E7WND")]
    [InlineData("RB_N52E7WND.", "RB-N52E7WND")]
    [InlineData("dossier RB-N52E 7WND svp", "RB-N52E7WND")]
    [InlineData("statut de mon dossier « rb–n52e7wnd »", "RB-N52E7WND")]
    [InlineData("RB-7K2M9Q4D and order MS-1001", "RB-7K2M9Q4D")]
    [InlineData("RB-7K2M9QAD", "RB-7K2M9QAD")]
    [InlineData("rb-7k2m9q4o", "RB-7K2M9Q40")] // Crockford reads O as 0
    [InlineData("rb-7k2m9qil", "RB-7K2M9Q11")] // ... and I, L as 1
    [InlineData("RB-12345678", "RB-12345678")]
    public void Reads_a_case_id_however_it_is_typed(string text, string expected) =>
        Assert.Equal(expected, CaseIdRecognizer.Find(text));

    [Theory]
    [InlineData("where is my refund?")]
    [InlineData("RB-N52E7WN")] // seven characters
    [InlineData("RB-N52E7WNDX")] // nine
    [InlineData("RB-N52E7WNU")] // U is not Crockford base32
    [InlineData("ARB-N52E7WND")] // part of a longer word
    [InlineData("order MS-1001")]
    [InlineData("herb 12345678")]
    [InlineData("")]
    public void Finds_no_case_id_where_there_is_none(string text) =>
        Assert.Null(CaseIdRecognizer.Find(text));

    [Fact]
    public void A_case_id_is_taken_out_before_an_order_id_is_looked_for()
    {
        var orderIds = new OrderIdRecognizer(new Refund.RefundBotOptions().OrderIdPattern);

        Assert.Null(orderIds.Find("RB-12345678 for MS-1001")); // two ids: none
        Assert.Equal("MS-1001", orderIds.Find(CaseIdRecognizer.Without("RB-12345678 for MS-1001")));
    }
}
