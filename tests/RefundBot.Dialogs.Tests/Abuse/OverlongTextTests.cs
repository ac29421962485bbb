using RefundBot.Dialogs.Refund;

namespace RefundBot.Dialogs.Tests.Abuse;

/// <summary>What is kept of an over-long message: at most the limit, and enough to tell the customer how long it was.</summary>
public sealed class OverlongTextTests
{
    [Fact]
    public void A_message_within_the_limit_is_kept_as_it_is()
    {
        Assert.Equal("hello", OverlongText.Truncate("hello", 2000));
        Assert.Equal(5, OverlongText.OriginalLength("hello"));
    }

    [Fact]
    public void An_over_long_message_is_cut_to_the_limit_and_remembers_its_length()
    {
        var kept = OverlongText.Truncate(new string('a', 5_000_000), 2000)!;

        Assert.Equal(2000, kept.Length);
        Assert.EndsWith("…[truncated, 5000000 characters]", kept);
        Assert.Equal(5_000_000, OverlongText.OriginalLength(kept));
    }

    [Fact]
    public void A_cut_never_splits_a_character()
    {
        var kept = OverlongText.Truncate(string.Concat(Enumerable.Repeat("😀", 100)), 41)!; // the cut falls inside an emoji

        Assert.True(kept.Length <= 41);
        Assert.False(char.IsHighSurrogate(kept[kept.IndexOf('…') - 1]));
    }
}
