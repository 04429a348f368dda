using System.Diagnostics;

namespace MiniContainer.Sbom;

/// <summary>The commit a source folder is checked out at, and whether files differ from it (git status, untracked files included, as Go's vcs.modified).</summary>
public sealed record SourceRevision(string Revision, bool Modified)
{
    /// <summary>Reads the checkout holding <paramref name="directory"/>; null outside one or without git.</summary>
    public static async Task<SourceRevision?> ReadAsync(string directory, CancellationToken cancellationToken)
    {
        var head = await RunGitAsync(directory, cancellationToken, "rev-parse", "HEAD").ConfigureAwait(false);
        if (head is null || head.Trim().Length == 0) return null;
        var status = await RunGitAsync(directory, cancellationToken, "status", "--porcelain").ConfigureAwait(false);
        return new SourceRevision(head.Trim(), status is { Length: > 0 } && status.Trim().Length > 0);
    }

    private static async Task<string?> RunGitAsync(string directory, CancellationToken cancellationToken, params string[] arguments)
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
