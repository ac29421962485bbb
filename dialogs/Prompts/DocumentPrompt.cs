using RefundBot.Dialogs.Recognizers;
using RefundBot.Dialogs.Runtime;

namespace RefundBot.Dialogs.Prompts;

/// <summary>
/// Asks for a file (a receipt, a photo of the defect): answered by a message that carries a file the channel kept
/// (<see cref="ReceivedFiles"/>; the value is its SHA-256, the first one when there are several), or by "later" /
/// "plus tard" (the value <see cref="Later"/>). Words alone never stand for the file: "yes I have it" is asked again.
/// </summary>
internal sealed class DocumentPrompt(string id) : Prompt<string>(id)
{
    /// <summary>The answer of a customer who will send the file later.</summary>
    public const string Later = "later";

    /// <summary>The result the prompt ends with when the policy's window closed and no file came (<see cref="Refund.DocumentDeadline"/>).</summary>
    public const string Deadline = "deadline";

    private static readonly string[] LaterWords =
    [
        "later", "not now", "not yet", "another time", "i don't have it", "i dont have it", "i do not have it", "don't have it",
        "plus tard", "pas maintenant", "pas encore", "je ne l'ai pas", "je ne l ai pas", "je l'ai pas", "je l ai pas",
    ];

    protected override Recognized<string> Recognize(TurnContext turn, string text, PromptOptions options)
    {
        if (ReceivedFiles.Of(turn.Activity).FirstOrDefault(f => f.IsStored) is { Sha256: { } sha256 })
        {
            return Recognized<string>.Success(sha256);
        }

        var simplified = $" {TextNormalizer.Simplify(text)} ";
        return LaterWords.Any(w => simplified.Contains($" {TextNormalizer.Simplify(w)} ", StringComparison.Ordinal))
            ? Recognized<string>.Success(Later)
            : Recognized<string>.Failure();
    }
}
