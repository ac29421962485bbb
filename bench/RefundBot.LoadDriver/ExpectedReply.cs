using System.Collections.Concurrent;
using System.Text;
using System.Text.Json;

/// <summary>
/// The wait for one turn's reply: the reply of the conversation whose text contains the expected step. It is awaited
/// across every post of the turn's activity (a channel's retries), so a reply that arrived for a post whose answer
/// never came (the instance died between delivering and answering 202) still answers the turn. Disposing it stops
/// the wait.
/// </summary>
internal sealed class ExpectedReply : IDisposable
{
    private readonly byte[] _expectedUtf8;
    private readonly string _expected;
    private readonly string _conversation;
    private readonly ConcurrentDictionary<string, ExpectedReply> _waiting;

    public ExpectedReply(string conversation, string expected, ConcurrentDictionary<string, ExpectedReply> waiting)
    {
        _conversation = conversation;
        _expected = expected;
        _expectedUtf8 = Encoding.UTF8.GetBytes(expected);
        _waiting = waiting;
        _waiting[conversation] = this;
    }

    /// <summary>Ends when the expected reply has arrived.</summary>
    public Task Arrived => Done.Task;

    private TaskCompletionSource Done { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Ends the wait if <paramref name="reply"/> carries the expected step.</summary>
    public void Receive(byte[] reply)
    {
        if (IsAnsweredBy(reply))
        {
            Done.TrySetResult();
        }
    }

    public void Dispose() => _waiting.TryRemove(new KeyValuePair<string, ExpectedReply>(_conversation, this));

    /// <summary>
    /// Whether the reply's text contains the expected step. The bytes are searched first; a reply whose text is
    /// escaped differently is decoded before it is said not to match.
    /// </summary>
    private bool IsAnsweredBy(byte[] reply)
    {
        if (reply.AsSpan().IndexOf(_expectedUtf8) >= 0)
        {
            return true;
        }

        if (reply.AsSpan().IndexOf("\\u"u8) < 0)
        {
            return false; // nothing escaped: the bytes said it all
        }

        using var activity = JsonDocument.Parse(reply);
        return activity.RootElement.TryGetProperty("text", out var text)
            && (text.GetString() ?? "").Contains(_expected, StringComparison.Ordinal);
    }
}
