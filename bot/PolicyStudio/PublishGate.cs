using RefundBot.Bot.ChatPage;
using RefundBot.Bot.Notifications;
using RefundBot.Eligibility.Model;

namespace RefundBot.Bot.PolicyStudio;

/// <summary>
/// Why a draft cannot be published yet, in words for the admin who asked: check errors, examples that fail (or none),
/// a draft started from a version no longer served, or a change to a file the bot reads only at start. Empty: it may
/// be published, by a person who asks for it.
/// </summary>
internal static class PublishGate
{
    /// <summary>Files the bot reads from its folder at start only (the brand, the e-mails): changed by a deployment, not from the console.</summary>
    public static readonly IReadOnlyList<string> StartOnlyFiles = [BrandLoader.BrandFile, NotificationTexts.FileName];

    public static IReadOnlyList<string> Refusals(PolicyDraft draft, Policy served, CheckView check, TestView test)
    {
        var refusals = new List<string>();
        if (draft.BaseHash != served.Version.Hash)
        {
            refusals.Add($"The published version changed since this draft was started (now {served.Version}): discard the draft and start again from it.");
        }

        if (check.Errors > 0)
        {
            refusals.Add($"Check finds {check.Errors} error(s): fix them first.");
        }

        refusals.AddRange(test.Problems);
        if (test.Failed > 0)
        {
            refusals.Add($"{test.Failed} example(s) fail: {string.Join(", ", test.Examples.Where(e => !e.Passed).Select(e => e.Name))}.");
        }

        var before = served.Source?.Files ?? new Dictionary<string, string>();
        foreach (var file in StartOnlyFiles.Where(f => before.GetValueOrDefault(f) != draft.Files.GetValueOrDefault(f)))
        {
            refusals.Add($"{file} changed: the bot reads it only at start, so change it in policy-content/ and deploy.");
        }

        return refusals;
    }
}
