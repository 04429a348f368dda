using System.Security.Cryptography;

namespace MiniContainer.Docker;

/// <summary>
/// A modification time made from a file's bytes, for copies a go command reads: Go keys cached facts about a file
/// (its package index) on name, size and time, so equal times must mean equal bytes. SHA-256 picks a time to
/// 100 ns between 2001 and 2020: past for any clock (Go caches only files older than 2 s), the same on every copy
/// and checkout, and different for any edit but with odds near 2^-52. Layers keep <see cref="DeterministicTar.FixedTime"/>.
/// </summary>
public static class ContentFileTime
{
    private static readonly DateTimeOffset Earliest = DateTimeOffset.FromUnixTimeSeconds(1_000_000_000);
    private const long SpanTicks = 600_000_000L * TimeSpan.TicksPerSecond;

    /// <summary>The time for <paramref name="content"/>, read from its current position to its end.</summary>
    public static DateTimeOffset Of(Stream content)
    {
        var hash = SHA256.HashData(content);
        return Earliest.AddTicks((long)(BitConverter.ToUInt64(hash, 0) % SpanTicks));
    }
}
