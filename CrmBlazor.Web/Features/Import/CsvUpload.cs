using Microsoft.AspNetCore.Components.Forms;

namespace CrmBlazor.Web.Features.Import;

/// <summary>
/// What every CSV upload accepts (the import page and the lead import): a <c>.csv</c> file of text,
/// at most <c>Import:MaxUploadMegabytes</c> (default 20). The checks run on the server, in the
/// circuit: the browser's <c>accept</c> filter and its reported size are only hints, so the bytes
/// read are capped too and the content is looked at.
/// </summary>
public sealed class CsvUpload(long maxBytes)
{
    public const string Key = "Import:MaxUploadMegabytes";

    public long MaxBytes { get; } = maxBytes;
    public int MaxMegabytes => (int)(MaxBytes / 1024 / 1024);

    public static CsvUpload From(IConfiguration configuration)
    {
        var megabytes = configuration.GetValue(Key, 20);
        return megabytes is > 0 and <= 1024
            ? new CsvUpload(megabytes * 1024L * 1024L)
            : throw new InvalidOperationException($"{Key} must be between 1 and 1024 (it is {megabytes}).");
    }

    public enum Refusal { None, NotCsv, TooLarge }

    /// <summary>The checks before reading: the name and the size the browser reports.</summary>
    public Refusal Check(string fileName, long size) =>
        !fileName.EndsWith(".csv", StringComparison.OrdinalIgnoreCase) ? Refusal.NotCsv
        : size > MaxBytes ? Refusal.TooLarge
        : Refusal.None;

    /// <summary>
    /// A spreadsheet or any other binary file renamed to .csv: a zip (xlsx), an old Excel/OLE file,
    /// or NUL bytes, which UTF-8 and GBK text never contains.
    /// </summary>
    public static bool LooksLikeText(ReadOnlySpan<byte> content)
    {
        if (content.StartsWith("PK\u0003\u0004"u8) || content.StartsWith((ReadOnlySpan<byte>)[0xD0, 0xCF, 0x11, 0xE0])) return false;
        return !content[..Math.Min(content.Length, 64 * 1024)].Contains((byte)0);
    }

    /// <summary>The file's bytes, or the reason in the reader's language why it was refused.</summary>
    public async Task<(byte[]? Content, string? Error)> ReadAsync(IBrowserFile file, Localization.UiText text)
    {
        switch (Check(file.Name, file.Size))
        {
            case Refusal.NotCsv: return (null, text["Import.NotCsv", file.Name]);
            case Refusal.TooLarge: return (null, text["Import.TooLarge", file.Name, MaxMegabytes]);
        }
        using var buffer = new MemoryStream();
        try
        {
            await using var upload = file.OpenReadStream(MaxBytes);
            await upload.CopyToAsync(buffer);
        }
        catch (IOException)
        {
            // more bytes arrived than the browser announced, or the upload broke off
            return (null, text["Import.TooLarge", file.Name, MaxMegabytes]);
        }
        var content = buffer.ToArray();
        return LooksLikeText(content) ? (content, null) : (null, text["Import.NotText", file.Name]);
    }
}
