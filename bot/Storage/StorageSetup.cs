using Microsoft.Extensions.Options;
using Npgsql;
using RefundBot.Bot.Channels.DirectLine;
using RefundBot.Bot.ScaleOut;
using RefundBot.Dialogs.Runtime.Storage;

namespace RefundBot.Bot.Storage;

/// <summary>Registers the store that Storage:Provider names and, on PostgreSQL, the Direct Line backplane between instances.</summary>
public static class StorageSetup
{
    public static IServiceCollection AddStorage(this IServiceCollection services)
    {
        services.AddSingleton(sp =>
        {
            var options = sp.GetRequiredService<IOptions<StorageOptions>>().Value;
            var dataSource = new NpgsqlDataSourceBuilder(options.PostgreSql
                ?? throw new InvalidOperationException("Storage:Provider is PostgreSql but Storage:PostgreSql (the connection string) is not set.")).Build();
            // The schema is created or brought up to date before the first request.
            PostgresDocumentStore.MigrateAsync(dataSource).GetAwaiter().GetResult();
            return dataSource;
        });
        services.AddSingleton<IDocumentStore>(sp =>
        {
            var options = sp.GetRequiredService<IOptions<StorageOptions>>().Value;
            return options.Provider.ToLowerInvariant() switch
            {
                "litedb" => new LiteDbDocumentStore(
                    Path.Combine(sp.GetRequiredService<IHostEnvironment>().ContentRootPath, options.LiteDbPath)),
                "postgresql" => new PostgresDocumentStore(sp.GetRequiredService<NpgsqlDataSource>()),
                "memory" => new MemoryDocumentStore(),
                var other => throw new InvalidOperationException($"Unknown Storage:Provider '{other}'. Use LiteDb, PostgreSql or Memory."),
            };
        });

        services.AddSingleton(sp => new PostgresDirectLineBackplane(sp.GetRequiredService<NpgsqlDataSource>()));
        services.AddSingleton<IDirectLineBackplane>(sp => IsPostgreSql(sp)
            ? sp.GetRequiredService<PostgresDirectLineBackplane>()
            : new SingleInstanceBackplane());
        services.AddHostedService<BackgroundService>(sp => IsPostgreSql(sp)
            ? ActivatorUtilities.CreateInstance<PostgresDirectLineListener>(sp)
            : new NothingToListenTo());
        return services;
    }

    private static bool IsPostgreSql(IServiceProvider services) =>
        services.GetRequiredService<IOptions<StorageOptions>>().Value.IsPostgreSql;

    private sealed class NothingToListenTo : BackgroundService
    {
        protected override Task ExecuteAsync(CancellationToken stoppingToken) => Task.CompletedTask;
    }
}
