using MiniContainer.Nuke.Hosting;
using Nuke.Common;

namespace MiniContainer.Nuke;

/// <summary>ComposeImage: one runtime image per binary (or an OCI index over --platforms), in the engine or as an OCI layout, with its SBOM.</summary>
public interface IComposeImage : ICaCertificates
{
    Target ComposeImage => _ => _
        .Description("Composes the runtime image(s) on --base-image and tags them --image-name:--image-tag")
        .DependsOn(CaCertificates)
        .Executes(() => NukeStepExecution.Run(this, "ComposeImage"));
}
