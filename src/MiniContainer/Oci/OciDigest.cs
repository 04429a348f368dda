using System.Security.Cryptography;

namespace MiniContainer.Oci;

/// <summary>A content digest, <c>sha256:&lt;64 hex&gt;</c>: the name of every blob, config and manifest.</summary>
public readonly record struct OciDigest
{
    private OciDigest(string hex) => Hex = hex;

    /// <summary>The lower-case hex of the SHA-256.</summary>
    public string Hex { get; }

    public override string ToString() => "sha256:" + Hex;

    public static OciDigest FromHash(ReadOnlySpan<byte> sha256) => new(Convert.ToHexStringLower(sha256));

    public static OciDigest Of(ReadOnlySpan<byte> content) => FromHash(SHA256.HashData(content));

    /// <exception cref="FormatException">The text is not a sha256 digest.</exception>
    public static OciDigest Parse(string text) =>
        TryParse(text, out var digest) ? digest : throw new FormatException($"'{text}' is not a digest of the form sha256:<64 hex digits>.");

    public static bool TryParse(string? text, out OciDigest digest)
    {
        digest = default;
        if (text is null || !Grammar.IsSha256Digest(text)) return false;
        digest = new OciDigest(text[7..]);
        return true;
    }
}
