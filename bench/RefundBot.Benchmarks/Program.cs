using System.Globalization;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Running;
using RefundBot.Dialogs.Prompts;
using RefundBot.Dialogs.Recognizers;
using RefundBot.Eligibility.Engine;
using RefundBot.Eligibility.Loading;
using RefundBot.Eligibility.Model;
using RefundBot.Knowledge.Answers;
using RefundBot.Knowledge.Retrieval;

if (args.Contains("--date-startup"))
{
    // Start-up cost of the date recognizer in a fresh process: the models are built and their expressions compiled on
    // first use; then what the host's warm-up costs (both languages, every kind of phrase), then one warm phrase.
    var watch = System.Diagnostics.Stopwatch.StartNew();
    var first = new PurchaseDateRecognizer().Recognize("last Tuesday", DateBenchmarks.Context("en-US"));
    var firstMs = watch.Elapsed.TotalMilliseconds;
    watch.Restart();
    PurchaseDateRecognizer.WarmUp();
    QuantityRecognizer.WarmUp();
    var warmUpMs = watch.Elapsed.TotalMilliseconds;
    watch.Restart();
    var warm = new PurchaseDateRecognizer().Recognize("il y a deux semaines", DateBenchmarks.Context("fr-FR"));
    Console.WriteLine($"date recognizer: first phrase {firstMs:0} ms ({first.Date}); warm-up of both languages {warmUpMs:0} ms; then a French phrase {watch.Elapsed.TotalMilliseconds:0.00} ms ({warm.Date})");
    return;
}

if (args.Contains("--evaluate"))
{
    // The eval21 question set through the answerer as deployed (BM25 + MiniLM vectors): per split, language and kind.
    // "--fr": the French questions only, without loading the vectors (French questions have none): seconds, not minutes.
    var frenchOnly = args.Contains("--fr");
    var catalog = PolicyLoader.LoadAll(Path.Combine(AppContext.BaseDirectory, "policy-content"));
    var index = new PolicyIndex(catalog, frenchOnly ? null : MiniLmEmbedder.Shared);
    index.WarmUp();
    var answerer = new ExtractiveAnswerer(index);
    foreach (var split in args.SkipWhile(a => a != "--evaluate").Skip(1).TakeWhile(a => !a.StartsWith('-')).DefaultIfEmpty("dev"))
    {
        var items = RefundBot.Knowledge.Tests.Evaluation.EvaluationSet.Load(split).Where(i => !frenchOnly || i.Language == "fr");
        var results = RefundBot.Knowledge.Tests.Evaluation.EvaluationSet.Run(answerer, items);
        foreach (var line in RefundBot.Knowledge.Tests.Evaluation.EvaluationSet.Report(split, results))
        {
            Console.WriteLine(line);
        }

        // "--misses": what the development splits (dev, dev2) got wrong (never the test split's: it is for reporting, not tuning).
        foreach (var miss in results.Where(r => !r.Right && split != "test" && args.Contains("--misses")))
        {
            Console.WriteLine($"MISS {miss.Item.Id} {miss.Item.Kind} \"{miss.Item.Question}\": expected {string.Join("|", miss.Item.Expected)}, got {miss.Answer.SectionId ?? "none"} ({miss.Answer.Confidence:0.00}) {string.Join(" / ", miss.Answer.Quote)}");
        }
    }

    return;
}

if (args.Contains("--why-misses"))
{
    // "--why-misses [SPLIT...]": for each English question of the development splits (never test) that is not right,
    // every candidate section with its full evidence (word share, text and example-question cosines, BM25), best first,
    // the substance the quote must hold, and the quote given.
    var splits = args.SkipWhile(a => a != "--why-misses").Skip(1).TakeWhile(a => !a.StartsWith('-')).DefaultIfEmpty("dev").ToList();
    if (splits.Contains("test"))
    {
        throw new InvalidOperationException("The test split is for reporting only.");
    }

    var index = new PolicyIndex(PolicyLoader.LoadAll(Path.Combine(AppContext.BaseDirectory, "policy-content")), new CachedEmbedder(MiniLmEmbedder.Shared));
    index.WarmUp();
    var answerer = new ExtractiveAnswerer(index);
    var thresholds = CoverageThresholds.Default;
    foreach (var split in splits)
    {
        var items = RefundBot.Knowledge.Tests.Evaluation.EvaluationSet.Load(split).Where(i => i.Language == "en");
        foreach (var result in RefundBot.Knowledge.Tests.Evaluation.EvaluationSet.Run(answerer, items).Where(r => !r.Right))
        {
            var item = result.Item;
            Console.WriteLine($"== {item.Id} {item.Kind} \"{item.Question}\" expected {string.Join("|", item.Expected)} substance [{string.Join(" | ", item.Substance ?? [])}]");
            Console.WriteLine($"   asked: {string.Join(' ', answerer.Asked("en", item.Question).Select(a => a.Count == 1 ? a.First() : "{" + string.Join(',', a) + "}"))}");
            foreach (var (passage, evidence) in answerer.Candidates(item.Policy, "en", item.Question).Take(4))
            {
                Console.WriteLine($"   {passage.SectionId,-28} share {evidence.Lexical:0.00} sem {evidence.Semantic:0.00} q {evidence.Question:0.00} dense {evidence.Dense(thresholds):0.00} bm25 {evidence.Score:0.0} covered {CoverageDecision.Covered(evidence, thresholds, "en")}");
            }

            Console.WriteLine($"   answer: {result.Answer.SectionId ?? "none"} {string.Join(" / ", result.Answer.Quote)}");
            if (result.RightSection && index.Section(item.Policy, "en", result.Answer.SectionId!) is { } section
                && index.Embed(item.Question) is { } vector && index.Vectors?.Of(item.Policy, "en").FirstOrDefault(v => v.SectionId == section.SectionId) is { } vectors)
            {
                var asked = answerer.Asked("en", item.Question).SelectMany(a => a).ToHashSet();
                var cosines = Similarity.Sentences(vector, vectors);
                var sentences = PassageText.Sentences(section.Body);
                for (var i = 0; i < sentences.Count; i++)
                {
                    var shared = index.Terms("en", sentences[i]).Distinct().Count(asked.Contains);
                    Console.WriteLine($"     [{i}] shared {shared} cos {(i < cosines.Count ? cosines[i] : double.NaN):0.00} {sentences[i]}");
                }
            }
        }
    }

    return;
}

if (args.Contains("--why"))
{
    // "--why POLICY LANG QUESTION": why a question got its answer: every candidate section with its evidence, best first,
    // the question's terms as the index reads them, and the answer given (lexical only: no vectors are loaded).
    var whyArgs = args.SkipWhile(a => a != "--why").Skip(1).ToArray();
    var (policy, language, question) = (whyArgs[0], whyArgs[1], string.Join(' ', whyArgs.Skip(2)));
    var index = new PolicyIndex(PolicyLoader.LoadAll(Path.Combine(AppContext.BaseDirectory, "policy-content")));
    var answerer = new ExtractiveAnswerer(index);
    Console.WriteLine($"terms: {string.Join(' ', index.Terms(language, question))}");
    Console.WriteLine($"asked: {string.Join(' ', answerer.Asked(language, question).Select(a => a.Count == 1 ? a.First() : "{" + string.Join(',', a) + "}"))}");
    foreach (var (passage, evidence) in answerer.Candidates(policy, language, question))
    {
        Console.WriteLine($"{passage.SectionId}\tshare {evidence.Lexical:0.000}\trelative {evidence.RelativeScore:0.000}\tbm25 {passage.Score:0.000}");
    }

    var answer = answerer.Answer(policy, language, question);
    Console.WriteLine($"answer: {answer.SectionId ?? "none"} ({answer.Confidence:0.00}) {string.Join(" / ", answer.Quote)}");
    return;
}

if (args.Contains("--features"))
{
    // For choosing the coverage thresholds on the development splits (dev, dev2; never test): per question, the evidence
    // of its two best sections and whether the best one, if answered, would be right (section and substance). TSV.
    var catalog = PolicyLoader.LoadAll(Path.Combine(AppContext.BaseDirectory, "policy-content"));
    var index = new PolicyIndex(catalog, new CachedEmbedder(MiniLmEmbedder.Shared));
    index.WarmUp();
    var always = new ExtractiveAnswerer(index, new CoverageThresholds(Lexical: 0, Semantic: -10, SemanticFloor: -10, LexicalWithFloor: 0, LexicalScore: 0, EnglishPrefix: args.Contains("--en-prefix") ? 6 : 0));
    // "--features [SPLIT...]": the development splits to print (default dev dev2 dev3; never test).
    var featureSplits = args.SkipWhile(a => a != "--features").Skip(1).TakeWhile(a => !a.StartsWith('-')).DefaultIfEmpty("dev").ToList();
    if (featureSplits.Contains("test"))
    {
        throw new InvalidOperationException("The test split is for reporting only.");
    }

    foreach (var split in featureSplits)
    foreach (var item in RefundBot.Knowledge.Tests.Evaluation.EvaluationSet.Load(split))
    {
        var candidates = always.Candidates(item.Policy, item.Language, item.Question);
        var result = new RefundBot.Knowledge.Tests.Evaluation.EvaluationResult(item, always.Answer(item.Policy, item.Language, item.Question));
        string Of(int i) => i < candidates.Count
            ? $"{candidates[i].Passage.SectionId}\t{candidates[i].Evidence.Lexical:0.000}\t{candidates[i].Evidence.Semantic ?? -1:0.000}\t{candidates[i].Evidence.Question ?? -1:0.000}\t{candidates[i].Passage.Score:0.000}"
            : "-\t0\t-1\t-1\t0";
        var otherScore = candidates.Skip(1).Select(c => c.Passage.Score).DefaultIfEmpty(0).Max();
        Console.WriteLine($"{split}\t{item.Id}\t{item.Language}\t{item.Kind}\t{(item.Covered && result.Right ? 1 : 0)}\t{(item.Covered && result.RightSection ? 1 : 0)}\t{Of(0)}\t{Of(1)}\t{otherScore:0.000}");
    }

    return;
}

if (args.Contains("--tune"))
{
    // A grid of the vector thresholds on development splits only (never test): covered right, refused, and wrong
    // answers, ranked by covered right minus twice the wrong answers (a wrong answer costs more than a refusal).
    // "--tune [fr] [SPLIT...]": the splits to tune on (default dev dev2 dev3); "fr": French questions compared with the
    // French sections' and example questions' vectors too, else English questions only (French ones have no vector).
    var catalog = PolicyLoader.LoadAll(Path.Combine(AppContext.BaseDirectory, "policy-content"));
    var tuneArgs = args.SkipWhile(a => a != "--tune").Skip(1).TakeWhile(a => !a.StartsWith('-')).ToList();
    var french = tuneArgs.Remove("fr");
    var index = new PolicyIndex(catalog, new CachedEmbedder(MiniLmEmbedder.Shared), french ? ["en", "fr"] : null);
    index.WarmUp();
    var items = (tuneArgs.Count > 0 ? tuneArgs : ["dev", "dev2", "dev3"])
        .SelectMany(split => RefundBot.Knowledge.Tests.Evaluation.EvaluationSet.Load(split))
        .Where(i => i.Language == (french ? "fr" : "en")).ToList();
    var rows = new List<(string Setting, int Right, int Refused, int Wrong, double Score)>();
    foreach (var semantic in new[] { 0.55, 0.6, 0.65, 0.7, 0.75, 0.8 })
    foreach (var floor in new[] { 0.35, 0.4, 0.45, 0.5 })
    foreach (var withFloor in new[] { 0.3, 0.4, 0.5 })
    foreach (var withScore in new[] { 12.0, 20.0, double.MaxValue })
    {
        if (floor > semantic) continue;
        var thresholds = new CoverageThresholds(Semantic: semantic, SemanticFloor: floor, LexicalWithFloor: withFloor, ScoreWithFloor: withScore, FrenchSemantic: french);
        var results = RefundBot.Knowledge.Tests.Evaluation.EvaluationSet.Run(new ExtractiveAnswerer(index, thresholds), items);
        var right = results.Count(r => r.Item.Covered && r.Right);
        var refused = results.Count(r => !r.Item.Covered && r.Right);
        var wrong = results.Count(r => r.Answer.Answered && !(r.Item.Covered && r.RightSection));
        rows.Add(($"semantic {semantic} floor {floor} withFloor {withFloor} withScore {withScore}", right, refused, wrong, right - (2.0 * wrong)));
    }

    Console.WriteLine($"{items.Count} questions ({items.Count(i => i.Covered)} covered)");
    foreach (var row in rows.OrderByDescending(r => r.Score).Take(25))
    {
        Console.WriteLine($"{row.Setting}: covered right {row.Right}, refused {row.Refused}, wrong answers {row.Wrong}");
    }

    return;
}

if (args.Contains("--understanding"))
{
    // The understanding corpus, each split put to the real conversation: accuracy per kind and language (bench/README.md).
    var policies = PolicyLoader.LoadAll(Path.Combine(AppContext.BaseDirectory, "policy-content"));
    var splits = args.SkipWhile(a => a != "--understanding").Skip(1).TakeWhile(a => !a.StartsWith("--", StringComparison.Ordinal)).ToList();
    foreach (var split in splits.Count > 0 ? splits : ["dev", "dev2", "dev3", "dev4", "dev5", "test"])
    {
        var utterances = RefundBot.Dialogs.Tests.Understanding.CorpusUtterance.Load(
            Path.Combine(RefundBot.Dialogs.Tests.Understanding.CorpusUtterance.Folder, $"{split}.jsonl"));
        var watch = System.Diagnostics.Stopwatch.StartNew();
        var outcomes = await RefundBot.Dialogs.Tests.Understanding.UnderstandingReport.RunAsync(utterances, policies);
        Console.WriteLine(RefundBot.Dialogs.Tests.Understanding.UnderstandingReport.Format(split, outcomes));
        Console.WriteLine($"{split}: {outcomes.Count} utterances in {watch.Elapsed.TotalSeconds:0.0} s");
    }

    return;
}

if (args.Contains("--answer-startup"))
{
    // Start-up of the policy index in a fresh process: the lexical index (what a first question waits for), then the
    // model and the section vectors (built in the background; until then answers are lexical).
    var catalog = PolicyLoader.LoadAll(Path.Combine(AppContext.BaseDirectory, "policy-content"));
    var watch = System.Diagnostics.Stopwatch.StartNew();
    var lexical = new PolicyIndex(catalog);
    lexical.WarmUp();
    Console.WriteLine($"lexical index: {watch.Elapsed.TotalMilliseconds:0} ms");
    watch.Restart();
    var model = MiniLmEmbedder.Shared;
    _ = model.Embed(["warm"]);
    Console.WriteLine($"model load and first vector: {watch.Elapsed.TotalMilliseconds:0} ms");
    watch.Restart();
    // "--answer-startup <file>": the section vectors kept in that file between runs (run it twice to see a warm start).
    var cacheFile = args.SkipWhile(a => a != "--answer-startup").Skip(1).FirstOrDefault(a => !a.StartsWith('-'));
    var hybrid = new PolicyIndex(catalog, model, vectorCacheFile: cacheFile);
    hybrid.WarmUp();
    Console.WriteLine($"section vectors (English, {catalog.All.Sum(p => p.Texts.GetValueOrDefault("en")?.Sections.Count ?? 0)} sections): {watch.Elapsed.TotalMilliseconds:0} ms");
    var answerer = new ExtractiveAnswerer(hybrid);
    var times = new List<double>();
    foreach (var question in Enumerable.Repeat(new[] { "the technician came and set everything up, do i get that fee back?", "will I get an email when the refund goes through?", "who pays the return shipping for the router?" }, 10).SelectMany(q => q))
    {
        watch.Restart();
        _ = answerer.Answer("masecurite", "en", question);
        times.Add(watch.Elapsed.TotalMilliseconds);
    }

    times.Sort();
    Console.WriteLine($"English question turn with embeddings (30 answers): p50 {times[times.Count / 2]:0.0} ms, p90 {times[times.Count * 9 / 10]:0.0} ms");
    return;
}

if (args.Contains("--persisted-bytes"))
{
    await PersistedBytes.RunAsync(conversations: 200);
    return;
}

if (args.Contains("--many-cases"))
{
    // MANY_CASES overrides the case counts (comma-separated), e.g. MANY_CASES=1000,200000 (the default).
    var counts = (Environment.GetEnvironmentVariable("MANY_CASES") ?? "1000,200000").Split(',').Select(int.Parse).ToList();
    await ManyCases.RunAsync(counts, conversations: 250, rounds: 20);
    return;
}

BenchmarkSwitcher.FromAssembly(typeof(PolicyBenchmarks).Assembly).Run(args);

/// <summary>
/// The hot pure pieces, in process: a policy retrieval and a grounded answer (target: under 2 ms per question), and an
/// eligibility decision. Run: <c>dotnet run -c Release --project bench/RefundBot.Benchmarks -- --filter '*'</c>.
/// </summary>
[MemoryDiagnoser]
public class PolicyBenchmarks
{
    private PolicyIndex _index = null!;
    private ExtractiveAnswerer _answerer = null!;
    private Policy _masecurite = null!;
    private FactValues _facts = null!;

    [GlobalSetup]
    public void Setup()
    {
        var catalog = PolicyLoader.LoadAll(Path.Combine(AppContext.BaseDirectory, "policy-content"));
        _index = new PolicyIndex(catalog);
        _answerer = new ExtractiveAnswerer(_index);
        _masecurite = catalog.Get("masecurite");
        _facts = new FactValues(new Dictionary<string, object>
        {
            ["purchase_date"] = new DateOnly(2026, 3, 21), ["request_type"] = "refund", ["plan"] = "annual", ["amount_paid"] = 120m,
            ["installation_fee"] = 0m, ["days_used"] = 10m, ["hardware_received"] = false,
        });
    }

    [Benchmark]
    public int RetrieveEnglish() => _index.Search("masecurite", "en", "Who pays for shipping the router back?").Count;

    [Benchmark]
    public int RetrieveFrench() => _index.Search("smarters-pro", "fr", "Combien de temps pour être remboursé par carte ?").Count;

    [Benchmark]
    public bool AnswerEnglish() => _answerer.Answer("masecurite", "en", "Do you refund installation fees?").Answered;

    [Benchmark]
    public bool AnswerFrench() => _answerer.Answer("necxian", "fr", "Les articles en promotion sont-ils remboursables ?").Answered;

    [Benchmark]
    public decimal Decide() => EligibilityEngine.Decide(_masecurite, _facts, new DateTimeOffset(2026, 3, 31, 12, 0, 0, TimeSpan.FromHours(2))).Breakdown!.Refund;
}

/// <summary>
/// A policy question turn with embeddings (target: at most 15 ms p50): the question embedded by all-MiniLM-L6-v2,
/// compared with the policy's section and sentence vectors, combined with BM25 and the word share, answered and quoted.
/// Its own class, so that only it pays for embedding the policies in its setup.
/// </summary>
[MemoryDiagnoser]
public class HybridAnswerBenchmarks
{
    private ExtractiveAnswerer _answerer = null!;

    [GlobalSetup]
    public void Setup()
    {
        var index = new PolicyIndex(PolicyLoader.LoadAll(Path.Combine(AppContext.BaseDirectory, "policy-content")), MiniLmEmbedder.Shared);
        index.WarmUp();
        _answerer = new ExtractiveAnswerer(index);
    }

    [Benchmark]
    public bool AnswerEnglishHybrid() => _answerer.Answer("masecurite", "en", "the technician came and set everything up, do i get that fee back?").Answered;
}

/// <summary>
/// One date phrase resolved warm, in English and in French (target: at most 1 ms p50): Microsoft.Recognizers.Text's
/// DateTimeRecognizer and the purchase-date layer around it. Nothing is remembered between calls.
/// </summary>
[MemoryDiagnoser]
public class DateBenchmarks
{
    private static readonly PurchaseDateRecognizer Recognizer = new();
    private static readonly DateContext English = Context("en-US");
    private static readonly DateContext French = Context("fr-FR");

    [GlobalSetup]
    public void Setup() => PurchaseDateRecognizer.WarmUp();

    public static DateContext Context(string culture) => new(
        new DateTimeOffset(2026, 3, 20, 10, 0, 0, TimeSpan.FromHours(1)),
        TimeZoneInfo.FindSystemTimeZoneById("Europe/Paris"),
        CultureInfo.GetCultureInfo(culture));

    [Benchmark]
    public DateOnly? LastTuesday() => Recognizer.Recognize("I bought it last Tuesday", English).Date;

    [Benchmark]
    public DateOnly? FirstMessageEnglish() => Recognizer.Recognize("hi, NX-3001, bought on the 15th, it keeps crashing, I want my money back", English).Date;

    [Benchmark]
    public DateOnly? IlYATroisJours() => Recognizer.Recognize("je l'ai acheté il y a 3 jours", French).Date;

    [Benchmark]
    public DateOnly? DebutOctobre() => Recognizer.Recognize("début octobre", French).Date;

    [Benchmark]
    public DateOnly? NumericFrench() => Recognizer.Recognize("12/03/2026", French).Date;
}

/// <summary>
/// One number-and-unit answer read warm, in English and in French (target: at most 1 ms p50): the quantity recognizer
/// (durations, numbers in words, counts from a date) as a policy's hours or days question reads it. The recognizer
/// reuses its last reading of the same text at the same moment (a turn reads an answer for a limit, then for its
/// value), so each call is a minute later than the one before: every call reads the text again.
/// </summary>
[MemoryDiagnoser]
public class QuantityBenchmarks
{
    private static readonly QuantityRecognizer Recognizer = new(new PurchaseDateRecognizer());
    private static readonly DateContext EnglishAt = DateBenchmarks.Context("en-US");
    private static readonly DateContext FrenchAt = DateBenchmarks.Context("fr-FR");
    private int _minutes;

    private DateContext English => EnglishAt with { Now = EnglishAt.Now.AddMinutes(++_minutes % 600) };

    private DateContext French => FrenchAt with { Now = FrenchAt.Now.AddMinutes(++_minutes % 600) };

    [GlobalSetup]
    public void Setup() => QuantityRecognizer.WarmUp();

    [Benchmark]
    public decimal? AboutThreeDaysInHours() => Recognizer.Recognize("about three days", FactUnit.Hours, English)?.Value;

    [Benchmark]
    public decimal? SinceTheFifteenthInDays() => Recognizer.Recognize("since the 15th so about 2 weeks", FactUnit.Days, English)?.Value;

    [Benchmark]
    public decimal? DepuisTroisJoursEnHeures() => Recognizer.Recognize("depuis 3 jours au moins", FactUnit.Hours, French)?.Value;

    [Benchmark]
    public decimal? DeuxSemainesEnJours() => Recognizer.Recognize("deux semaines", FactUnit.Days, French)?.Value;
}
