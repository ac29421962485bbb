// Exposes chrono-node to the bot's V8 engines as one global function. Dates are read from chrono's known/implied
// components (year, month, day as seen in the customer's time zone), never through toISOString().
import * as chrono from 'chrono-node';

globalThis.parseDates = function (text, language, year, month, day, hour, minute, offsetMinutes) {
  const instant = new Date(Date.UTC(year, month - 1, day, hour, minute) - offsetMinutes * 60000);
  const parser = language === 'fr' ? chrono.fr : chrono.en;
  const results = parser.parse(text, { instant, timezone: offsetMinutes }, { forwardDate: false });
  return JSON.stringify(results.map(r => ({
    index: r.index,
    text: r.text,
    known: r.start.knownValues,
    implied: r.start.impliedValues
  })));
};
