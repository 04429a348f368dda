using MiniContainer.Certificates;
using MiniContainer.Nuke.Hosting;
using Nuke.Common;
using Nuke.Common.IO;
using Nuke.Common.Tooling;

namespace MiniContainer.Nuke;

/// <summary>Certificates: stages the CA bundle the image trusts (from the builder image, a PEM file, or none, plus extra CAs).</summary>
public interface ICaCertificates : IHazGoBuild
{
    const string FromBuilder = "builder";
    const string NoBundle = "none";

    [Parameter("Where the image's CA bundle comes from: builder (the builder image's), none, or a PEM file - default: builder")]
    string CaBundle => TryGetValue(() => CaBundle) ?? FromBuilder;

    [Parameter("More CA PEM files to trust, appended to the bundle")]
    string[] CaFiles => TryGetValue(() => CaFiles) ?? [];

    AbsolutePath CaBundleFile => ImageDirectory / "ca-certificates.crt";

    Target CaCertificates => _ => _
        .Description("Stages the CA bundle for the image")
        .Produces(CaBundleFile)
        .Executes(() => StepRunner.RunAsync(async (engine, logger, cancellationToken) =>
        {
            var builder = CaBundle == FromBuilder ? await GoBuilderResolution.ResolveAsync(this, engine, logger, cancellationToken) : null;
            var request = new CaBundleRequest { Source = CaBundleSource.BuilderImage, BuilderImage = builder?.Image, OutputFile = CaBundleFile }
                .Apply(CaBundleRequestBase).Apply(CaBundleSettings);
            await CaCertificatesStep.RunAsync(engine, request, logger, cancellationToken);
        }));

    sealed Configure<CaBundleRequest> CaBundleRequestBase => _ => (CaBundle switch
    {
        FromBuilder => _,
        NoBundle => _ with { Source = CaBundleSource.None },
        var file => _ with { Source = CaBundleSource.File, File = RootedPath.Resolve(this, file) },
    }) with
    {
        ExtraCertificateFiles = CaFiles.Select(f => (string)RootedPath.Resolve(this, f)).ToList(),
    };

    /// <summary>The hook for the bundle, e.g. <c>_ =&gt; _.WithExtraCertificate("certs/company-ca.pem")</c>.</summary>
    Configure<CaBundleRequest> CaBundleSettings => _ => _;
}
