using Cake.Core.IO;
using MiniContainer.Certificates;

namespace Cake.MiniContainer.CaCertificates;

/// <summary>Settings for <c>CaCertificates</c>: which CAs the image trusts, staged as one PEM bundle.</summary>
public sealed class CaCertificatesSettings : Hosting.IEngineSettings
{
    public CaBundleSource Source { get; set; } = CaBundleSource.BuilderImage;

    /// <summary>For <see cref="CaBundleSource.BuilderImage"/>: the image whose bundle is copied.</summary>
    public string? BuilderImage { get; set; }

    /// <summary>For <see cref="CaBundleSource.File"/>: a PEM bundle on this machine.</summary>
    public FilePath? File { get; set; }

    /// <summary>PEM files of further CAs (e.g. a company CA), appended.</summary>
    public IList<FilePath> ExtraCertificateFiles { get; set; } = [];

    /// <summary>Where the staged bundle is written.</summary>
    public required FilePath OutputFile { get; set; }

    public Uri? DockerHost { get; set; }


    /// <summary>How long an engine or registry exchange may pass without a byte (--inactivity-timeout); null for two minutes.</summary>

    public TimeSpan? InactivityTimeout { get; set; }
}
