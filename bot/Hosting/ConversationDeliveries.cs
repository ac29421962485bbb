namespace RefundBot.Bot.Hosting;

/// <summary>
/// Runs deliveries outside the turn workers, one after another per conversation (a conversation's replies never
/// overtake each other) and side by side across conversations. On shutdown, pending deliveries are given until the
/// host's stop deadline, then cancelled; their channels then send those activities again.
/// </summary>
internal sealed class ConversationDeliveries
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, Task> _tails = new(StringComparer.Ordinal);
    private readonly CancellationTokenSource _stopping = new();

    /// <summary>Cancelled once the host's time to stop has run out.</summary>
    public CancellationToken Stopping => _stopping.Token;

    /// <summary>Starts <paramref name="delivery"/> once the conversation's earlier deliveries have ended, however they ended.</summary>
    public void Enqueue(string conversationKey, Func<Task> delivery)
    {
        lock (_gate)
        {
            var previous = _tails.GetValueOrDefault(conversationKey);
            var tail = previous is null || previous.IsCompleted ? Task.Run(delivery) : AfterAsync(previous, delivery);
            _tails[conversationKey] = tail;
            _ = tail.ContinueWith(_ => Forget(conversationKey, tail), CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
        }
    }

    /// <summary>Waits for the pending deliveries; cancels those still running when <paramref name="deadline"/> fires.</summary>
    public async Task DrainAsync(CancellationToken deadline)
    {
        Task[] pending;
        lock (_gate)
        {
            pending = [.. _tails.Values];
        }

        await using var cancel = deadline.Register(_stopping.Cancel);
        await Task.WhenAll(pending);
    }

    private static async Task AfterAsync(Task previous, Func<Task> delivery)
    {
        await previous.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        await delivery();
    }

    private void Forget(string conversationKey, Task tail)
    {
        lock (_gate)
        {
            if (_tails.TryGetValue(conversationKey, out var current) && current == tail)
            {
                _tails.Remove(conversationKey);
            }
        }
    }
}
