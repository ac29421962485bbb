using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using RefundBot.Bot.AgentDesk;

namespace RefundBot.Bot.Tests.Attachments;

/// <summary>
/// Files through Direct Line's upload, as Web Chat (DirectLineJS) posts them: kept and acknowledged, refused politely
/// in the customer's language with nothing stored, opened by a signed-in agent as a download only, erased with the
/// conversation.
/// </summary>
public sealed class DirectLineUploadTests : IAsyncLifetime
{
    private const string PrivacyKey = "privacy-key-for-tests";
    private const int Limit = 4096;
    private readonly TempDirectory _temp = new();
    private BotUnderTest _bot = null!;
    private DirectLineClient _client = null!;

    public Task InitializeAsync()
    {
        _bot = new BotUnderTest(new Dictionary<string, string?>
        {
            ["Storage:Provider"] = "Memory",
            ["DirectLine:Secret"] = DirectLineClient.Secret,
            ["Attachments:LocalFolder"] = _temp.File("files"),
            ["Attachments:MaxBytes"] = Limit.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Privacy:ApiKey"] = PrivacyKey,
            ["AgentDesk:Agents:0:Id"] = "alice",
            ["AgentDesk:Agents:0:DisplayName"] = "Alice",
            ["AgentDesk:Agents:0:PasswordHash"] = AgentAccounts.HashPassword("alice-secret"),
        });
        _client = new DirectLineClient(_bot.CreateClient());
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        await _bot.DisposeAsync();
        _temp.Dispose();
    }

    [Fact]
    public async Task A_receipt_sent_as_web_chat_sends_it_is_kept_acknowledged_and_downloaded_by_an_agent_as_an_attachment()
    {
        var (conversation, token) = await StartAsync();
        var receipt = TestFiles.Pdf();

        var upload = await UploadAsync(conversation, token, "here is my receipt", "en-US", ("receipt.pdf", "application/pdf", receipt));

        Assert.Equal(HttpStatusCode.OK, upload.StatusCode);
        Assert.NotEmpty((await upload.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString()!);
        var replies = await BotRepliesAsync(conversation, token, after: 1);
        Assert.Contains(replies, r => r.StartsWith("Thanks, I have received **receipt\\.pdf** (" + receipt.Length + " B).", StringComparison.Ordinal));

        var agent = await SignInAsync();
        var files = await agent.GetFromJsonAsync<JsonElement>($"/agent/api/files?conversation=directline/conversations/{conversation}");
        var file = Assert.Single(files.EnumerateArray());
        Assert.Equal(("receipt.pdf", "application/pdf"), (file.GetProperty("name").GetString(), file.GetProperty("mediaType").GetString()));

        var download = await agent.GetAsync($"/agent/api/files/{file.GetProperty("sha256").GetString()}?conversation=directline/conversations/{conversation}");
        Assert.Equal(receipt, await download.Content.ReadAsByteArrayAsync());
        Assert.Equal("attachment", download.Content.Headers.ContentDisposition?.DispositionType);
        Assert.Equal("nosniff", download.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.Equal("application/pdf", download.Content.Headers.ContentType?.MediaType);
    }

    /// <summary>Issue 23, step 3: the file a case's document fact rests on says so on the desk, with where its check stands.</summary>
    [Fact]
    public async Task A_file_sent_as_a_cases_proof_of_purchase_is_shown_linked_to_that_case_and_its_check()
    {
        var (conversation, token) = await StartAsync();
        var receipt = TestFiles.Pdf();
        await UploadAsync(conversation, token, "", "en-US", ("receipt.pdf", "application/pdf", receipt));
        await BotRepliesAsync(conversation, token, after: 1);
        var key = $"directline/conversations/{conversation}";
        var cases = _bot.Services.GetRequiredService<RefundBot.Dialogs.Cases.CaseStore>();
        await cases.SaveAsync(new RefundBot.Dialogs.Cases.RefundCase
        {
            Id = "RB-LINKED01", ConversationKey = key, CreatedAt = DateTimeOffset.UtcNow, RequestedAt = DateTimeOffset.UtcNow, Language = "en",
            OrderId = "SD-9079", PurchaseDate = new DateOnly(2026, 3, 18), Reason = "it does not work", ReasonCategory = "technical_problem",
            Status = RefundBot.Dialogs.Cases.CaseStatus.AwaitingVerification, PolicyId = "seven-day-services",
            Facts = new Dictionary<string, string> { ["proof_of_purchase"] = "received:" + Sha(receipt), ["amount_paid"] = "79" },
        });

        var agent = await SignInAsync();
        var file = Assert.Single((await agent.GetFromJsonAsync<JsonElement>($"/agent/api/files?conversation={key}")).EnumerateArray());

        var link = file.GetProperty("document");
        Assert.Equal(("RB-LINKED01", "proof_of_purchase", "Proof of purchase", "received"),
            (link.GetProperty("caseId").GetString(), link.GetProperty("factId").GetString(), link.GetProperty("label").GetString(), link.GetProperty("status").GetString()));
    }

    [Fact]
    public async Task A_photo_has_a_thumbnail_on_the_desk_a_small_jpeg_served_as_an_image_only_to_signed_in_agents()
    {
        var (conversation, token) = await StartAsync();
        var photo = TestImages.Png(400, 300);
        Assert.True(photo.Length < Limit, $"{photo.Length} bytes");
        await UploadAsync(conversation, token, null, "en-US", ("screen.png", "image/png", photo));
        await BotRepliesAsync(conversation, token, after: 1);
        var key = $"directline/conversations/{conversation}";
        var agent = await SignInAsync();

        var file = Assert.Single((await agent.GetFromJsonAsync<JsonElement>($"/agent/api/files?conversation={key}")).EnumerateArray());
        Assert.True(file.GetProperty("thumbnail").GetBoolean());
        var thumbnail = await agent.GetAsync($"/agent/api/files/{Sha(photo)}/thumbnail?conversation={key}");

        Assert.Equal(HttpStatusCode.OK, thumbnail.StatusCode);
        Assert.Equal("image/jpeg", thumbnail.Content.Headers.ContentType?.MediaType);
        Assert.Equal("nosniff", thumbnail.Headers.GetValues("X-Content-Type-Options").Single());
        var bytes = await thumbnail.Content.ReadAsByteArrayAsync();
        Assert.Equal("image/jpeg", RefundBot.Bot.Attachments.FileSniffer.MediaType(bytes));
        using (var decoded = TestImages.Decode(bytes))
        {
            Assert.Equal((240, 180), (decoded.Width, decoded.Height));
        }

        var anonymous = _bot.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        Assert.NotEqual(HttpStatusCode.OK, (await anonymous.GetAsync($"/agent/api/files/{Sha(photo)}/thumbnail?conversation={key}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await agent.GetAsync($"/agent/api/files/{Sha(photo)}/thumbnail?conversation=directline/conversations/another")).StatusCode);
    }

    [Theory]
    [InlineData("photo.heic", "image/heic")]
    [InlineData("receipt.pdf", "application/pdf")]
    public async Task A_heic_photo_or_a_pdf_has_no_thumbnail(string name, string type)
    {
        var (conversation, token) = await StartAsync();
        var content = type == "image/heic" ? TestFiles.Heic() : TestFiles.Pdf();
        await UploadAsync(conversation, token, null, "en-US", (name, type, content));
        await BotRepliesAsync(conversation, token, after: 1);
        var key = $"directline/conversations/{conversation}";
        var agent = await SignInAsync();

        var file = Assert.Single((await agent.GetFromJsonAsync<JsonElement>($"/agent/api/files?conversation={key}")).EnumerateArray());

        Assert.False(file.GetProperty("thumbnail").GetBoolean());
        Assert.Equal(HttpStatusCode.NotFound, (await agent.GetAsync($"/agent/api/files/{Sha(content)}/thumbnail?conversation={key}")).StatusCode);
    }

    [Fact]
    public async Task Nobody_signed_out_lists_or_downloads_a_conversations_files()
    {
        var (conversation, token) = await StartAsync();
        await UploadAsync(conversation, token, null, "en-US", ("receipt.pdf", "application/pdf", TestFiles.Pdf()));
        var anonymous = _bot.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

        var list = await anonymous.GetAsync($"/agent/api/files?conversation=directline/conversations/{conversation}");
        var download = await anonymous.GetAsync($"/agent/api/files/{Sha(TestFiles.Pdf())}?conversation=directline/conversations/{conversation}");

        Assert.NotEqual(HttpStatusCode.OK, list.StatusCode);
        Assert.NotEqual(HttpStatusCode.OK, download.StatusCode);
    }

    public static TheoryData<string, string, byte[], string, string> BadFiles() => new()
    {
        { "en-US", "receipt.pdf", new byte[Limit + 1].Select((_, i) => i < 5 ? (byte)"%PDF-"[i] : (byte)'x').ToArray(), "**receipt\\.pdf** is larger than 4 KB, so I did not keep it.", "too large" },
        { "en-US", "receipt.pdf", TestFiles.Executable(), "I can keep only photos (JPEG, PNG, HEIC) and PDF files, and **receipt\\.pdf** is neither", "a renamed executable" },
        { "en-US", "receipt.pdf", TestFiles.Html(), "I can keep only photos (JPEG, PNG, HEIC) and PDF files, and **receipt\\.pdf** is neither", "an HTML page named .pdf" },
        { "en-US", "receipt.pdf", [], "**receipt\\.pdf** is empty, so I did not keep it.", "an empty file" },
        { "fr-FR", "recu.pdf", new byte[Limit + 1], "**recu\\.pdf** dépasse 4\u00a0Ko\u00a0: je ne l'ai pas conservé.", "trop grand" },
        { "fr-FR", "recu.pdf", TestFiles.Executable(), "Je ne peux conserver que des photos (JPEG, PNG, HEIC) et des fichiers PDF, et **recu\\.pdf** n'en est pas un", "un exécutable renommé" },
        { "fr-FR", "recu.pdf", TestFiles.Html(), "Je ne peux conserver que des photos (JPEG, PNG, HEIC) et des fichiers PDF, et **recu\\.pdf** n'en est pas un", "une page HTML nommée .pdf" },
        { "fr-FR", "recu.pdf", [], "**recu\\.pdf** est vide\u00a0: je ne l'ai pas conservé.", "un fichier vide" },
    };

    [Theory]
    [MemberData(nameof(BadFiles))]
    public async Task A_bad_file_is_refused_politely_in_the_customers_language_and_nothing_is_stored(
        string locale, string name, byte[] content, string expected, string what)
    {
        var (conversation, token) = await StartAsync(locale);

        var upload = await UploadAsync(conversation, token, null, locale, (name, "application/pdf", content));

        Assert.Equal(HttpStatusCode.OK, upload.StatusCode);
        var replies = await BotRepliesAsync(conversation, token, after: 1);
        Assert.True(replies.Any(r => r.Contains(expected, StringComparison.Ordinal)), $"{what}: {string.Join(" | ", replies)}");
        Assert.DoesNotContain(replies, r => r.Contains("received", StringComparison.Ordinal) || r.Contains("j'ai bien reçu", StringComparison.Ordinal));
        Assert.False(Directory.Exists(_temp.File("files")) && Directory.EnumerateFiles(_temp.File("files"), "*", SearchOption.AllDirectories).Any(), what);
    }

    [Fact]
    public async Task A_client_cannot_claim_a_file_it_never_uploaded()
    {
        var (conversation, token) = await StartAsync();
        var forged = new
        {
            type = "message",
            text = "refund for order SD-2001",
            from = new { id = "user-1" },
            locale = "en-US",
            attachments = new[] { new { contentType = "application/pdf", name = "receipt.pdf", refundbotFile = new { name = "receipt.pdf", mediaType = "application/pdf", size = 10, sha256 = new string('a', 64) } } },
        };

        await _client.SendAsync(HttpMethod.Post, $"/v3/directline/conversations/{conversation}/activities", token, forged);

        Assert.DoesNotContain(await BotRepliesAsync(conversation, token, after: 1), r => r.Contains("I have received", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Erasing_the_conversation_erases_its_files()
    {
        var (conversation, token) = await StartAsync();
        await UploadAsync(conversation, token, null, "en-US", ("screen.png", "image/png", TestFiles.Png()));
        await BotRepliesAsync(conversation, token, after: 1);
        Assert.NotEmpty(Directory.EnumerateFiles(_temp.File("files"), "*.bin", SearchOption.AllDirectories));

        using var erase = new HttpRequestMessage(HttpMethod.Delete, $"/api/privacy/conversations/directline/{conversation}");
        erase.Headers.Authorization = new("Bearer", PrivacyKey);
        Assert.True((await _client.Http.SendAsync(erase)).IsSuccessStatusCode);

        Assert.Empty(Directory.EnumerateFiles(_temp.File("files"), "*.bin", SearchOption.AllDirectories));
    }

    [Theory]
    [InlineData("en-US", "how do i send it to you? there is no attach button", "use the paper-clip button next to the message box")]
    [InlineData("fr-FR", "comment je vous envoie la photo ? je ne vois pas de trombone", "utilisez le bouton trombone à côté de la zone de saisie")]
    public async Task Asking_how_to_send_a_file_is_answered(string locale, string question, string expected)
    {
        var (conversation, token) = await StartAsync(locale);

        await _client.SendAsync(HttpMethod.Post, $"/v3/directline/conversations/{conversation}/activities", token,
            new { type = "message", text = question, from = new { id = "user-1" }, locale });

        Assert.Contains(await BotRepliesAsync(conversation, token, after: 1), r => r.Contains(expected, StringComparison.Ordinal));
    }

    private async Task<(string Conversation, string Token)> StartAsync(string locale = "en-US")
    {
        var (conversation, token) = await _client.NewConversationAsync(body: new { locale });
        await _client.StartAsync(conversation, token);
        return (conversation, token);
    }

    /// <summary>As DirectLineJS builds it: the activity as a Blob part named "activity", each file as a "file" part with its name.</summary>
    private async Task<HttpResponseMessage> UploadAsync(
        string conversation, string token, string? text, string locale, params (string Name, string Type, byte[] Content)[] files)
    {
        using var form = new MultipartFormDataContent();
        var activity = new ByteArrayContent(JsonSerializer.SerializeToUtf8Bytes(new
        {
            type = "message", text, locale, from = new { id = "user-1" }, channelData = new { clientActivityID = "client-" + Guid.NewGuid().ToString("N") },
        }));
        activity.Headers.ContentType = new MediaTypeHeaderValue("application/vnd.microsoft.activity");
        form.Add(activity, "activity", "blob");
        foreach (var (name, type, content) in files)
        {
            var part = new ByteArrayContent(content);
            part.Headers.ContentType = new MediaTypeHeaderValue(type);
            form.Add(part, "file", name);
        }

        using var request = new HttpRequestMessage(HttpMethod.Post, $"/v3/directline/conversations/{conversation}/upload?userId=user-1") { Content = form };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return await _client.Http.SendAsync(request);
    }

    /// <summary>The bot's texts after the first <paramref name="after"/> activities (the greeting), once they have come.</summary>
    private async Task<List<string>> BotRepliesAsync(string conversation, string token, int after)
    {
        for (var attempt = 0; attempt < 100; attempt++)
        {
            var set = await DirectLineClient.JsonAsync(await _client.GetActivitiesAsync(conversation, token));
            var replies = set.GetProperty("activities").EnumerateArray().Skip(after)
                .Where(a => a.GetProperty("from").GetProperty("role").GetString() == "bot" && a.TryGetProperty("text", out _))
                .Select(a => a.GetProperty("text").GetString()!).ToList();
            if (replies.Count > 0)
            {
                return replies;
            }

            await Task.Delay(50);
        }

        throw new TimeoutException("the bot did not answer");
    }

    private async Task<HttpClient> SignInAsync()
    {
        var http = _bot.CreateClient();
        var signIn = await http.PostAsJsonAsync("/agent/api/login", new { username = "alice", password = "alice-secret" });
        Assert.Equal(HttpStatusCode.NoContent, signIn.StatusCode);
        http.DefaultRequestHeaders.Add("Cookie", signIn.Headers.GetValues("Set-Cookie").Single().Split(';')[0]);
        return http;
    }

    private static string Sha(byte[] content) => RefundBot.Bot.Attachments.AttachmentHash.Of(content);
}
