using Microsoft.Extensions.Options;
using Npgsql;
using RefundBot.Bot.Channels.BotConnector;
using RefundBot.Bot.Outbox;
using RefundBot.Bot.Storage;
using RefundBot.Dialogs.Privacy;
using RefundBot.Dialogs.Refund;

namespace RefundBot.Bot.Attachments;

/// <summary>Registers the attachment store that Attachments:Provider names, the scanner, the intake and the channels' downloads.</summary>
public static class AttachmentSetup
{
    public static IServiceCollection AddAttachments(this IServiceCollection services)
    {
        services.AddOptions<AttachmentOptions>().BindConfiguration(AttachmentOptions.Section)
            .Validate(o => o.MaxBytes > 0, "Attachments:MaxBytes must be above zero.")
            .Validate(o => !o.Provider.Equals("S3", StringComparison.OrdinalIgnoreCase) || o.S3.IsComplete,
                "Attachments:Provider S3 needs Attachments:S3:Endpoint (an http or https URL), Bucket, AccessKey and SecretKey.")
            .ValidateOnStart();
        services.AddOptions<RefundBotOptions>().PostConfigure<IOptions<AttachmentOptions>>((bot, files) => bot.MaxFileBytes = files.Value.MaxBytes);
        services.AddSingleton<IAttachmentStore>(sp =>
        {
            var options = sp.GetRequiredService<IOptions<AttachmentOptions>>().Value;
            var storage = sp.GetRequiredService<IOptions<StorageOptions>>().Value;
            var provider = options.Provider.Length > 0 ? options.Provider : storage.IsPostgreSql ? "PostgreSql" : "LocalFolder";
            return provider.ToLowerInvariant() switch
            {
                "localfolder" => new LocalFolderAttachmentStore(
                    Path.Combine(sp.GetRequiredService<IHostEnvironment>().ContentRootPath, options.LocalFolder)),
                "postgresql" => PostgreSql(sp.GetRequiredService<NpgsqlDataSource>()),
                "s3" => new S3AttachmentStore(S3AttachmentStore.Client(options.S3), options.S3.Bucket),
                var other => throw new InvalidOperationException($"Unknown Attachments:Provider '{other}'. Use LocalFolder, PostgreSql or S3."),
            };
        });
        services.AddSingleton<IFileScanner>(sp =>
        {
            var options = sp.GetRequiredService<IOptions<AttachmentOptions>>().Value;
            return string.IsNullOrWhiteSpace(options.ClamAv)
                ? new NoFileScanner()
                : new ClamAvScanner(options.ClamAv, options.ScanTimeout, sp.GetRequiredService<ILogger<ClamAvScanner>>());
        });
        services.AddSingleton<AttachmentIntake>();
        services.AddSingleton<AttachmentThumbnails>();
        services.AddSingleton<IChannelDataEraser, AttachmentEraser>();
        services.AddSingleton<ChannelAttachmentReceiver>();
        services.AddHttpClient(ChannelAttachmentReceiver.ConnectorClient)
            .ConfigurePrimaryHttpMessageHandler(sp => ServiceUrlConnections.Handler(
                sp.GetRequiredService<ServiceUrlPolicy>(), sp.GetRequiredService<IOptions<OutboxOptions>>().Value.ConnectTimeout))
            .AddHttpMessageHandler<ConnectorAuthenticationHandler>();
        services.AddHttpClient(ChannelAttachmentReceiver.LinkClient)
            .ConfigurePrimaryHttpMessageHandler(sp => ServiceUrlConnections.Handler(
                sp.GetRequiredService<ServiceUrlPolicy>(), sp.GetRequiredService<IOptions<OutboxOptions>>().Value.ConnectTimeout));
        return services;
    }

    private static PostgresAttachmentStore PostgreSql(NpgsqlDataSource dataSource)
    {
        PostgresAttachmentStore.MigrateAsync(dataSource).GetAwaiter().GetResult(); // the table exists before the first upload
        return new PostgresAttachmentStore(dataSource);
    }
}
