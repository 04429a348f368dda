using System.ComponentModel;
using System.Diagnostics;
using Microsoft.Extensions.Logging;
using MiniContainer.Docker;
using MiniContainer.Go;

namespace MiniContainer.Go.Builders;

/// <summary>
/// Runs one go command on the host: the invocation's exact argv and environment over the host's
/// own, in the module's folder, each output line logged. Killed with its children on cancellation.
/// </summary>
internal static class LocalGoProcess
{
    public static async Task<ContainerExit> RunAsync(LocalGoBuilder builder, string workingDirectory, GoInvocation invocation, ILogger logger, CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo(invocation.Argv[0] == "go" ? builder.GoExecutable : invocation.Argv[0])
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in invocation.Argv.Skip(1)) start.ArgumentList.Add(argument);
        foreach (var (name, value) in invocation.Environment) start.Environment[name] = value;
        // This machine's Go reads the file where it is: only its path is in go's environment.
        if (invocation.NetrcFile is { } netrc) start.Environment[BuilderNetrc.Variable] = netrc;
        // The git token: a private file for this command, read by the helper merged into this machine's GIT_CONFIG_* entries.
        using var gitToken = invocation.GitCredential is { } credential ? LocalSecretFile.Create(BuilderGitCredential.Content(credential), BuilderGitCredential.RefusalsOf) : null;
        if (gitToken is not null)
            foreach (var (name, value) in BuilderGitCredential.WithHelpers(
                         start.Environment.Where(e => e.Value is not null).ToDictionary(e => e.Key, e => e.Value!, StringComparer.Ordinal), invocation.GitCredential!, gitToken.Path))
                start.Environment[name] = value;

        var lines = new List<ContainerOutputLine>();
        void Collect(string? text, bool isError)
        {
            if (text is null) return;
            lock (lines) lines.Add(new ContainerOutputLine(text, isError));
            logger.LogInformation("{Line}", text);
        }

        Process process;
        try
        {
            process = Process.Start(start)!;
        }
        catch (Win32Exception e)
        {
            throw new LocalGoUnavailableException(start.FileName, $"could not be started ({e.Message})");
        }
        using (process)
        {
            process.OutputDataReceived += (_, e) => Collect(e.Data, false);
            process.ErrorDataReceived += (_, e) => Collect(e.Data, true);
            process.BeginOutputReadLine();
            process.BeginErrorReadLine();
            try
            {
                await process.WaitForExitAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                process.Kill(entireProcessTree: true);
                throw;
            }
            process.WaitForExit(); // drains the redirected streams
            if (gitToken is not null)
                foreach (var host in RefusalsOf(gitToken)) Collect(BuilderGitCredential.RefusedLine + host, true);
            lock (lines) return new ContainerExit(process.ExitCode, lines.ToList());
        }
    }

    // The hosts the helper noted as refusing the token (the note is removed with the token's file).
    private static IReadOnlyList<string> RefusalsOf(LocalSecretFile token)
    {
        var refusals = BuilderGitCredential.RefusalsOf(token.Path);
        return File.Exists(refusals) ? File.ReadAllLines(refusals).Where(l => l.Length > 0).Distinct(StringComparer.Ordinal).ToList() : [];
    }

    /// <summary>GOMODCACHE and GOCACHE as the host's go reports them.</summary>
    public static async Task<GoCachePaths> HostCachesAsync(LocalGoBuilder builder, CancellationToken cancellationToken)
    {
        if (builder.CacheDirectory is { } folder)
            return new GoCacheFolder(folder).Prepare().HostPaths;
        var exit = await RunAsync(builder, Directory.GetCurrentDirectory(), new GoInvocation(["go", "env", "GOMODCACHE", "GOCACHE"], new Dictionary<string, string>()),
            Microsoft.Extensions.Logging.Abstractions.NullLogger.Instance, cancellationToken).ConfigureAwait(false);
        var values = exit.Output.Where(l => !l.IsError).Select(l => l.Text.Trim()).ToList();
        if (exit.ExitCode != 0 || values.Count != 2 || values.Any(v => v.Length == 0 || v == "off"))
            throw new LocalGoUnavailableException(builder.GoExecutable, $"did not report its caches (`go env GOMODCACHE GOCACHE` gave: {string.Join(" / ", exit.Output.Select(l => l.Text))})");
        return new GoCachePaths(values[0], values[1]);
    }
}
