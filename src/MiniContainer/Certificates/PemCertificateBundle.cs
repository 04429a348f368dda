using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;

namespace MiniContainer.Certificates;

/// <summary>
/// A PEM bundle of CA certificates, each block parsed as X.509 so a broken or empty file fails
/// here and not as an x509 error in production.
/// </summary>
public sealed class PemCertificateBundle
{
    private PemCertificateBundle(IReadOnlyList<string> blocks, IReadOnlyList<string> subjects)
    {
        Blocks = blocks;
        Subjects = subjects;
    }

    /// <summary>Each certificate re-encoded as one PEM block (normalised line endings and wrapping).</summary>
    public IReadOnlyList<string> Blocks { get; }

    public IReadOnlyList<string> Subjects { get; }

    public int Count => Blocks.Count;

    /// <summary>Parses <paramref name="text"/> (named <paramref name="file"/> in errors).</summary>
    /// <exception cref="InvalidCertificateFileException">No certificate, or a CERTIFICATE block that does not parse.</exception>
    public static PemCertificateBundle Parse(string text, string file)
    {
        var blocks = new List<string>();
        var subjects = new List<string>();
        var rest = text.AsSpan();
        var index = 0;
        while (PemEncoding.TryFind(rest, out var fields))
        {
            index++;
            var label = rest[fields.Label].ToString();
            if (label == "CERTIFICATE")
            {
                var der = new byte[fields.DecodedDataLength];
                if (!Convert.TryFromBase64Chars(rest[fields.Base64Data], der, out _))
                    throw new InvalidCertificateFileException(file, $"has a CERTIFICATE block (number {index}) whose base64 does not decode.");
                try
                {
                    using var certificate = X509CertificateLoader.LoadCertificate(der);
                    subjects.Add(certificate.Subject);
                    blocks.Add(new string(PemEncoding.Write("CERTIFICATE", der)) + "\n");
                }
                catch (CryptographicException e)
                {
                    throw new InvalidCertificateFileException(file, $"has a CERTIFICATE block (number {index}) that is not a valid X.509 certificate ({e.Message}).");
                }
            }
            rest = rest[fields.Location.End..];
        }
        if (blocks.Count == 0)
            throw new InvalidCertificateFileException(file, index == 0 ? "holds no PEM certificate." : "holds PEM blocks but no CERTIFICATE among them.");
        return new PemCertificateBundle(blocks, subjects);
    }

    /// <exception cref="InvalidCertificateFileException">The file is missing or holds no valid certificate.</exception>
    public static async Task<PemCertificateBundle> ReadAsync(string file, CancellationToken cancellationToken)
    {
        if (!System.IO.File.Exists(file)) throw new InvalidCertificateFileException(file, "does not exist.");
        return Parse(await System.IO.File.ReadAllTextAsync(file, cancellationToken).ConfigureAwait(false), file);
    }

    /// <summary>Parses a file's <paramref name="content"/>, decoded as <see cref="System.IO.File.ReadAllText(string)"/> would (a byte order mark, else UTF-8).</summary>
    /// <exception cref="InvalidCertificateFileException">No certificate, or a CERTIFICATE block that does not parse.</exception>
    public static PemCertificateBundle Parse(byte[] content, string file)
    {
        using var reader = new StreamReader(new MemoryStream(content), Encoding.UTF8, detectEncodingFromByteOrderMarks: true);
        return Parse(reader.ReadToEnd(), file);
    }

    /// <summary>This bundle followed by <paramref name="other"/>'s certificates that it does not have yet.</summary>
    public PemCertificateBundle Append(PemCertificateBundle other)
    {
        var blocks = Blocks.ToList();
        var subjects = Subjects.ToList();
        for (var i = 0; i < other.Blocks.Count; i++)
        {
            if (blocks.Contains(other.Blocks[i], StringComparer.Ordinal)) continue;
            blocks.Add(other.Blocks[i]);
            subjects.Add(other.Subjects[i]);
        }
        return new PemCertificateBundle(blocks, subjects);
    }

    public static PemCertificateBundle Empty { get; } = new([], []);

    public string ToPem() => string.Concat(Blocks);

    public byte[] ToBytes() => new UTF8Encoding(false).GetBytes(ToPem());
}
