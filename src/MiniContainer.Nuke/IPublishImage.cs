using MiniContainer.Nuke.Hosting;
using Nuke.Common;

namespace MiniContainer.Nuke;

/// <summary>PublishImage: pushes each image (or the index) to --registry with the user's credentials, attaches its SBOM, and saves the digest; without --registry it pushes nothing, saying so.</summary>
public interface IPublishImage : ISmokeTest
{
    Target PublishImage => _ => _
        .Description("Pushes the images to --registry (nothing without it) and saves their digests")
        .DependsOn(SmokeTest)
        .Executes(() => NukeStepExecution.Run(this, "PublishImage"));
}
