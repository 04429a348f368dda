using System.Diagnostics;
using System.Globalization;

namespace MiniContainer.Images.Spec;

/// <summary>The commit a source folder is checked out at: revision and commit time, read with git.</summary>
public sealed record GitCommit(string Revision, DateTimeOffset CommitTime)
{
    /// <summary>Reads HEAD of the repository holding <paramref name="directory"/>; null when it is not in one or git is missing.</summary>
    public static async Task<GitCommit?> ReadAsync(string directory, CancellationToken cancellationToken)
    {
        var output = await RunGitAsync(directory, cancellationToken, "log", "-1", "--format=%H %ct").ConfigureAwait(false);
        var parts = output?.Trim().Split(' ');
        if (parts is not { Length: 2 } || !long.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var seconds)) return null;
        return new GitCommit(parts[0], DateTimeOffset.FromUnixTimeSeconds(seconds));
    }

    private static async Task<string?> RunGitAsync(string directory, CancellationToken cancellationToken, params string[] arguments)
    {
        var start = new ProcessStartInfo("git") { WorkingDirectory = directory, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in arguments) start.ArgumentList.Add(argument);
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
            return null; // git is not installed: no revision label, not a failure.
        }
    }
}
