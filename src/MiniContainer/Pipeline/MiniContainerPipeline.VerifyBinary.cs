using Microsoft.Extensions.Logging;
using MiniContainer.Elf;
using MiniContainer.Go;
using MiniContainer.Verify;

namespace MiniContainer.Pipeline;

public sealed partial class MiniContainerPipeline
{
    /// <summary>VerifyBinary: every compiled binary (or the --binary file) is static and for the target machine; a report beside each.</summary>
    public Task VerifyBinaryAsync(CancellationToken cancellationToken)
    {
        if (Settings.IsMultiPlatform && Settings.Binary is null)
        {
            _logger.LogInformation("VerifyBinary: each platform's binaries are verified for its machine in ComposeImage, right after they are compiled.");
            return Task.CompletedTask;
        }
        return TimedAsync("VerifyBinary", async () =>
        {
            // The compiled binaries are judged by the flags Compile gave (-w always, -s unless --strip-symbols=false); a --binary file by its machine alone.
            var policy = Settings.Binary is null
                ? VerificationPolicy.ForGoBuild(Settings.GoArch ?? GoBuildOptions.HostGoArch(), GoCommandLine.LdFlags(GoBuildOptions))
                : new VerificationPolicy { ExpectedGoArch = Settings.GoArch, StripDwarfRequested = true };
            foreach (var binary in Settings.Binary is { } one ? [one] : Layout.CompiledBinaries())
                await VerifyAsync(binary, policy, Summary, _logger, cancellationToken).ConfigureAwait(false);
        });
    }

    /// <summary>Verifies one binary and records it in the summary, passed or failed.</summary>
    /// <exception cref="BinaryVerificationFailedException">It is not static, or not for the expected machine.</exception>
    public static async Task<VerificationResult> VerifyAsync(string binary, VerificationPolicy policy, RunSummary summary, ILogger logger, CancellationToken cancellationToken)
    {
        if (!File.Exists(binary))
            throw new MiniContainerException($"{binary} does not exist. Compile first (GoCompile), or name an existing file.");
        try
        {
            var result = await BinaryVerification.RunAsync(binary, policy, logger, cancellationToken).ConfigureAwait(false);
            summary.AddVerification(Path.GetFileName(binary), result.Report);
            return result;
        }
        catch (BinaryVerificationFailedException e)
        {
            summary.AddVerification(Path.GetFileName(binary), e.Result.Report);
            throw;
        }
    }
}
