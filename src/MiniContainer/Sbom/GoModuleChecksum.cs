namespace MiniContainer.Sbom;

/// <summary>go.sum's <c>h1:</c> hash (base64 of a SHA-256 over the module's files) as the hex an SPDX checksum holds.</summary>
public static class GoModuleChecksum
{
    /// <summary>The SHA-256 in lower-case hex; null for no sum, another hash kind, or a malformed one.</summary>
    public static string? ToSha256Hex(string? sum)
    {
        if (sum is null || !sum.StartsWith("h1:", StringComparison.Ordinal)) return null;
        var bytes = new byte[32];
        return Convert.TryFromBase64String(sum[3..], bytes, out var written) && written == 32 ? Convert.ToHexStringLower(bytes) : null;
    }
}
