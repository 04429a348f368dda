using MiniContainer.Elf;
using MiniContainer.Go;

namespace MiniContainer.Verify;

/// <summary>Reads an ELF binary with ELFSharp and judges whether it is the static binary the build asked for.</summary>
public sealed class StaticBinaryVerifier
{
    /// <summary>Reports what the file is; throws <see cref="BinaryInspectionException"/> when it cannot be read as ELF.</summary>
    public BinaryReport Inspect(string path) => BinaryInspector.Inspect(path);

    /// <summary>Inspects the file and judges it against the policy; does not throw on a failing binary (see <see cref="VerificationResult.Passed"/>).</summary>
    public VerificationResult Verify(string path, VerificationPolicy policy)
    {
        ArgumentNullException.ThrowIfNull(policy);
        if (policy.ExpectedGoArch is { } arch && !GoArchitecture.Known.Contains(arch))
        {
            throw new ArgumentException($"Unknown GOARCH '{arch}'; expected one of {string.Join(", ", GoArchitecture.Known)}.", nameof(policy));
        }

        var report = Inspect(path);
        return new VerificationResult(report, policy, VerificationPolicyEvaluator.Evaluate(report, policy));
    }
}
