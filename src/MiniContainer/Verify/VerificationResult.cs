using MiniContainer.Elf;

namespace MiniContainer.Verify;

public enum FindingSeverity
{
    Warning,
    Error,
}

/// <summary>One thing wrong with the binary, with what to do about it.</summary>
/// <param name="Code">A stable identifier, e.g. "dynamic", "wrong-arch", "glibc-nss", "debug-info", "not-go".</param>
public sealed record VerificationFinding(FindingSeverity Severity, string Code, string Message);

public sealed record VerificationResult(BinaryReport Report, VerificationPolicy Policy, IReadOnlyList<VerificationFinding> Findings)
{
    public bool Passed => Findings.All(f => f.Severity != FindingSeverity.Error);
}
