using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace RefundBot.Bot.Payments;

/// <summary>
/// The <c>RefundBot-Signature</c> header of the signed-webhook connector, both ways: <c>t=&lt;unix seconds&gt;,v1=&lt;hex
/// HMAC-SHA256 of "t.body" under the policy's secret&gt;</c> (Stripe's scheme). A signature is valid when one of its
/// <c>v1</c> values matches (compared in constant time) and its timestamp is within the tolerance of the clock.
/// </summary>
public static class WebhookSignature
{
    public const string Header = "RefundBot-Signature";

    public static string Sign(ReadOnlySpan<byte> body, string secret, DateTimeOffset at)
    {
        var timestamp = at.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        return $"t={timestamp},v1={Convert.ToHexStringLower(Mac(timestamp, body, secret))}";
    }

    public static bool IsValid(string? header, ReadOnlySpan<byte> body, string secret, DateTimeOffset now, TimeSpan tolerance)
    {
        if (string.IsNullOrEmpty(header))
        {
            return false;
        }

        string? timestamp = null;
        var signatures = new List<string>();
        foreach (var part in header.Split(',', StringSplitOptions.TrimEntries))
        {
            if (part.StartsWith("t=", StringComparison.Ordinal))
            {
                timestamp = part[2..];
            }
            else if (part.StartsWith("v1=", StringComparison.Ordinal))
            {
                signatures.Add(part[3..]);
            }
        }

        if (!long.TryParse(timestamp, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds)
            || seconds > DateTimeOffset.MaxValue.ToUnixTimeSeconds()
            || (now - DateTimeOffset.FromUnixTimeSeconds(seconds)).Duration() > tolerance)
        {
            return false;
        }

        var expected = Mac(timestamp!, body, secret);
        var valid = false;
        foreach (var signature in signatures)
        {
            if (signature.Length == expected.Length * 2 && IsHex(signature))
            {
                valid |= CryptographicOperations.FixedTimeEquals(Convert.FromHexString(signature), expected);
            }
        }

        return valid;
    }

    private static byte[] Mac(string timestamp, ReadOnlySpan<byte> body, string secret)
    {
        var prefix = Encoding.UTF8.GetBytes(timestamp + ".");
        var signed = new byte[prefix.Length + body.Length];
        prefix.CopyTo(signed, 0);
        body.CopyTo(signed.AsSpan(prefix.Length));
        return HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), signed);
    }

    private static bool IsHex(string text) => text.All(Uri.IsHexDigit);
}
