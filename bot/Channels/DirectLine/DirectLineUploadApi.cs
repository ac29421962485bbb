using System.Text.Json;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;
using RefundBot.Bot.Attachments;
using RefundBot.Bot.Hosting;
using RefundBot.Dialogs.Refund;
using RefundBot.Dialogs.Runtime;

namespace RefundBot.Bot.Channels.DirectLine;

/// <summary>
/// Direct Line's upload, as DirectLineJS (Web Chat) sends a message with files:
/// <c>POST /v3/directline/conversations/{id}/upload?userId=</c>, multipart, an "activity" part
/// (application/vnd.microsoft.activity, the message without its attachments) and one "file" part per file, answered
/// with the activity's id. Each file goes through <see cref="AttachmentIntake"/>; the activity then carries, per file,
/// what was kept or why it was refused, and is handled like any message: a refused file is explained to the customer
/// in their language, and nothing of it is stored.
/// </summary>
public static class DirectLineUploadApi
{
    /// <summary>At most this many files in one message.</summary>
    public const int MaxFiles = 5;

    public static IEndpointRouteBuilder MapDirectLineUpload(this IEndpointRouteBuilder app)
    {
        var maxBytes = app.ServiceProvider.GetRequiredService<IOptions<AttachmentOptions>>().Value.MaxBytes;
        // The body may hold a file over the limit, so that it is refused in words; far beyond that it is a 413.
        app.MapPost(DirectLineApi.BasePath + "/conversations/{conversationId}/upload", UploadAsync)
            .RequireCors(DirectLineApi.CorsPolicy).DisableAntiforgery().RequireRateLimiting(RateLimits.PerClient)
            .WithMetadata(new RequestSizeLimitAttribute(RequestLimit(maxBytes)));
        return app;
    }

    private static long RequestLimit(long maxBytes) => (maxBytes * 2) + (1024 * 1024);

    private static async Task<IResult> UploadAsync(
        string conversationId, string? userId, HttpRequest request, DirectLineTokens tokens, DirectLineConversations conversations,
        TurnQueue turns, DirectLineDelivery delivery, ConversationRateLimiter limiter, AttachmentIntake intake,
        IOptions<RefundBotOptions> options, IOptions<DirectLineOptions> directLine, TimeProvider clock, CancellationToken cancellationToken)
    {
        var (grant, conversation, problem) = await DirectLineApi.AuthorizeAsync(request, conversationId, tokens, conversations);
        if (problem is not null)
        {
            return problem;
        }

        if (limiter.Refusal($"directline/conversations/{conversationId}") is { } tooMany)
        {
            return tooMany;
        }

        if (!request.HasFormContentType)
        {
            return JsonRequest.Problem("Invalid upload", "An upload is a multipart/form-data body with an activity part and file parts.");
        }

        var form = await ReadFormAsync(request, intake.MaxBytes, cancellationToken);
        if (form is null)
        {
            return JsonRequest.Problem("Invalid upload", "The multipart body could not be read.");
        }

        var activity = await ActivityOf(form, cancellationToken) ?? new Activity { Type = ActivityTypes.Message };
        var files = form.Files.Where(f => f.Name != "activity").ToList();
        if (activity.Type != ActivityTypes.Message || files.Count is 0 or > MaxFiles)
        {
            return JsonRequest.Problem("Invalid upload", $"An upload is a message with 1 to {MaxFiles} files.");
        }

        activity.From ??= new ChannelAccount { Id = userId };
        activity.Text = OverlongText.Truncate(activity.Text, options.Value.MaxMessageLength);
        activity.Attachments = null;
        if (await DirectLineApi.StorageRefusalAsync(activity, conversationId, conversations, directLine.Value) is { } cannotKeep)
        {
            return cannotKeep;
        }

        var key = $"directline/conversations/{conversationId}";
        activity.Attachments = [];
        foreach (var file in files)
        {
            activity.Attachments.Add(ReceivedFiles.ToAttachment(await ReceiveAsync(intake, key, file, cancellationToken)));
        }

        DirectLineApi.Stamp(activity, conversation!, grant!.UserId, clock.GetUtcNow());
        var stored = await conversations.AppendOnceAsync(conversationId, activity);
        return await turns.AnswerAsync(stored, delivery, () => Results.Ok(new DirectLineApi.ResourceResponse(stored.Id!)));
    }

    private static async Task<ReceivedFile> ReceiveAsync(AttachmentIntake intake, string key, IFormFile file, CancellationToken cancellationToken)
    {
        if (file.Length > intake.MaxBytes)
        {
            return AttachmentIntake.Refused(file.FileName, file.Length, FileRefusal.TooLarge); // not even read
        }

        using var buffer = new MemoryStream((int)file.Length);
        await file.CopyToAsync(buffer, cancellationToken);
        return await intake.ReceiveAsync(key, file.FileName, buffer.GetBuffer().AsMemory(0, (int)buffer.Length), cancellationToken);
    }

    private static async Task<IFormCollection?> ReadFormAsync(HttpRequest request, long maxBytes, CancellationToken cancellationToken)
    {
        try
        {
            return await request.ReadFormAsync(new FormOptions { MultipartBodyLengthLimit = RequestLimit(maxBytes), ValueCountLimit = 16 }, cancellationToken);
        }
        catch (Exception exception) when (exception is InvalidDataException or IOException or BadHttpRequestException)
        {
            return null;
        }
    }

    /// <summary>The "activity" part: a file part (a Blob, as DirectLineJS appends it) or a plain field.</summary>
    private static async Task<Activity?> ActivityOf(IFormCollection form, CancellationToken cancellationToken)
    {
        try
        {
            if (form.Files.GetFile("activity") is { } part)
            {
                await using var stream = part.OpenReadStream();
                return await JsonSerializer.DeserializeAsync<Activity>(stream, ActivityJson.Options, cancellationToken);
            }

            return form.TryGetValue("activity", out var field) && field.Count == 1
                ? JsonSerializer.Deserialize<Activity>(field[0]!, ActivityJson.Options)
                : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
