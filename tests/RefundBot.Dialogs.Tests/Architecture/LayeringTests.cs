using System.Text.RegularExpressions;
using NetArchTest.Rules;
using RefundBot.Dialogs.Runtime;

namespace RefundBot.Dialogs.Tests.Architecture;

/// <summary>
/// Dependencies inside dialogs/ go one way, as dialogs/README.md ("Layout") draws them: each folder may use only the
/// folders listed beside it, and nothing uses the composition root (the root namespace's services and upgrades).
/// </summary>
public sealed class LayeringTests
{
    private const string Root = "RefundBot.Dialogs";

    /// <summary>Each folder and the folders it may use; a folder not listed (or unlisted use) is a wrong-way reference.</summary>
    public static TheoryData<string, string[]> Layers => new()
    {
        { "Recognizers", [] },
        { "Runtime", [] },
        { "Prompts", ["Runtime", "Recognizers"] },
        { "Cases", ["Runtime"] },
        { "Contact", ["Runtime", "Recognizers", "Cases"] },
        { "Feedback", ["Runtime", "Recognizers", "Cases", "Contact"] },
        { "Payments", ["Runtime", "Cases"] },
        { "Handoff", ["Runtime", "Prompts", "Recognizers", "Cases", "Contact", "Feedback", "Payments"] },
        { "Privacy", ["Runtime", "Prompts", "Recognizers", "Cases", "Contact", "Handoff"] },
        { "Refund", ["Runtime", "Prompts", "Recognizers", "Cases", "Contact", "Feedback", "Handoff", "Payments"] },
    };

    private static readonly string[] CompositionRoot = [$"{Root}.RefundConversationServices", $"{Root}.IndexedPropertiesUpgrade"];

    /// <summary>The folder's namespace and those under it ("Refund" is not "RefundConversationServices").</summary>
    private static string InFolder(string folder) => $@"^{Regex.Escape($"{Root}.{folder}")}(\.|$)";

    [Theory]
    [MemberData(nameof(Layers))]
    public void A_folder_uses_only_the_folders_below_it(string folder, string[] mayUse)
    {
        var forbidden = Layers.Select(row => (string)row[0])
            .Where(other => other != folder && !mayUse.Contains(other))
            .Select(other => $"{Root}.{other}")
            .Concat(CompositionRoot)
            .ToArray();

        var result = Types.InAssembly(typeof(ConversationState).Assembly)
            .That().ResideInNamespaceMatching(InFolder(folder))
            .ShouldNot().HaveDependencyOnAny(forbidden)
            .GetResult();

        Assert.True(result.IsSuccessful,
            $"{folder} may use only [{string.Join(", ", mayUse)}], but these types reach further: {string.Join(", ", result.FailingTypeNames ?? [])}");
    }

    [Fact]
    public void Every_folder_of_dialogs_has_its_place_in_the_layout()
    {
        var known = Layers.Select(row => $"{Root}.{row[0]}").ToArray();
        var namespaces = typeof(ConversationState).Assembly.GetTypes()
            .Select(t => t.Namespace)
            .Where(ns => ns is not null && ns != Root && ns.StartsWith(Root + ".", StringComparison.Ordinal))
            .Distinct();

        Assert.All(namespaces, ns => Assert.Contains(known, k => ns == k || ns!.StartsWith(k + ".", StringComparison.Ordinal)));
    }

    [Fact]
    public void Recognizers_do_no_io_and_hold_no_state_store()
    {
        var result = Types.InAssembly(typeof(ConversationState).Assembly)
            .That().ResideInNamespaceMatching(InFolder("Recognizers"))
            .ShouldNot().HaveDependencyOnAny("System.Net", "System.IO.File", "System.IO.Directory", "Microsoft.Extensions.Logging", "System.Threading.Tasks")
            .GetResult();

        Assert.True(result.IsSuccessful, $"recognizers that reach out: {string.Join(", ", result.FailingTypeNames ?? [])}");
    }
}
