using Microsoft.Recognizers.Text;
using DateTimeModel = Microsoft.Recognizers.Text.DateTime.DateTimeModel;
using DateTimeRecognizer = Microsoft.Recognizers.Text.DateTime.DateTimeRecognizer;
using NumberWithUnitRecognizer = Microsoft.Recognizers.Text.NumberWithUnit.NumberWithUnitRecognizer;
using TextNumberRecognizer = Microsoft.Recognizers.Text.Number.NumberRecognizer;

namespace RefundBot.Dialogs.Recognizers;

/// <summary>
/// Microsoft.Recognizers.Text's models for English and French, built once per process and shared by the date and the
/// quantity recognizers: a model compiles its expressions on first use (seconds for all of them), so one shared set
/// is warmed up once (<see cref="QuantityRecognizer.WarmUp"/>, <see cref="PurchaseDateRecognizer.WarmUp"/>).
/// The models are safe to use from several threads.
/// </summary>
internal static class RecognizerModels
{
    private static readonly Lazy<DateTimeModel> EnglishDates = new(() => new DateTimeRecognizer(Culture.English).GetDateTimeModel());
    private static readonly Lazy<DateTimeModel> FrenchDates = new(() => new DateTimeRecognizer(Culture.French).GetDateTimeModel());
    private static readonly Lazy<IModel> EnglishNumbers = new(() => new TextNumberRecognizer(Culture.English).GetNumberModel());
    private static readonly Lazy<IModel> FrenchNumbers = new(() => new TextNumberRecognizer(Culture.French).GetNumberModel());
    private static readonly Lazy<IModel> EnglishCurrency = new(() => new NumberWithUnitRecognizer(Culture.English).GetCurrencyModel());
    private static readonly Lazy<IModel> FrenchCurrency = new(() => new NumberWithUnitRecognizer(Culture.French).GetCurrencyModel());

    /// <param name="language">"en" or "fr".</param>
    public static DateTimeModel Dates(string language) => (language == "fr" ? FrenchDates : EnglishDates).Value;

    /// <param name="language">"en" or "fr".</param>
    public static IModel Numbers(string language) => (language == "fr" ? FrenchNumbers : EnglishNumbers).Value;

    /// <param name="language">"en" or "fr".</param>
    public static IModel Currency(string language) => (language == "fr" ? FrenchCurrency : EnglishCurrency).Value;
}
