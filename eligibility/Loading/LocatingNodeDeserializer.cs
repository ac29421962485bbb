using RefundBot.Eligibility.Model;
using YamlDotNet.Core;
using YamlDotNet.Serialization;

namespace RefundBot.Eligibility.Loading;

/// <summary>Records on each <see cref="Located"/> object the line of the YAML it was read from.</summary>
internal sealed class LocatingNodeDeserializer(INodeDeserializer inner) : INodeDeserializer
{
    public bool Deserialize(IParser reader, Type expectedType, Func<IParser, Type, object?> nestedObjectDeserializer, out object? value, ObjectDeserializer rootDeserializer)
    {
        var line = reader.Current?.Start.Line ?? 0;
        if (!inner.Deserialize(reader, expectedType, nestedObjectDeserializer, out value, rootDeserializer))
        {
            return false;
        }

        if (value is Located located)
        {
            located.Line = (int)line;
        }

        return true;
    }
}
