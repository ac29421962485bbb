namespace RefundBot.Dialogs.Runtime.Dialogs;

/// <summary>
/// The versions that dialog instances saved before versions existed were started under: each waterfall's step count
/// when versions were introduced (data, never to be changed: a waterfall whose steps change later no longer matches,
/// so its old instances restart). Any other dialog's saved state did not depend on more than its id.
/// </summary>
internal static class UnversionedDialogs
{
    private static readonly Dictionary<string, string> Versions = new(StringComparer.Ordinal)
    {
        ["refundIntake"] = "refundIntake:7",
    };

    public static string VersionOf(string dialogId, Dialog current) =>
        Versions.TryGetValue(dialogId, out var version) ? version : current is WaterfallDialog ? $"{dialogId}:?" : current.Version;
}
