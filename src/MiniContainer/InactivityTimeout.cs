using System.Globalization;

namespace MiniContainer;

/// <summary>
/// How long an engine or registry exchange may go without a byte before it ends with an error naming
/// the endpoint. One setting for both, so a slow CI network is tuned in one place.
/// </summary>
public static class InactivityTimeout
{
    /// <summary>Two minutes: a registry on a slow CI network pauses for seconds, not minutes.</summary>
    public static readonly TimeSpan Default = TimeSpan.FromMinutes(2);

    /// <summary>Reads seconds (<c>90</c>) or a number with a unit (<c>90s</c>, <c>5m</c>, <c>1h</c>, <c>500ms</c>).</summary>
    /// <exception cref="FormatException">Not a positive duration; the message says what is accepted.</exception>
    public static TimeSpan Parse(string value)
    {
        var text = value.Trim().ToLowerInvariant();
        var (number, unit) = text.EndsWith("ms", StringComparison.Ordinal) ? (text[..^2], 0.001)
            : text.EndsWith('s') ? (text[..^1], 1)
            : text.EndsWith('m') ? (text[..^1], 60)
            : text.EndsWith('h') ? (text[..^1], 3600)
            : (text, 1.0);
        if (!double.TryParse(number, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var amount) || amount <= 0 || amount * unit > TimeSpan.FromDays(1).TotalSeconds)
            throw new FormatException($"'{value}' is not a duration: give seconds (90) or a number with a unit (90s, 5m), more than 0 and at most a day.");
        return TimeSpan.FromSeconds(amount * unit);
    }
}
