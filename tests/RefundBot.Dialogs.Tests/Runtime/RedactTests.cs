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
}
