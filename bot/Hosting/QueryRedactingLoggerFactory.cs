using System.Collections;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace RefundBot.Bot.Hosting;

/// <summary>
/// Wraps the host's logger factory so that ASP.NET Core's own log lines (categories <c>Microsoft.AspNetCore.*</c>) never
/// carry a query string's values: Hosting's "Request starting/finished ... {Path}{QueryString}" lines would otherwise
/// print the Direct Line stream token (<c>/stream?t=...</c>) whenever that category logs at Information or below. The
/// parameter names stay (<c>?t=[redacted]</c>) so a request can still be recognised. Done at the factory rather than by
/// a filter, so it holds whatever level an operator configures and for every provider (console, OpenTelemetry, ...).
/// </summary>
internal sealed class QueryRedactingLoggerFactory(ILoggerFactory inner) : ILoggerFactory
{
    private const string RedactedCategories = "Microsoft.AspNetCore";

    /// <summary>Puts the wrapper around whatever logger factory the host registered.</summary>
    public static void Register(IServiceCollection services)
    {
        var registered = services.Last(d => d.ServiceType == typeof(ILoggerFactory));
        services.Replace(ServiceDescriptor.Singleton<ILoggerFactory>(sp => new QueryRedactingLoggerFactory(Create(sp, registered))));
    }

    public ILogger CreateLogger(string categoryName)
    {
        var logger = inner.CreateLogger(categoryName);
        return categoryName.StartsWith(RedactedCategories, StringComparison.Ordinal) ? new QueryRedactingLogger(logger) : logger;
    }

    public void AddProvider(ILoggerProvider provider) => inner.AddProvider(provider);

    public void Dispose() => inner.Dispose();

    private static ILoggerFactory Create(IServiceProvider services, ServiceDescriptor registered) => registered switch
    {
        { ImplementationInstance: ILoggerFactory instance } => instance,
        { ImplementationFactory: { } factory } => (ILoggerFactory)factory(services),
        { ImplementationType: var type } when type == typeof(LoggerFactory) => new LoggerFactory(
            services.GetServices<ILoggerProvider>(), services.GetRequiredService<IOptionsMonitor<LoggerFilterOptions>>(),
            services.GetService<IOptions<LoggerFactoryOptions>>(), services.GetService<IExternalScopeProvider>()),
        _ => (ILoggerFactory)ActivatorUtilities.CreateInstance(services, registered.ImplementationType!),
    };

    /// <summary>"?t=abc&amp;watermark=3" → "?t=[redacted]&amp;watermark=[redacted]".</summary>
    internal static string Redact(string query) =>
        "?" + string.Join('&', query.TrimStart('?').Split('&').Select(pair => pair.Split('=', 2)[0] + "=[redacted]"));

    private sealed class QueryRedactingLogger(ILogger inner) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => inner.BeginScope(state);

        public bool IsEnabled(LogLevel logLevel) => inner.IsEnabled(logLevel);

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (state is not IReadOnlyList<KeyValuePair<string, object?>> values || QueryOf(values) is not { } query)
            {
                inner.Log(logLevel, eventId, state, exception, formatter);
                return;
            }

            var redacted = Redact(query);
            var message = formatter(state, exception).Replace(query, redacted, StringComparison.Ordinal);
            inner.Log(logLevel, eventId, new RedactedState(values, query, redacted, message), exception, (s, _) => s.ToString());
        }

        private static string? QueryOf(IReadOnlyList<KeyValuePair<string, object?>> values)
        {
            foreach (var (_, value) in values)
            {
                var text = value switch
                {
                    QueryString queryString => queryString.Value,
                    string s when s.StartsWith('?') => s,
                    _ => null,
                };
                if (text is { Length: > 1 })
                {
                    return text;
                }
            }

            return null;
        }
    }

    /// <summary>The original structured values with the query string's values redacted, and the redacted message.</summary>
    private sealed class RedactedState(IReadOnlyList<KeyValuePair<string, object?>> values, string query, string redacted, string message)
        : IReadOnlyList<KeyValuePair<string, object?>>
    {
        public int Count => values.Count;

        public KeyValuePair<string, object?> this[int index] => values[index] switch
        {
            { Value: QueryString or string } pair when pair.Value.ToString() == query => new(pair.Key, redacted),
            var pair => pair,
        };

        public IEnumerator<KeyValuePair<string, object?>> GetEnumerator()
        {
            for (var i = 0; i < Count; i++)
            {
                yield return this[i];
            }
        }

        IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

        public override string ToString() => message;
    }
}
