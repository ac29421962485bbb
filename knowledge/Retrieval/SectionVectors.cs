using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using RefundBot.Eligibility.Loading;

namespace RefundBot.Knowledge.Retrieval;

/// <summary>
/// The sentence vectors of one section: of the whole section, of each of its sentences (with the heading), and of each
/// example question customers ask that it answers (questions.yaml).
/// </summary>
public sealed record SectionVector(string PolicyId, string Language, string SectionId, float[] Section, IReadOnlyList<float[]> Sentences, IReadOnlyList<float[]> Questions);

/// <summary>
/// The dense half of the hybrid index: every section of the English policy texts embedded once, whole and sentence by
/// sentence, in the languages asked for (English as deployed: on the dev split French questions scored 0.40 to 0.63
/// against French sections they do not cover, as high as covered ones, so the model does not help French). Vectors are computed in the background warm-up, not at build time: the model must be loaded
/// at run time anyway to embed questions, and loading it costs more than embedding the five texts would save. A
/// process-wide cache keyed by the SHA-256 of each embedded text means a text is embedded once per process, whatever
/// the number of indexes (test hosts) or policy reloads; an edited section is embedded again, never served stale.
/// </summary>
public sealed class SectionVectors
{
    private static readonly ConcurrentDictionary<string, float[]> Cache = new(StringComparer.Ordinal);
    private readonly Dictionary<(string PolicyId, string Language), IReadOnlyList<SectionVector>> _byPolicy;

    private SectionVectors(Dictionary<(string, string), IReadOnlyList<SectionVector>> byPolicy) => _byPolicy = byPolicy;

    /// <summary>The sections of one policy text, with their vectors.</summary>
    public IReadOnlyList<SectionVector> Of(string policyId, string language) => _byPolicy.GetValueOrDefault((policyId, language)) ?? [];

    /// <summary>
    /// Embeds the sections of <paramref name="languages"/>; with a <paramref name="cacheFile"/>, vectors already there
    /// (by text hash) are read rather than computed, and new ones are written back, so a restart is ready in
    /// milliseconds instead of half a minute. A missing or unreadable file is only a cold cache.
    /// </summary>
    public static SectionVectors Build(PolicyCatalog catalog, ISentenceEmbedder embedder, IReadOnlyCollection<string> languages, string? cacheFile = null)
    {
        var texts = new List<(string PolicyId, string Language, string SectionId, string Whole, IReadOnlyList<string> Sentences, IReadOnlyList<string> Questions)>();
        foreach (var policy in catalog.All)
        {
            foreach (var (language, text) in policy.Texts.Where(t => languages.Contains(t.Key)))
            {
                foreach (var section in text.Sections)
                {
                    var sentences = PassageText.Sentences(section.Body).Select(s => section.Heading + ": " + s).ToList();
                    texts.Add((policy.Id, language, section.Id, section.Heading + "\n" + section.Body, sentences, PolicyIndex.Questions(policy, section.Id, language)));
                }
            }
        }

        Embed(embedder, texts.SelectMany(t => t.Sentences.Concat(t.Questions).Prepend(t.Whole)).Distinct().ToList(), cacheFile);
        return new SectionVectors(texts
            .Select(t => new SectionVector(t.PolicyId, t.Language, t.SectionId, Cache[Hash(t.Whole)], t.Sentences.Select(s => Cache[Hash(s)]).ToList(), t.Questions.Select(q => Cache[Hash(q)]).ToList()))
            .GroupBy(v => (v.PolicyId, v.Language))
            .ToDictionary(g => g.Key, g => (IReadOnlyList<SectionVector>)g.ToList()));
    }

    /// <summary>One build at a time per process: a second index (another test host) waits, then finds its texts cached.</summary>
    private static readonly Lock Building = new();

    private static void Embed(ISentenceEmbedder embedder, IReadOnlyList<string> texts, string? cacheFile)
    {
        using var _ = Building.EnterScope();
        if (cacheFile is not null)
        {
            VectorCacheFile.Read(cacheFile, Cache);
        }

        var missing = texts.Where(t => !Cache.ContainsKey(Hash(t))).ToList();
        foreach (var batch in missing.Chunk(32))
        {
            var vectors = embedder.Embed(batch);
            for (var i = 0; i < batch.Length; i++)
            {
                Cache[Hash(batch[i])] = vectors[i];
            }
        }

        if (cacheFile is not null && missing.Count > 0)
        {
            VectorCacheFile.Write(cacheFile, texts.Select(Hash).ToDictionary(h => h, h => Cache[h]));
        }
    }

    private static string Hash(string text) => Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(text)));
}
