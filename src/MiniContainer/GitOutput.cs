using System.Diagnostics;
using Microsoft.Extensions.Logging;

namespace MiniContainer;

/// <summary>
/// Runs git in a folder and returns what it printed; null when git fails there (not a checkout), is
/// not installed, or refuses the repository because another user owns it (CVE-2022-24765: its config,
/// core.fsmonitor say, would run as the build's user). git's own safe.directory rule is never overridden.
/// </summary>
internal static class GitOutput
{
    public static async Task<string?> ReadAsync(string directory, ILogger? logger, CancellationToken cancellationToken, params string[] arguments)
    {
        var result = await RunAsync(directory, cancellationToken, arguments).ConfigureAwait(false);
        if (result is null) return null;
        if (result.Value.ExitCode == 0) return result.Value.Stdout;
        if (UntrustedCheckout.RefusedRepository(result.Value.Stderr) is { } refused) UntrustedCheckout.WarnOnce(logger, refused);
        return null;
    }

    /// <summary>Whether git refuses the repository holding <paramref name="directory"/> for its owner (warned once); false outside a checkout or without git.</summary>
    public static async Task<bool> RefusesAsync(string directory, ILogger? logger, CancellationToken cancellationToken)
    {
        var result = await RunAsync(directory, cancellationToken, ["rev-parse", "--git-dir"]).ConfigureAwait(false);
        if (result is not { ExitCode: not 0 } failed || UntrustedCheckout.RefusedRepository(failed.Stderr) is not { } refused) return false;
        UntrustedCheckout.WarnOnce(logger, refused);
        return true;
    }

    private static async Task<(int ExitCode, string Stdout, string Stderr)?> RunAsync(string directory, CancellationToken cancellationToken, string[] arguments)
    {
        var start = new ProcessStartInfo("git") { WorkingDirectory = directory, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in arguments) start.ArgumentList.Add(argument);
        // The refusal is matched in git's own English words.
        start.Environment["LC_ALL"] = "C";
        try
        {
            using var git = Process.Start(start)!;
            var stdout = git.StandardOutput.ReadToEndAsync(cancellationToken);
            var stderr = git.StandardError.ReadToEndAsync(cancellationToken);
            await git.WaitForExitAsync(cancellationToken).ConfigureAwait(false);
            return (git.ExitCode, await stdout.ConfigureAwait(false), await stderr.ConfigureAwait(false));
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return null; // no git: no revision, not a failure.
        }
    }
}
