using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Mvc.Testing;
using RefundBot.Bot.AgentDesk;

namespace RefundBot.Bot.Tests.ScaleOut;

/// <summary>
/// Two instances on one PostgreSQL database: a draft saved on one is the draft the other shows, and a version published
/// on one is served by the other within its poll (<c>PolicyStudio:PollSeconds</c>), with no restart.
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class PolicyPublishAcrossInstancesTests(LocalPostgres postgres) : IAsyncLifetime
{
    private BotUnderTest _a = null!;
    private BotUnderTest _b = null!;

    public async Task InitializeAsync()
    {
        var database = await postgres.CreateDatabaseAsync();
        _a = Instance(database);
        _b = Instance(database);
        _a.CreateClient().Dispose();
        _b.CreateClient().Dispose();
    }

    public async Task DisposeAsync()
    {
        await _a.DisposeAsync();
        await _b.DisposeAsync();
    }

    [Fact]
    public async Task A_version_published_on_one_instance_is_served_by_the_other()
    {
        var onA = await AdminAsync(_a);
        var onB = await AdminAsync(_b);
        var before = await VersionAsync(_b);
        var files = (await onA.GetFromJsonAsync<JsonElement>("/admin/api/studio/masecurite")).GetProperty("files")
            .EnumerateObject().ToDictionary(f => f.Name, f => f.Value.GetString()!);
        files["policy.yaml"] = files["policy.yaml"].Replace("so a member of our team will look at yours.", "so one of our advisers will look at yours.", StringComparison.Ordinal);
        var saved = await onA.PutAsJsonAsync("/admin/api/studio/masecurite/draft", new { eTag = (string?)null, files });
        var etag = (await saved.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("eTag").GetString();

        var draftOnB = await onB.GetFromJsonAsync<JsonElement>("/admin/api/studio/masecurite");
        var published = await onB.PostAsJsonAsync("/admin/api/studio/masecurite/publish", new { eTag = etag });
        var version = (await published.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("version").GetString();
        var servedByA = before;
        for (var i = 0; i < 50 && servedByA != version; i++)
        {
            await Task.Delay(200);
            servedByA = await VersionAsync(_a);
        }

        Assert.Equal((true, etag), (draftOnB.GetProperty("saved").GetBoolean(), draftOnB.GetProperty("eTag").GetString()));
        Assert.Equal(HttpStatusCode.OK, published.StatusCode);
        Assert.NotEqual(before, version);
        Assert.Equal(version, await VersionAsync(_b));
        Assert.Equal(version, servedByA);
    }

    private static BotUnderTest Instance(string database) => new(new Dictionary<string, string?>
    {
        ["Storage:Provider"] = "PostgreSql",
        ["Storage:PostgreSql"] = database,
        ["PolicyStudio:PollSeconds"] = "1",
        ["AgentDesk:Agents:0:Id"] = "olivia",
        ["AgentDesk:Agents:0:DisplayName"] = "Olivia",
        ["AgentDesk:Agents:0:PasswordHash"] = AgentAccounts.HashPassword("olivia-secret"),
        ["AgentDesk:Agents:0:Roles:0"] = "RefundBot.Admin",
    });

    private static async Task<HttpClient> AdminAsync(BotUnderTest instance)
    {
        var http = instance.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });
        Assert.Equal(HttpStatusCode.NoContent, (await http.PostAsJsonAsync("/agent/api/login", new { username = "olivia", password = "olivia-secret" })).StatusCode);
        var token = await http.GetFromJsonAsync<JsonElement>("/admin/api/studio/token");
        http.DefaultRequestHeaders.Add("X-CSRF-TOKEN", token.GetProperty("token").GetString());
        return http;
    }

    private static async Task<string> VersionAsync(BotUnderTest instance)
    {
        var policies = await instance.CreateClient().GetFromJsonAsync<JsonElement>("/api/policies");
        return policies.EnumerateArray().Single(p => p.GetProperty("id").GetString() == "masecurite").GetProperty("version").GetString()!;
    }
}
