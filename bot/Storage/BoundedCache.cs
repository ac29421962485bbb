namespace RefundBot.Bot.Storage;

/// <summary>
/// A map that forgets: it holds at most twice <c>capacity</c> entries, in two generations. New entries go to the
/// young one; when it is full the old generation is dropped and the young one becomes old, and an entry read from the
/// old generation moves back to the young one. So what is used stays and the rest goes, with no timer and no entry
/// ever answered stale: a forgotten entry is simply absent, and every user of this cache can find the truth again
/// (the store holds it). Thread-safe.
/// </summary>
internal sealed class BoundedCache<TKey, TValue>(int capacity, IEqualityComparer<TKey>? comparer = null)
    where TKey : notnull
{
    private readonly Lock _gate = new();
    private readonly int _capacity = Math.Max(1, capacity);
    private Dictionary<TKey, TValue> _young = new(comparer);
    private Dictionary<TKey, TValue> _old = new(comparer);

    /// <summary>How many entries are held now; never more than twice the capacity.</summary>
    public int Count
    {
        get
        {
            lock (_gate)
            {
                return _young.Count + _old.Count;
            }
        }
    }

    /// <summary>Whether the key is held, in either generation; unlike <see cref="TryGetValue"/>, it moves nothing.</summary>
    public bool Contains(TKey key)
    {
        lock (_gate)
        {
            return _young.ContainsKey(key) || _old.ContainsKey(key);
        }
    }

    public bool TryGetValue(TKey key, out TValue value)
    {
        lock (_gate)
        {
            if (_young.TryGetValue(key, out value!))
            {
                return true;
            }

            if (!_old.Remove(key, out value!))
            {
                return false;
            }

            AddYoung(key, value);
            return true;
        }
    }

    public void Set(TKey key, TValue value)
    {
        lock (_gate)
        {
            _old.Remove(key);
            AddYoung(key, value);
        }
    }

    public TValue GetOrAdd(TKey key, Func<TKey, TValue> create)
    {
        lock (_gate)
        {
            if (TryGetValue(key, out var value))
            {
                return value;
            }

            value = create(key);
            AddYoung(key, value);
            return value;
        }
    }

    public void Remove(TKey key)
    {
        lock (_gate)
        {
            _young.Remove(key);
            _old.Remove(key);
        }
    }

    public void Clear()
    {
        lock (_gate)
        {
            _young.Clear();
            _old.Clear();
        }
    }

    private void AddYoung(TKey key, TValue value)
    {
        if (!_young.ContainsKey(key) && _young.Count >= _capacity)
        {
            (_old, _young) = (_young, _old);
            _young.Clear();
        }

        _young[key] = value;
    }
}
