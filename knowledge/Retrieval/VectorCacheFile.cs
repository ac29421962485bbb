namespace RefundBot.Knowledge.Retrieval;

/// <summary>
/// The section vectors on disk, keyed by the SHA-256 of the text embedded: a count, then for each a hash and its
/// floats. Written to a temporary file and moved into place, so a reader never sees half a file; any error reading it
/// is a cold cache, never a failure.
/// </summary>
internal static class VectorCacheFile
{
    private const int Version = 1;

    public static void Read(string path, IDictionary<string, float[]> into)
    {
        try
        {
            if (!File.Exists(path))
            {
                return;
            }

            using var reader = new BinaryReader(File.OpenRead(path));
            if (reader.ReadInt32() != Version)
            {
                return;
            }

            for (var count = reader.ReadInt32(); count > 0; count--)
            {
                var hash = reader.ReadString();
                var vector = new float[reader.ReadInt32()];
                for (var i = 0; i < vector.Length; i++)
                {
                    vector[i] = reader.ReadSingle();
                }

                into[hash] = vector;
            }
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException or EndOfStreamException)
        {
            // a cold cache: the vectors are computed
        }
    }

    public static void Write(string path, IReadOnlyDictionary<string, float[]> vectors)
    {
        try
        {
            Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
            var temporary = path + "." + Environment.ProcessId + ".tmp";
            using (var writer = new BinaryWriter(File.Create(temporary)))
            {
                writer.Write(Version);
                writer.Write(vectors.Count);
                foreach (var (hash, vector) in vectors)
                {
                    writer.Write(hash);
                    writer.Write(vector.Length);
                    foreach (var value in vector)
                    {
                        writer.Write(value);
                    }
                }
            }

            File.Move(temporary, path, overwrite: true);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            // not cached: the next start computes them again
        }
    }
}
