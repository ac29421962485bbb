namespace RefundBot.Bot.Cases;

/// <summary>The cases API's parts: its keys (from configuration) and the receipts.</summary>
public static class CasesSetup
{
    public static IServiceCollection AddCasesApi(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<CasesApiOptions>(configuration.GetSection(CasesApiOptions.Section));
        services.AddSingleton<CaseApiKeys>();
        services.AddSingleton<CaseReceipts>();
        return services;
    }
}
