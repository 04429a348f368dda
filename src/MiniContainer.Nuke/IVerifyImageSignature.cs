using MiniContainer.Nuke.Hosting;
using Nuke.Common;

namespace MiniContainer.Nuke;

/// <summary>
/// VerifyImageSignature: checks each pushed image's cosign signature in --registry against --verify-key, as a release does
/// before it deploys. No dependencies, as in Cake: it checks what PublishImage pushed, in the same run after it or in a later one.
/// </summary>
public interface IVerifyImageSignature : IHazMiniContainer
{
    Target VerifyImageSignature => _ => _
        .Description("Checks each pushed image's signature against --verify-key")
        .Executes(() => NukeStepExecution.Run(this, "VerifyImageSignature"));
}
