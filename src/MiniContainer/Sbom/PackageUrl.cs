using System.Text;

namespace MiniContainer.Sbom;

/// <summary>
/// Package URLs (purl spec): <c>pkg:type/namespace/name@version?qualifiers</c>, each part
/// percent-encoded (every byte but A-Z a-z 0-9 . - _ ~), namespace segments one by one. Pure.
/// </summary>
public static class PackageUrl
{
    /// <summary>
    /// <c>pkg:golang/&lt;module path&gt;@&lt;version&gt;</c>: the last path element is the name, the rest the
    /// namespace, both lower-cased as the golang type asks; a "(devel)" or empty version is left out.
    /// </summary>
    public static string Golang(string modulePath, string? version)
    {
        var path = modulePath.Trim('/').ToLowerInvariant();
        var slash = path.LastIndexOf('/');
        var (ns, name) = slash < 0 ? (null, path) : (path[..slash], path[(slash + 1)..]);
        return Render("golang", ns, name, version is null or "" or "(devel)" ? null : version, new Dictionary<string, string>());
    }

    /// <summary><c>pkg:oci/&lt;name&gt;@sha256%3A…?arch=…&amp;repository_url=…&amp;tag=…</c>: an image by digest, as the oci type names it.</summary>
    public static string Oci(string repository, string digest, IReadOnlyDictionary<string, string> qualifiers)
    {
        var name = repository.TrimEnd('/');
        name = name[(name.LastIndexOf('/') + 1)..].ToLowerInvariant();
        return Render("oci", null, name, digest, qualifiers);
    }

    public static string Render(string type, string? ns, string name, string? version, IReadOnlyDictionary<string, string> qualifiers)
    {
        var text = new StringBuilder("pkg:").Append(type.ToLowerInvariant()).Append('/');
        if (!string.IsNullOrEmpty(ns))
            foreach (var segment in ns.Split('/', StringSplitOptions.RemoveEmptyEntries))
                text.Append(Encode(segment, keep: "")).Append('/');
        text.Append(Encode(name, keep: ""));
        if (!string.IsNullOrEmpty(version)) text.Append('@').Append(Encode(version, keep: ""));
        var pairs = qualifiers.Where(q => q.Value.Length > 0).OrderBy(q => q.Key, StringComparer.Ordinal).ToList();
        if (pairs.Count > 0)
            text.Append('?').AppendJoin('&', pairs.Select(q => q.Key.ToLowerInvariant() + "=" + Encode(q.Value, keep: "/:")));
        return text.ToString();
    }

    /// <summary>Percent-encodes UTF-8 bytes outside the unreserved set (and <paramref name="keep"/>), with upper-case hex.</summary>
    public static string Encode(string value, string keep)
    {
        var text = new StringBuilder(value.Length);
        foreach (var b in Encoding.UTF8.GetBytes(value))
        {
            var c = (char)b;
            if (b < 0x80 && (char.IsAsciiLetterOrDigit(c) || c is '.' or '-' or '_' or '~' || keep.Contains(c))) text.Append(c);
            else text.Append('%').Append(b.ToString("X2", System.Globalization.CultureInfo.InvariantCulture));
        }
        return text.ToString();
    }
}
