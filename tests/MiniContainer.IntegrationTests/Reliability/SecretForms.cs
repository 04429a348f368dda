using System.IO.Compression;
using System.Text;

namespace MiniContainer.IntegrationTests.Reliability;

/// <summary>
/// Every form in which a secret can travel, to search bytes for: the secret itself, and its base64
/// (standard and URL-safe) at each of the three byte alignments it can have inside a longer encoded
/// string, as an <c>Authorization: Basic</c> header (user:password) or a docker X-Registry-Auth JSON
/// ({"username":...,"password":...}) carries it. Gzip data is searched decompressed too.
/// </summary>
public sealed class SecretForms
{
    private readonly List<(string Form, byte[] Needle)> _needles = [];

    public SecretForms(IReadOnlyDictionary<string, string> secrets)
    {
        foreach (var (name, secret) in secrets)
        {
            var bytes = Encoding.UTF8.GetBytes(secret);
            _needles.Add(($"{name} (plain)", bytes));
            for (var offset = 0; offset < 3; offset++)
            {
                var encoded = Base64Core(bytes, offset);
                _needles.Add(($"{name} (base64 at offset {offset})", Encoding.ASCII.GetBytes(encoded)));
                _needles.Add(($"{name} (URL-safe base64 at offset {offset})", Encoding.ASCII.GetBytes(encoded.Replace('+', '-').Replace('/', '_'))));
            }
        }
    }

    public IReadOnlyList<string> Forms => _needles.Select(n => n.Form).ToList();

    /// <summary>The forms found in <paramref name="data"/>, and in its decompressed content when it is gzip.</summary>
    public IReadOnlyList<string> FoundIn(byte[] data)
    {
        var found = new List<string>();
        foreach (var (form, needle) in _needles)
            if (data.AsSpan().IndexOf(needle) >= 0) found.Add(form);
        if (data is [0x1f, 0x8b, ..])
            found.AddRange(FoundIn(Gunzip(data)).Select(form => $"{form}, gzip-compressed"));
        return found;
    }

    public IReadOnlyList<string> FoundIn(string text) => FoundIn(Encoding.UTF8.GetBytes(text));

    /// <summary>"file: form" for every file under <paramref name="folder"/> holding a form; file names are searched too.</summary>
    public IReadOnlyList<string> FoundInFiles(string folder) =>
        Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories)
            .SelectMany(file => FoundIn(File.ReadAllBytes(file)).Concat(FoundIn(Path.GetRelativePath(folder, file)).Select(f => $"{f} in the name"))
                .Select(form => $"{Path.GetRelativePath(folder, file)}: {form}"))
            .ToList();

    /// <summary>
    /// The base64 characters that depend on the secret's bytes alone when it starts <paramref name="offset"/>
    /// bytes into a 3-byte group: whatever surrounds it, an encoding of a string holding it contains these.
    /// </summary>
    internal static string Base64Core(byte[] secret, int offset)
    {
        var padded = new byte[offset + secret.Length];
        secret.CopyTo(padded, offset);
        var encoded = Convert.ToBase64String(padded);
        // Characters 0-1 (offset 1) or 0-2 (offset 2) mix in the bytes before the secret;
        // a last partial group of 1 or 2 bytes gives 1 or 2 characters of the secret's alone.
        var start = offset switch { 0 => 0, 1 => 2, _ => 3 };
        var end = padded.Length / 3 * 4 + padded.Length % 3;
        return encoded[start..end];
    }

    private static byte[] Gunzip(byte[] data)
    {
        try
        {
            using var gzip = new GZipStream(new MemoryStream(data), CompressionMode.Decompress);
            using var output = new MemoryStream();
            gzip.CopyTo(output);
            return output.ToArray();
        }
        catch (InvalidDataException)
        {
            return []; // starts like gzip but is not
        }
    }
}
