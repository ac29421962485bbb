namespace RefundBot.Bot.Attachments;

/// <summary>The S3-compatible bucket of <c>Attachments:Provider = S3</c> ("Attachments:S3").</summary>
public sealed class S3Options
{
    /// <summary>The service's URL, e.g. "https://s3.eu-west-1.amazonaws.com" or a MinIO's "http://minio:9000".</summary>
    public string Endpoint { get; set; } = "";

    public string Bucket { get; set; } = "";

    public string AccessKey { get; set; } = "";

    /// <summary>From the environment (Attachments__S3__SecretKey), never from a committed file.</summary>
    public string SecretKey { get; set; } = "";

    /// <summary>The region requests are signed for; most S3-compatible servers accept the default.</summary>
    public string Region { get; set; } = "us-east-1";

    /// <summary>Path-style addresses ({endpoint}/{bucket}/{key}), as MinIO and most S3-compatible servers want; false for virtual-hosted ones.</summary>
    public bool PathStyle { get; set; } = true;

    public bool IsComplete =>
        Uri.TryCreate(Endpoint, UriKind.Absolute, out var endpoint) && (endpoint.Scheme == Uri.UriSchemeHttps || endpoint.Scheme == Uri.UriSchemeHttp)
        && Bucket.Length > 0 && AccessKey.Length > 0 && SecretKey.Length > 0;
}
