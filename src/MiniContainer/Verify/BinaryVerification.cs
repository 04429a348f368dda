using Microsoft.Extensions.Logging;
using MiniContainer.Elf;

namespace MiniContainer.Verify;

/// <summary>The Verify pipeline step: inspect, log the table, write <c>&lt;binary&gt;.verify.json</c>, fail on a policy error.</summary>
public static class BinaryVerification
{
    /// <exception cref="BinaryInspectionException">The file cannot be read as an ELF binary.</exception>
    /// <exception cref="BinaryVerificationFailedException">The binary does not meet the policy; the JSON report is written first.</exception>
    public static async Task<VerificationResult> RunAsync(string binaryPath, VerificationPolicy policy, ILogger logger, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(logger);
        cancellationToken.ThrowIfCancellationRequested();
        var result = new StaticBinaryVerifier().Verify(binaryPath, policy);

        var table = VerificationReportTable.Render(result);
        if (result.Passed)
        {
            logger.LogInformation("Verified {Binary}:{NewLine}{Table}", binaryPath, Environment.NewLine, table);
        }
        else
        {
            logger.LogError("Verification of {Binary} failed:{NewLine}{Table}", binaryPath, Environment.NewLine, table);
        }

        var jsonPath = VerificationReportJson.PathFor(binaryPath);
        // Beside the binary, where the builder container could write: no predictable path is opened.
        var json = System.Text.Encoding.UTF8.GetBytes(VerificationReportJson.ToJson(result));
        await ArtifactFile.WriteAsync(jsonPath, ArtifactFile.DataMode, (file, ct) => file.WriteAsync(json, ct).AsTask(), cancellationToken).ConfigureAwait(false);
        logger.LogDebug("Wrote the verification report to {ReportPath}", jsonPath);

        return result.Passed ? result : throw new BinaryVerificationFailedException(result);
    }
}
