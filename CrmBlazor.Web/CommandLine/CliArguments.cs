using System.Globalization;

namespace CrmBlazor.Web.CommandLine;

/// <summary>A refused command line: the message is shown as is and the process exits with code 2.</summary>
public sealed class CliUsageException(string message) : Exception(message);

/// <summary>Options of the form <c>--name value</c> after the mode's verbs; unknown or repeated options are refused.</summary>
public sealed class CliArguments
{
    private readonly Dictionary<string, string> _options = new(StringComparer.Ordinal);
    private readonly HashSet<string> _read = new(StringComparer.Ordinal);

    public CliArguments(IEnumerable<string> args)
    {
        var list = args.ToList();
        for (var i = 0; i < list.Count; i++)
        {
            var a = list[i];
            if (!a.StartsWith("--", StringComparison.Ordinal)) { Positional.Add(a); continue; }
            var eq = a.IndexOf('=');
            var (name, value) = eq > 0 ? (a[2..eq], a[(eq + 1)..]) : (a[2..], i + 1 < list.Count && !list[i + 1].StartsWith("--", StringComparison.Ordinal) ? list[++i] : "");
            if (!_options.TryAdd(name, value)) throw new CliUsageException($"Option --{name} is given twice.");
        }
    }

    public List<string> Positional { get; } = [];

    public string? String(string name)
    {
        _read.Add(name);
        return _options.TryGetValue(name, out var v) ? v : null;
    }

    public int Int(string name, int? fallback, int min, int max)
    {
        var text = String(name);
        if (text is null)
            return fallback ?? throw new CliUsageException($"Option --{name} is required.");
        if (!int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value))
            throw new CliUsageException($"--{name} must be a whole number, not '{text}'.");
        if (value < min || value > max)
            throw new CliUsageException($"--{name} must be between {min:N0} and {max:N0}; got {value:N0}.");
        return value;
    }

    /// <summary>An optional date option in ISO form (yyyy-MM-dd).</summary>
    public DateOnly? Date(string name)
    {
        var text = String(name);
        if (text is null) return null;
        if (!DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
            throw new CliUsageException($"--{name} must be a date like 2026-01-31, not '{text}'.");
        return date;
    }

    /// <summary>Refuses options nobody asked for (typos must not be ignored silently).</summary>
    public void EnsureAllUsed()
    {
        var unknown = _options.Keys.Except(_read).ToArray();
        if (unknown.Length > 0) throw new CliUsageException($"Unknown option: --{unknown[0]}.");
    }
}
