using System.Collections.Concurrent;
using System.Net;
using System.Security;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace RefundBot.Bot.Tests.Attachments;

/// <summary>
/// A minimal S3 endpoint on loopback, path-style, for one bucket: PUT, GET, HEAD and DELETE of an object and
/// ListObjectsV2 (paged <see cref="PageSize"/> keys at a time, so that callers must follow continuation tokens). It
/// answers only requests signed (AWS4-HMAC-SHA256) with its access key; it does not check the signature itself.
/// </summary>
public sealed class LoopbackS3 : IAsyncDisposable
{
    public const string AccessKey = "refundbot-test-access";
    public const string SecretKey = "refundbot-test-secret";
    public const string Bucket = "refundbot-files";
    public const int PageSize = 2;
    private readonly WebApplication _app;

    private LoopbackS3(WebApplication app) => _app = app;

    public string Endpoint { get; private set; } = "";

    /// <summary>The bucket's objects by key.</summary>
    public ConcurrentDictionary<string, byte[]> Objects { get; } = new(StringComparer.Ordinal);

    public static async Task<LoopbackS3> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var s3 = new LoopbackS3(app);
        app.Use(async (context, next) =>
        {
            if (!context.Request.Headers.Authorization.ToString().StartsWith($"AWS4-HMAC-SHA256 Credential={AccessKey}/", StringComparison.Ordinal))
            {
                await Error(context.Response, HttpStatusCode.Forbidden, "AccessDenied");
                return;
            }

            await next(context);
        });
        app.MapGet("/{bucket}", (string bucket, HttpRequest request, HttpResponse response) => s3.ListAsync(bucket, request, response));
        app.MapPut("/{bucket}/{**key}", s3.PutAsync);
        app.MapGet("/{bucket}/{**key}", (string bucket, string key, HttpResponse response) => s3.GetAsync(bucket, key, response, withBody: true));
        app.MapMethods("/{bucket}/{**key}", ["HEAD"], (string bucket, string key, HttpResponse response) => s3.GetAsync(bucket, key, response, withBody: false));
        app.MapDelete("/{bucket}/{**key}", (string bucket, string key) =>
        {
            s3.Objects.TryRemove(key, out _);
            return Results.NoContent();
        });
        await app.StartAsync();
        s3.Endpoint = app.Urls.Single();
        return s3;
    }

    private async Task PutAsync(string bucket, string key, HttpRequest request, HttpResponse response)
    {
        if (bucket != Bucket)
        {
            await Error(response, HttpStatusCode.NotFound, "NoSuchBucket");
            return;
        }

        using var body = new MemoryStream();
        await request.Body.CopyToAsync(body);
        Objects[key] = body.ToArray();
        response.Headers.ETag = ETag(Objects[key]);
    }

    private async Task GetAsync(string bucket, string key, HttpResponse response, bool withBody)
    {
        if (bucket != Bucket || !Objects.TryGetValue(key, out var content))
        {
            if (withBody)
            {
                await Error(response, HttpStatusCode.NotFound, "NoSuchKey");
            }
            else
            {
                response.StatusCode = (int)HttpStatusCode.NotFound;
            }

            return;
        }

        response.ContentType = "application/octet-stream";
        response.ContentLength = content.Length;
        response.Headers.ETag = ETag(content);
        response.Headers.LastModified = DateTimeOffset.UtcNow.ToString("R");
        if (withBody)
        {
            await response.Body.WriteAsync(content);
        }
    }

    private async Task ListAsync(string bucket, HttpRequest request, HttpResponse response)
    {
        if (bucket != Bucket || request.Query["list-type"] != "2")
        {
            await Error(response, HttpStatusCode.NotFound, "NoSuchBucket");
            return;
        }

        var prefix = request.Query["prefix"].ToString();
        var after = request.Query["continuation-token"].ToString();
        var matching = Objects.Keys.Where(k => k.StartsWith(prefix, StringComparison.Ordinal) && string.CompareOrdinal(k, after) > 0)
            .Order(StringComparer.Ordinal).ToList();
        var page = matching.Take(PageSize).ToList();
        var truncated = matching.Count > page.Count;
        var xml = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?><ListBucketResult xmlns=\"http://s3.amazonaws.com/doc/2006-03-01/\">");
        xml.Append($"<Name>{Bucket}</Name><Prefix>{SecurityElement.Escape(prefix)}</Prefix><KeyCount>{page.Count}</KeyCount><MaxKeys>{PageSize}</MaxKeys>");
        xml.Append($"<IsTruncated>{(truncated ? "true" : "false")}</IsTruncated>");
        if (truncated)
        {
            xml.Append($"<NextContinuationToken>{SecurityElement.Escape(page[^1])}</NextContinuationToken>");
        }

        foreach (var key in page)
        {
            xml.Append($"<Contents><Key>{SecurityElement.Escape(key)}</Key><LastModified>{DateTime.UtcNow:yyyy-MM-ddTHH:mm:ss.fffZ}</LastModified>");
            xml.Append($"<ETag>{SecurityElement.Escape(ETag(Objects.GetValueOrDefault(key, [])))}</ETag><Size>{Objects.GetValueOrDefault(key, []).Length}</Size><StorageClass>STANDARD</StorageClass></Contents>");
        }

        xml.Append("</ListBucketResult>");
        response.ContentType = "application/xml";
        await response.WriteAsync(xml.ToString());
    }

    private static string ETag(byte[] content) => $"\"{Convert.ToHexStringLower(System.Security.Cryptography.MD5.HashData(content))}\"";

    private static async Task Error(HttpResponse response, HttpStatusCode status, string code)
    {
        response.StatusCode = (int)status;
        response.ContentType = "application/xml";
        await response.WriteAsync($"<?xml version=\"1.0\" encoding=\"UTF-8\"?><Error><Code>{code}</Code><Message>{code}</Message><RequestId>test</RequestId></Error>");
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
