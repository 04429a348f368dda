using System.Diagnostics;

namespace MiniContainer;

/// <summary>Runs git in a folder and returns what it printed; null when git fails there (not a checkout) or is not installed.</summary>
internal static class GitOutput
{
    public static async Task<string?> ReadAsync(string directory, CancellationToken cancellationToken, params string[] arguments)
    {
        var start = new ProcessStartInfo("git") { WorkingDirectory = directory, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in arguments) start.ArgumentList.Add(argument);
        // The checkout may belong to another user than the build (a CI volume): let git read it.
        start.Environment["GIT_CONFIG_COUNT"] = "1";
        start.Environment["GIT_CONFIG_KEY_0"] = "safe.directory";
        start.Environment["GIT_CONFIG_VALUE_0"] = "*";
        try
        {
            using var git = Process.Start(start)!;
            var stdout = git.StandardOutput.ReadToEndAsync(cancellationToken);
            var stderr = git.StandardError.ReadToEndAsync(cancellationToken);
            await git.WaitForExitAsync(cancellationToken).ConfigureAwait(false);
            await stderr.ConfigureAwait(false);
            return git.ExitCode == 0 ? await stdout.ConfigureAwait(false) : null;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return null; // no git: no revision, not a failure.
        }
    }
}
