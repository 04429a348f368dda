namespace MiniContainer.Verify;

/// <summary>The binary was read but does not meet the verification policy.</summary>
public sealed class BinaryVerificationFailedException : MiniContainerException
{
    public BinaryVerificationFailedException(VerificationResult result)
        : base(BuildMessage(result))
    {
        Result = result;
    }

    public VerificationResult Result { get; }

    private static string BuildMessage(VerificationResult result)
    {
        var errors = result.Findings.Where(f => f.Severity == FindingSeverity.Error).Select(f => "  - " + f.Message);
        return $"Binary '{result.Report.File.Path}' failed verification:{Environment.NewLine}{string.Join(Environment.NewLine, errors)}";
    }
}
