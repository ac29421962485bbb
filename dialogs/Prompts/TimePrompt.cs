using System.Globalization;
using RefundBot.Dialogs.Recognizers;
using RefundBot.Dialogs.Runtime;

namespace RefundBot.Dialogs.Prompts;

/// <summary>A time of day, as "HH:mm".</summary>
internal sealed class TimePrompt(string id) : Prompt<string>(id)
{
    protected override Recognized<string> Recognize(TurnContext turn, string text, PromptOptions options) =>
        TimeRecognizer.Find(text) is { } time
            ? Recognized<string>.Success(time.ToString("HH:mm", CultureInfo.InvariantCulture))
            : Recognized<string>.Failure();
}
