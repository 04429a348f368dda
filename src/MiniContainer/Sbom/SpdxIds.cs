using System.Security.Cryptography;
using System.Text;

namespace MiniContainer.Sbom;

/// <summary>SPDX element IDs: <c>SPDXRef-</c> then only letters, digits, '.' and '-', unique per distinct key.</summary>
internal static class SpdxIds
{
    public const string Document = "SPDXRef-DOCUMENT";

    /// <summary>A readable ID from <paramref name="readable"/>, made unique by a short hash of <paramref name="key"/> (two paths can sanitise alike).</summary>
    public static string For(string kind, string readable, string key)
    {
        var text = new StringBuilder("SPDXRef-").Append(kind).Append('-');
        foreach (var c in readable) text.Append(char.IsAsciiLetterOrDigit(c) || c is '.' or '-' ? c : '-');
        return text.Append('-').Append(Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key)))[..8]).ToString();
    }
}
