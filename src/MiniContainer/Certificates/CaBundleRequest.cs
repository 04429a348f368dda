using MiniContainer.Images;

namespace MiniContainer.Certificates;

/// <summary>Which CA certificates the image trusts, and where the staged bundle is written.</summary>
public sealed record CaBundleRequest
{
    public required CaBundleSource Source { get; init; }

    /// <summary>The staged bundle's path on this machine (e.g. artifacts/image/ca-certificates.crt).</summary>
    public required string OutputFile { get; init; }

    /// <summary>For <see cref="CaBundleSource.BuilderImage"/>: the image to copy the bundle out of.</summary>
    public string? BuilderImage { get; init; }

    /// <summary>For <see cref="CaBundleSource.BuilderImage"/>: the bundle's path inside that image.</summary>
    public string BuilderImageBundlePath { get; init; } = RuntimeImageSpec.CaBundleImagePath;

    /// <summary>For <see cref="CaBundleSource.File"/>: the PEM file.</summary>
    public string? File { get; init; }

    /// <summary>
    /// Where to record what the staged bundle was made from (e.g. artifacts/image/ca-certificates.source): while this run's inputs
    /// match it and the staged file is as written, nothing is copied, parsed or written. Null: staged every time.
    /// </summary>
    public string? RecordFile { get; init; }

    /// <summary>For <see cref="CaBundleSource.BuilderImage"/> with a <see cref="RecordFile"/>: the builder image's ID if the caller inspected it already.</summary>
    public string? BuilderImageId { get; init; }

    /// <summary>PEM files of further CAs to trust (e.g. a company CA), appended in this order.</summary>
    public IReadOnlyList<string> ExtraCertificateFiles { get; init; } = [];

    public static CaBundleRequest FromBuilderImage(string builderImage, string outputFile) =>
        new() { Source = CaBundleSource.BuilderImage, BuilderImage = builderImage, OutputFile = outputFile };

    public static CaBundleRequest FromFile(string pemFile, string outputFile) =>
        new() { Source = CaBundleSource.File, File = pemFile, OutputFile = outputFile };

    public static CaBundleRequest NoBundle(string outputFile) => new() { Source = CaBundleSource.None, OutputFile = outputFile };

    public CaBundleRequest WithExtraCertificate(string pemFile) => this with { ExtraCertificateFiles = [.. ExtraCertificateFiles, pemFile] };
}
