using RefundBot.Dialogs.Runtime;

namespace RefundBot.Dialogs.Tests.Runtime;

public sealed class RedactTests
{
    [Theory]
    [InlineData("A-20417", "A-***17")]
    [InlineData("ABC123456", "AB*****56")]
    [InlineData("A12", "***")]
    [InlineData("", "")]
    public void Order_ids_keep_only_their_ends(string orderId, string masked) => Assert.Equal(masked, Redact.OrderId(orderId));

    [Fact]
    public void Emails_in_text_are_masked() =>
        Assert.Equal("write to j***@e***.com today", Redact.Text("write to jane.doe@example.com today"));

    [Theory]
    [InlineData("call me on +33 6 12 34 56 78 please", "call me on ***78 please")]
    [InlineData("card 4242 4242 4242 4242", "card ***42")]
    [InlineData("my card 4242-4242, exp 12/27", "my card ***42, exp 12/27")]
    [InlineData("bought on 2026-03-12 for 59.99", "bought on 2026-03-12 for 59.99")]
    [InlineData("at 2026-03-12T10:00, Tel.0612345678, ref-4242424242424242", "at 2026-03-12T10:00, Tel.***78, ref-***42")]
    public void Phone_and_card_numbers_in_text_keep_only_their_last_two_digits(string text, string masked) =>
        Assert.Equal(masked, Redact.Text(text));
}
