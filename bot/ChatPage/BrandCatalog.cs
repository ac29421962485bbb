namespace RefundBot.Bot.ChatPage;

/// <summary>Every policy's brand, by policy id, loaded and validated at start (<see cref="BrandLoader"/>).</summary>
public sealed class BrandCatalog(IReadOnlyDictionary<string, LoadedBrand> brands)
{
    public LoadedBrand Get(string policyId) => brands[policyId];
}

/// <summary>A brand with the full path of its logo file, if it has one.</summary>
public sealed record LoadedBrand(Brand Brand, string? LogoPath);
