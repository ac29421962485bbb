using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.Extensions.Options;
using RefundBot.Dialogs.Runtime.Storage;
using StackExchange.Redis;

namespace RefundBot.Bot.ScaleOut;

/// <summary>
/// What lets several instances serve as one: Data Protection keys in the shared store (sign-in cookies valid on every
/// instance) and, when ConnectionStrings:Redis is set, the SignalR Redis backplane, so an agent connected to one
/// instance hears about queues and transcripts changed on another.
/// </summary>
public static class ScaleOutSetup
{
    public const string RedisConnectionName = "Redis";

    public static IServiceCollection AddScaleOut(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddDataProtection().SetApplicationName("RefundBot");
        services.AddSingleton<IConfigureOptions<KeyManagementOptions>>(sp => new ConfigureOptions<KeyManagementOptions>(
            options => options.XmlRepository = new DocumentStoreXmlRepository(sp.GetRequiredService<IDocumentStore>())));

        var signalR = services.AddSignalR();
        if (configuration.GetConnectionString(RedisConnectionName) is { Length: > 0 } redis)
        {
            signalR.AddStackExchangeRedis(redis, options => options.Configuration.ChannelPrefix = RedisChannel.Literal("RefundBot"));
        }

        return services;
    }
}
