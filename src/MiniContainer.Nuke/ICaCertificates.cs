using MiniContainer.Nuke.Hosting;
using Nuke.Common;

namespace MiniContainer.Nuke;

/// <summary>CaCertificates: stages the CA bundle the image trusts (--ca-bundle, plus --ca-file) in the artifacts' image/.</summary>
public interface ICaCertificates : IVerifyBinary
{
    Target CaCertificates => _ => _
        .Description("Stages the CA bundle the image trusts (--ca-bundle, --ca-file)")
        .DependsOn(VerifyBinary)
        .Executes(() => NukeStepExecution.Run(this, "CaCertificates"));
}
