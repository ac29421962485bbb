using System.Xml.Linq;
using Microsoft.AspNetCore.DataProtection.Repositories;
using RefundBot.Dialogs.Runtime.Storage;

namespace RefundBot.Bot.ScaleOut;

/// <summary>
/// ASP.NET Core Data Protection's key ring kept in the bot's own store (<c>dataprotection/{name}</c>): every instance
/// on one database reads the same keys, so an agent's sign-in cookie issued by one instance is accepted by the others
/// (and survives a restart). Unless DataProtection:CertificatePath encrypts them (<see cref="KeyProtectionOptions"/>),
/// the keys are as sensitive as the database that holds them.
/// </summary>
public sealed class DocumentStoreXmlRepository(IDocumentStore store) : IXmlRepository
{
    private const string Prefix = "dataprotection/";

    // Data Protection calls these synchronously, once at start-up and when a key is created (every 90 days).
    public IReadOnlyCollection<XElement> GetAllElements() =>
        store.ListAsync(Prefix).GetAwaiter().GetResult().Select(d => XElement.Parse(System.Text.Json.JsonSerializer.Deserialize<string>(d.Json)!)).ToList();

    public void StoreElement(XElement element, string friendlyName) =>
        store.WriteAsync(Prefix + friendlyName, System.Text.Json.JsonSerializer.Serialize(element.ToString(SaveOptions.DisableFormatting)), ETags.Any)
            .GetAwaiter().GetResult();
}
