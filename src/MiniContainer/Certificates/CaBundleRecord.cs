using System.Globalization;
using System.Text;
using MiniContainer.Oci;

namespace MiniContainer.Certificates;

/// <summary>
/// Beside the staged bundle (image/ca-certificates.source): what it was made from and what was written (digest, certificate count,
/// how many came from the source, size). While the inputs are the same and the file still has that digest, CaCertificates copies
/// and parses nothing. Written only after the bundle, so no record vouches for a file a failed stage left.
/// </summary>
internal sealed record CaBundleRecord(CaBundleInputs Inputs, OciDigest Bundle, int CertificateCount, int FromSource, long Size)
{
    private const string Header = "minicontainer-ca-bundle";

    /// <summary>The record stands for this run: the same inputs, and the staged file (its digest; null when it is gone) as written.</summary>
    public bool Vouches(CaBundleInputs wanted, OciDigest? staged) => Inputs.SameAs(wanted) && staged == Bundle;

    public string Format()
    {
        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $"{Header} {Inputs.Writer}\nsource {Inputs.Source}\norigin {Inputs.Origin}\n");
        foreach (var extra in Inputs.ExtraFiles) text.Append(CultureInfo.InvariantCulture, $"ca-file {extra}\n");
        text.Append(CultureInfo.InvariantCulture, $"bundle {Bundle} {CertificateCount} {FromSource} {Size}\n");
        return text.ToString();
    }

    /// <summary>The record <see cref="Format"/> wrote; null for anything else (an unreadable record only costs a stage).</summary>
    public static CaBundleRecord? Parse(string text)
    {
        var lines = text.Split('\n');
        if (lines.Length < 5 || lines[^1] != "") return null;
        if (Field(lines[0], Header) is not { Length: > 0 } writer || writer.Contains(' ')) return null;
        if (!Enum.TryParse<CaBundleSource>(Field(lines[1], "source"), out var source) || !Enum.IsDefined(source)) return null;
        if (Field(lines[2], "origin") is not { Length: > 0 } origin) return null;
        var extras = new List<OciDigest>();
        for (var i = 3; i < lines.Length - 2; i++)
        {
            if (!OciDigest.TryParse(Field(lines[i], "ca-file"), out var extra)) return null;
            extras.Add(extra);
        }
        var bundle = Field(lines[^2], "bundle")?.Split(' ');
        return bundle is [var digestText, var countText, var fromSourceText, var sizeText]
               && OciDigest.TryParse(digestText, out var digest)
               && int.TryParse(countText, NumberStyles.None, CultureInfo.InvariantCulture, out var count)
               && int.TryParse(fromSourceText, NumberStyles.None, CultureInfo.InvariantCulture, out var fromSource)
               && long.TryParse(sizeText, NumberStyles.None, CultureInfo.InvariantCulture, out var size)
               && count > 0 && fromSource <= count
            ? new CaBundleRecord(new CaBundleInputs(source, origin, extras, writer), digest, count, fromSource, size)
            : null;
    }

    public static CaBundleRecord? Read(string path)
    {
        try
        {
            return Parse(File.ReadAllText(path));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null; // none yet (FileNotFoundException), or unreadable: staged again
        }
    }

    public void Write(string path)
    {
        var bytes = Encoding.UTF8.GetBytes(Format());
        ArtifactFile.Write(path, ArtifactFile.DataMode, file => file.Write(bytes));
    }

    public static void Delete(string path)
    {
        if (File.Exists(path)) File.Delete(path);
    }

    private static string? Field(string line, string name) =>
        line.StartsWith(name + " ", StringComparison.Ordinal) ? line[(name.Length + 1)..] : null;
}
