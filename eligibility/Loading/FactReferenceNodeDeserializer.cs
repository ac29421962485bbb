using RefundBot.Eligibility.Model;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;
using YamlDotNet.Serialization;

namespace RefundBot.Eligibility.Loading;

/// <summary>Reads a plain fact id (a scalar) as a <see cref="FactReference"/> that remembers its line.</summary>
internal sealed class FactReferenceNodeDeserializer : INodeDeserializer
{
    public bool Deserialize(IParser reader, Type expectedType, Func<IParser, Type, object?> nestedObjectDeserializer, out object? value, ObjectDeserializer rootDeserializer)
    {
        if (expectedType != typeof(FactReference) || !reader.TryConsume<Scalar>(out var scalar))
        {
            value = null;
            return false;
        }

        value = new FactReference { Id = scalar.Value, Line = (int)scalar.Start.Line };
        return true;
    }
}
