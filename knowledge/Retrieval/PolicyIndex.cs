using Lucene.Net.Analysis;
using Lucene.Net.Analysis.En;
using Lucene.Net.Analysis.Fr;
using Lucene.Net.Analysis.Miscellaneous;
using Lucene.Net.Analysis.TokenAttributes;
using Lucene.Net.Documents;
using Lucene.Net.Index;
using Lucene.Net.Search;
using Lucene.Net.Search.Similarities;
using Lucene.Net.Store;
using Lucene.Net.Util;
using RefundBot.Eligibility.Loading;

namespace RefundBot.Knowledge.Retrieval;

/// <summary>A section of a policy text that retrieval found, and how well it matched.</summary>
public sealed record Passage(string PolicyId, string Language, string SectionId, string Heading, string Body, float Score);

/// <summary>
/// Every section of every policy text, in English and French, indexed in memory with Lucene.Net at start-up: BM25,
/// with Lucene's English and French analyzers (stemming, stop words, elision, accents). A search is filtered to one
/// policy and one language. Searching is thread-safe and does no I/O.
/// </summary>
public sealed class PolicyIndex : IDisposable
{
    private const LuceneVersion Version = LuceneVersion.LUCENE_48;
    private static readonly IReadOnlyDictionary<string, Func<Analyzer>> Analyzers = new Dictionary<string, Func<Analyzer>>
    {
        ["en"] = () => new EnglishAnalyzer(Version),
        ["fr"] = () => new FrenchAnalyzer(Version),
    };

    private readonly Dictionary<string, Analyzer> _analyzers = Analyzers.ToDictionary(a => a.Key, a => a.Value());
    private readonly System.Threading.Lock _building = new();
    private volatile Built? _built;
    private readonly PolicyCatalog _catalog;
    private readonly ISentenceEmbedder? _embedder;
    private readonly IReadOnlyCollection<string> _embeddedLanguages;
    private readonly string? _vectorCacheFile;
    private volatile SectionVectors? _vectors;

    /// <summary>
    /// Indexes every section of every policy text; the lexical index is built on first use, or by <see cref="WarmUp"/>.
    /// With an <paramref name="embedder"/>, <see cref="WarmUp"/> also embeds the English sections; until it has, questions
    /// are answered on lexical evidence alone (<see cref="Embed"/> returns null), so start-up never waits for the model.
    /// </summary>
    public PolicyIndex(PolicyCatalog catalog, ISentenceEmbedder? embedder = null, IReadOnlyCollection<string>? embeddedLanguages = null, string? vectorCacheFile = null)
    {
        _catalog = catalog;
        _vectorCacheFile = vectorCacheFile;
        _embedder = embedder;
        _embeddedLanguages = embeddedLanguages ?? ["en"];
    }

    /// <summary>
    /// Builds the lexical index, then the section vectors (a host calls it in the background at start-up, so no customer
    /// waits for it; tests call it to answer with both kinds of evidence from the first question).
    /// </summary>
    public void WarmUp()
    {
        _ = Current();
        var generation = _catalog.Generation;
        if (_embedder is not null && (_vectors is null || _vectorsGeneration != generation))
        {
            _vectors = SectionVectors.Build(_catalog, _embedder, _embeddedLanguages, _vectorCacheFile);
            _vectorsGeneration = generation;
        }
    }

    /// <summary>The section vectors, once embedded; null before (or without a model).</summary>
    public SectionVectors? Vectors => _vectorsGeneration == _catalog.Generation ? _vectors : null;

    private long _vectorsGeneration;

    /// <summary>
    /// The lexical index of the policies served now: built on first use, and again once a policy is replaced (a version
    /// published from the business console), when the section vectors are embedded again in the background.
    /// </summary>
    private Built Current()
    {
        if (_built is { } built && built.Generation == _catalog.Generation)
        {
            return built;
        }

        using (_building.EnterScope())
        {
            if (_built is { } again && again.Generation == _catalog.Generation)
            {
                return again;
            }

            var old = _built;
            _built = Build(_catalog);
            _sectionTerms.Clear();
            if (old is not null)
            {
                // Searches already holding the old reader finish first; the old index is left to the collector.
                if (_embedder is not null)
                {
                    _ = Task.Run(WarmUp);
                }
            }

            return _built;
        }
    }

    /// <summary>The question's vector when the section vectors are ready to compare it with; else null (lexical only).</summary>
    public float[]? Embed(string question) =>
        _embedder is not null && Vectors is not null ? _embedder.Embed([question])[0] : null;

    private Built Build(PolicyCatalog catalog)
    {
        var generation = catalog.Generation;
        var directory = new RAMDirectory();
        var perField = new PerFieldAnalyzerWrapper(_analyzers["en"], _analyzers
            .SelectMany(a => new[] { (Field: TextField(a.Key), Analyzer: a.Value), (Field: QuestionsField(a.Key), Analyzer: a.Value) })
            .ToDictionary(a => a.Field, a => a.Analyzer));
        using (var writer = new IndexWriter(directory, new IndexWriterConfig(Version, perField) { Similarity = new BM25Similarity() }))
        {
            foreach (var policy in catalog.All)
            {
                foreach (var (language, text) in policy.Texts)
                {
                    foreach (var section in text.Sections)
                    {
                        writer.AddDocument(new Document
                        {
                            new StringField("policy", policy.Id, Field.Store.YES),
                            new StringField("language", language, Field.Store.YES),
                            new StringField("section", section.Id, Field.Store.YES),
                            new StoredField("heading", section.Heading),
                            new StoredField("body", section.Body),
                            new Lucene.Net.Documents.TextField(TextField(language), section.Heading + "\n" + section.Heading + "\n" + section.Body, Field.Store.NO),
                            // Apart from the text, so that the text's own scores (and the ties they break) are unchanged.
                            new Lucene.Net.Documents.TextField(QuestionsField(language), string.Join("\n", Questions(policy, section.Id, language)), Field.Store.NO),
                        });
                    }
                }
            }
        }

        var reader = DirectoryReader.Open(directory);
        return new Built(directory, reader, new IndexSearcher(reader) { Similarity = new BM25Similarity() }, generation);
    }

    private sealed record Built(RAMDirectory Directory, DirectoryReader Reader, IndexSearcher Searcher, long Generation);

    /// <summary>The sections of <paramref name="policyId"/> in <paramref name="language"/> that best match the question.</summary>
    public IReadOnlyList<Passage> Search(string policyId, string language, string question, int count = 3)
    {
        var terms = Terms(language, question);
        if (terms.Count == 0)
        {
            return [];
        }

        var words = new BooleanQuery();
        foreach (var term in terms.Distinct())
        {
            words.Add(new TermQuery(new Term(TextField(language), term)), Occur.SHOULD);
            words.Add(new TermQuery(new Term(QuestionsField(language), term)), Occur.SHOULD);
        }

        var query = new BooleanQuery
        {
            { new TermQuery(new Term("policy", policyId)), Occur.MUST },
            { new TermQuery(new Term("language", language)), Occur.MUST },
            { words, Occur.MUST },
        };
        var searcher = Current().Searcher;
        return searcher.Search(query, count).ScoreDocs
            .Select(hit => (Document: searcher.Doc(hit.Doc), hit.Score))
            .Select(h => new Passage(policyId, language, h.Document.Get("section"), h.Document.Get("heading"), h.Document.Get("body"), h.Score))
            .ToList();
    }

    /// <summary>A section as a passage that no search scored (found by its vectors alone), or null.</summary>
    public Passage? Section(string policyId, string language, string sectionId) =>
        _catalog.Find(policyId)?.Texts.GetValueOrDefault(language)?.Section(sectionId) is { } section
            ? new Passage(policyId, language, section.Id, section.Heading, section.Body, 0)
            : null;

    /// <summary>The example questions customers ask that a section answers (questions.yaml), in one language.</summary>
    public static IReadOnlyList<string> Questions(Eligibility.Model.Policy policy, string sectionId, string language) =>
        policy.SectionQuestions.GetValueOrDefault(sectionId)?.GetValueOrDefault(language) ?? [];

    private readonly System.Collections.Concurrent.ConcurrentDictionary<(string, string, string), IReadOnlySet<string>> _sectionTerms = new();

    /// <summary>
    /// The terms of a section's heading, body and example questions, analyzed once per index: what the word share of a
    /// question is counted against (a customer's words are more often those of another question than of the policy).
    /// </summary>
    public IReadOnlySet<string> SectionTerms(Passage passage) =>
        _sectionTerms.GetOrAdd((passage.PolicyId, passage.Language, passage.SectionId), key =>
        {
            var questions = _catalog.Find(key.Item1) is { } policy ? Questions(policy, key.Item3, key.Item2) : [];
            return Terms(key.Item2, passage.Heading + "\n" + passage.Body + "\n" + string.Join("\n", questions)).ToHashSet();
        });

    /// <summary>The analyzed terms of a text (stems, no stop words), as the index sees them.</summary>
    public IReadOnlyList<string> Terms(string language, string text)
    {
        var analyzer = _analyzers.GetValueOrDefault(language) ?? _analyzers["en"];
        var terms = new List<string>();
        using var stream = analyzer.GetTokenStream(TextField(language), text);
        var term = stream.AddAttribute<ICharTermAttribute>();
        stream.Reset();
        while (stream.IncrementToken())
        {
            terms.Add(term.ToString());
        }

        stream.End();
        return terms;
    }

    public void Dispose()
    {
        if (_built is { } built)
        {
            built.Reader.Dispose();
            built.Directory.Dispose();
        }

        foreach (var analyzer in _analyzers.Values)
        {
            analyzer.Dispose();
        }
    }

    private static string TextField(string language) => "text_" + language;

    private static string QuestionsField(string language) => "questions_" + language;
}
