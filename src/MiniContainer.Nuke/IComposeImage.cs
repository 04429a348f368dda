using MiniContainer.Compose;
using MiniContainer.Images;
using MiniContainer.Nuke.Hosting;
using Nuke.Common;
using Nuke.Common.IO;
using Nuke.Common.Tooling;

namespace MiniContainer.Nuke;

/// <summary>Image: composes one runtime image per verified binary (base, /app, non-root user, CA bundle, OCI labels).</summary>
public interface IComposeImage : IVerifyBinary, ICaCertificates, IHazImage
{
    Target ComposeImage => _ => _
        .Description("Composes the runtime image of each binary in the engine")
        .DependsOn(VerifyBinary, CaCertificates)
        .Executes(() => StepRunner.RunAsync(async (engine, logger, cancellationToken) =>
        {
            foreach (var (binary, reference) in Images)
            {
                var labels = await new OciLabelRequest { Title = binary.Name, Version = Tag, SourceDirectory = GoModuleDirectory }
                    .Apply(OciLabelSettings).ResolveAsync(cancellationToken, logger);
                var spec = new RuntimeImageSpec().WithBinary(binary).WithLabels(labels).Apply(RuntimeImageBase).Apply(RuntimeImageSettings);
                await ComposeImageStep.RunAsync(engine, new ComposeImageRequest(spec, reference), logger, cancellationToken);
            }
        }));

    sealed Configure<RuntimeImageSpec> RuntimeImageBase => _ => _
        .WithBaseImage(BaseImage ?? _.BaseImage)
        .WithCaBundle(CaBundleFile.FileExists() ? CaBundleFile : null);

    /// <summary>The hook for each image, e.g. <c>_ =&gt; _.WithExposedPort(8080).WithCommand("-addr", ":8080")</c>.</summary>
    Configure<RuntimeImageSpec> RuntimeImageSettings => _ => _;

    /// <summary>The hook for the OCI labels, e.g. <c>_ =&gt; _ with { Source = "https://github.com/me/app" }</c>.</summary>
    Configure<OciLabelRequest> OciLabelSettings => _ => _;
}
