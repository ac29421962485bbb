using RefundBot.Dialogs.Runtime;

namespace RefundBot.Dialogs.Tests.Runtime;

/// <summary>A caller's words inside the bot's Markdown are an inline code span: shown literally, never as links or emphasis.</summary>
public sealed class CustomerTextTests
{
    [Theory]
    [InlineData("It doesn't work", "`It doesn't work`")]
    [InlineData("**Refund approved** [here](https://evil.example)", "`**Refund approved** [here](https://evil.example)`")]
    [InlineData("uses `code` inside", "``uses `code` inside``")]
    [InlineData("``two`` and `one`", "``` ``two`` and `one` ```")]
    [InlineData("`starts with a backtick", "`` `starts with a backtick ``")]
    [InlineData("line one\nline two\r\n\tthree", "`line one line two three`")]
    [InlineData("  \n ", "")]
    [InlineData(null, "")]
    public void Quotes_words_as_an_inline_code_span_that_nothing_inside_can_close(string? typed, string quoted)
    {
        Assert.Equal(quoted, CustomerText.Quoted(typed));
    }
}
