namespace RefundBot.Dialogs.Recognizers;

/// <summary>Finds a calendar day in what a customer typed ("2026-03-12", "12/03/2026", "yesterday").</summary>
public interface IDateRecognizer
{
    DateRecognition Recognize(string text, DateContext context);
}
