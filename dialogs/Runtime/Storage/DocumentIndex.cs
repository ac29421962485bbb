using System.Globalization;
using System.Text;
using System.Text.Json;

namespace RefundBot.Dialogs.Runtime.Storage;

/// <summary>How an index reads its property: as text (compared ordinally) or as a point in time (compared in UTC).</summary>
public enum IndexedAs
{
    Text,
    Time,
}

/// <summary>
/// A secondary index, declared as data about documents: the documents whose key starts with <see cref="KeyPrefix"/>
/// are indexed by the top-level JSON property <see cref="Property"/> (a string; a document without it, or with null,
/// is not in the index). Each store keeps its indexes itself, inside the routine that applies one document write, so
/// an index is never behind the documents; queries (<see cref="IDocumentStore.FindAsync"/>,
/// <see cref="IDocumentStore.FindRangeAsync"/>) then read only what they return, never the whole store.
/// </summary>
public sealed record DocumentIndex(string Name, string KeyPrefix, string Property, IndexedAs Kind = IndexedAs.Text)
{
    /// <summary>A time as every index value of kind <see cref="IndexedAs.Time"/> is kept: UTC, fixed width, so text order is time order.</summary>
    public static string Time(DateTimeOffset at) =>
        at.UtcDateTime.ToString("yyyy'-'MM'-'dd'T'HH':'mm':'ss'.'fffffff'Z'", CultureInfo.InvariantCulture);

    /// <summary>The lowest and highest values a time index can hold.</summary>
    public static readonly string MinTime = Time(DateTimeOffset.MinValue);

    public static readonly string MaxTime = Time(DateTimeOffset.MaxValue);

    /// <summary>As <see cref="Property"/>: the index holds the part of the key after its last '/', whatever the JSON.</summary>
    public const string KeyTail = "$keyTail";

    public bool Covers(string key) => key.StartsWith(KeyPrefix, StringComparison.Ordinal);

    /// <summary>
    /// The value of each index of <paramref name="indexes"/> that covers the document (index name → value). Only the
    /// top level of the JSON is read, and only when some index covers the key.
    /// </summary>
    public static IReadOnlyDictionary<string, string> ValuesOf(IReadOnlyList<DocumentIndex> indexes, string key, string json)
    {
        var covering = indexes.Where(i => i.Covers(key)).ToList();
        if (covering.Count == 0)
        {
            return Empty;
        }

        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var index in covering.Where(i => i.Property == KeyTail))
        {
            values[index.Name] = key[(key.LastIndexOf('/') + 1)..];
        }

        if (covering.All(i => i.Property == KeyTail))
        {
            return values;
        }

        var reader = new Utf8JsonReader(Encoding.UTF8.GetBytes(json));
        try
        {
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            {
                return values;
            }

            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                var property = reader.GetString();
                reader.Read();
                foreach (var index in covering.Where(i => i.Property == property))
                {
                    if (reader.TokenType == JsonTokenType.String && index.ValueOf(reader.GetString()!) is { } value)
                    {
                        values[index.Name] = value;
                    }
                }

                reader.Skip();
            }
        }
        catch (JsonException)
        {
            // Not JSON an index can read (a store holds what it is given): the document is simply in no index.
        }

        return values;
    }

    /// <summary>A signature of a set of indexes: a store whose documents were indexed under another one indexes them again.</summary>
    public static string Signature(IEnumerable<DocumentIndex> indexes) =>
        string.Join(";", indexes.OrderBy(i => i.Name, StringComparer.Ordinal).Select(i => $"{i.Name}|{i.KeyPrefix}|{i.Property}|{i.Kind}"));

    private string? ValueOf(string text) => Kind switch
    {
        IndexedAs.Time => DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out var at) ? Time(at) : null,
        _ => text,
    };

    private static readonly IReadOnlyDictionary<string, string> Empty = new Dictionary<string, string>();
}
