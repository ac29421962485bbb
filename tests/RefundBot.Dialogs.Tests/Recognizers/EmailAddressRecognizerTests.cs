using FsCheck.Xunit;
using RefundBot.Dialogs.Recognizers;
using RefundBot.Dialogs.Runtime;

namespace RefundBot.Dialogs.Tests.Recognizers;

/// <summary>
/// E-mail addresses as customers type them: found inside a sentence and trimmed of its punctuation; refused when
/// MimeKit would refuse them or when their shape is one no mail server delivers to; never guessed between two.
/// "-" in the expected column means: no address (the question is asked again, or the message goes on).
/// </summary>
public sealed class EmailAddressRecognizerTests
{
    private const string None = "-";

    [Theory]
    [InlineData("jane.doe@example.com", "jane.doe@example.com")]
    [InlineData("sure, jane.doe@example.com.", "jane.doe@example.com")]
    [InlineData("my e-mail is <Sam.Lee+refunds@mail.example.org>", "Sam.Lee+refunds@mail.example.org")]
    [InlineData("c'est marie-claire@exemple.fr !", "marie-claire@exemple.fr")]
    [InlineData("(jane@example.co.uk)", "jane@example.co.uk")]
    [InlineData("jane.doe@example", None)] // no dotted domain
    [InlineData("jane@doe@example.com", None)]
    [InlineData("@example.com", None)]
    [InlineData("jane@.example.com", None)]
    [InlineData("jane@example.c", None)] // a one-letter top-level domain
    [InlineData("jane@exa_mple.com", None)]
    [InlineData("jane@example.123", None)]
    [InlineData("\"jane doe\"@example.com", None)] // quoted local part: RFC 5322 allows it, no customer means it
    [InlineData("jane@example.com or john@example.com", None)] // two: not guessed
    [InlineData("no thanks", None)]
    [InlineData("", None)]
    public void Reads_the_one_address_in_a_message(string text, string expected) =>
        Assert.Equal(expected == None ? null : expected, EmailAddressRecognizer.Find(text));

    [Theory]
    [InlineData("jane.doe@example", true)]
    [InlineData("jane@example.com", true)]
    [InlineData("no thanks", false)]
    [InlineData("it still doesn't work", false)]
    public void Tells_an_attempt_at_an_address_from_other_messages(string text, bool expected) =>
        Assert.Equal(expected, EmailAddressRecognizer.LooksLikeAnAttempt(text));

    [Fact]
    public void Refuses_an_address_longer_than_mail_allows() =>
        Assert.Null(EmailAddressRecognizer.Find(new string('a', 250) + "@example.com"));

    /// <summary>Whatever is typed, reading never throws, and an address it returns is one the message contained.</summary>
    [Property(MaxTest = 300)]
    public bool Never_throws_and_returns_only_what_was_typed(string text) =>
        EmailAddressRecognizer.Find(text) is not { } found || text.Contains(found, StringComparison.Ordinal);

    [Theory]
    [InlineData("jane.doe@example.com", "j***@e***.com")]
    [InlineData("Sam.Lee@mail.example.org", "S***@m***.example.org")]
    public void An_address_is_read_back_and_logged_masked(string address, string masked) =>
        Assert.Equal(masked, Redact.Email(address));
}
