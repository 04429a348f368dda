using MiniContainer.Nuke.Hosting;
using MiniContainer.Verify;
using Nuke.Common;

namespace MiniContainer.Nuke;

/// <summary>VerifyBinary: every binary is static and for the target machine (or the --binary file alone); a report beside each.</summary>
public interface IVerifyBinary : IGoCompile
{
    [Parameter("Verify this file instead of the compiled binaries (skips GoRestore and GoCompile)")]
    string Binary => TryGetValue(() => Binary);

    Target VerifyBinary => _ => _
        .Description("Checks every binary is static and for the target machine (or --binary <file>)")
        .DependsOn(GoCompile)
        .Executes(() => NukeStepExecution.Run(this, "VerifyBinary"));
}
