using MiniContainer.Nuke.Hosting;
using MiniContainer.Verify;
using Nuke.Common;
using Nuke.Common.Tooling;

namespace MiniContainer.Nuke;

/// <summary>Verify: each binary is static, of the target architecture, as asked; a report is written beside it.</summary>
public interface IVerifyBinary : IGoCompile
{
    Target VerifyBinary => _ => _
        .Description("Checks that every binary is static and built for the target architecture")
        .DependsOn(GoCompile)
        .Executes(() => StepRunner.RunAsync(async (logger, cancellationToken) =>
        {
            var policy = new VerificationPolicy().Apply(VerificationPolicyBase).Apply(VerificationSettings);
            foreach (var binary in Binaries)
                await BinaryVerification.RunAsync(binary, policy, logger, cancellationToken);
        }));

    sealed Configure<VerificationPolicy> VerificationPolicyBase => _ => _ with
    {
        ExpectedGoArch = GoBuildOptions.GoArch,
        StripDwarfRequested = GoBuildOptions.StripDwarf,
        ExpectGoBinary = true,
    };

    /// <summary>The hook for the policy, e.g. <c>_ =&gt; _ with { DebugInfoIsError = true }</c>.</summary>
    Configure<VerificationPolicy> VerificationSettings => _ => _;
}
