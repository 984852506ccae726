using System.Security.Cryptography;
using System.Text;

namespace CrmBlazor.Web.Security;

/// <summary>
/// The six-digit code an authenticator app shows (RFC 6238: HMAC-SHA1, 30-second steps), as
/// Identity's authenticator token provider checks it. Identity keeps its own implementation
/// internal; the demo's <c>totp</c> command and the browser tests need to compute the code.
/// </summary>
public static class AuthenticatorCode
{
    private const string Alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";

    public static string Compute(string base32Key, DateTimeOffset now)
    {
        var step = now.ToUnixTimeSeconds() / 30;
        var counter = BitConverter.GetBytes(step);
        if (BitConverter.IsLittleEndian) Array.Reverse(counter);
        var hash = HMACSHA1.HashData(FromBase32(base32Key), counter);
        var offset = hash[^1] & 0x0F;
        var binary = ((hash[offset] & 0x7F) << 24) | (hash[offset + 1] << 16) | (hash[offset + 2] << 8) | hash[offset + 3];
        return (binary % 1_000_000).ToString("D6", System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>The key in groups of four, lower case, as people type it into an app.</summary>
    public static string Readable(string base32Key)
    {
        var text = new StringBuilder();
        for (var i = 0; i < base32Key.Length; i += 4)
        {
            if (i > 0) text.Append(' ');
            text.Append(base32Key.AsSpan(i, Math.Min(4, base32Key.Length - i)));
        }
        return text.ToString().ToLowerInvariant();
    }

    /// <summary>What a QR code or a link hands to an authenticator app.</summary>
    public static string OtpAuthUri(string account, string base32Key) =>
        $"otpauth://totp/{Uri.EscapeDataString("CrmBlazor")}:{Uri.EscapeDataString(account)}?secret={base32Key}&issuer={Uri.EscapeDataString("CrmBlazor")}&digits=6";

    public static byte[] FromBase32(string text)
    {
        var clean = text.Replace(" ", "", StringComparison.Ordinal).TrimEnd('=').ToUpperInvariant();
        var bytes = new List<byte>(clean.Length * 5 / 8);
        int buffer = 0, bits = 0;
        foreach (var c in clean)
        {
            var value = Alphabet.IndexOf(c, StringComparison.Ordinal);
            if (value < 0) throw new FormatException($"'{c}' is not a base32 character.");
            buffer = (buffer << 5) | value;
            bits += 5;
            if (bits >= 8)
            {
                bytes.Add((byte)(buffer >> (bits - 8)));
                bits -= 8;
            }
        }
        return [.. bytes];
    }
}
