using System.Collections.Concurrent;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Logging;

namespace MiniContainer;

/// <summary>A git repository that git refuses because another user owns it: recognised in git's message, warned about once per process.</summary>
internal static partial class UntrustedCheckout
{
    private static readonly ConcurrentDictionary<string, bool> Warned = new(StringComparer.Ordinal);

    /// <summary>The refused repository's folder, from git's "detected dubious ownership" (git ≥ 2.36) or "unsafe repository" (2.35.2) message; null for any other failure.</summary>
    public static string? RefusedRepository(string stderr)
    {
        var match = RefusalPattern().Match(stderr);
        return match.Success ? match.Groups["path"].Value : null;
    }

    /// <summary>Forgets which folders were warned about: a build server's next run warns again.</summary>
    public static void Forget() => Warned.Clear();

    /// <summary>Warns that the build goes on without the revision, naming the folder and how its owner can mark it safe; once per folder.</summary>
    public static void WarnOnce(ILogger? logger, string repository)
    {
        if (logger is null || !logger.IsEnabled(LogLevel.Warning) || !Warned.TryAdd(repository, true)) return;
        logger.LogWarning(
            "git refuses the repository at {Repository}: it is owned by another user than this build's, so its configuration (hooks, core.fsmonitor) is not run. "
            + "The build goes on without the git revision (no revision label, no VCS stamp in the binaries). If you trust it, mark it safe: git config --global --add safe.directory {Repository}",
            repository, repository);
    }

    [GeneratedRegex(@"(?:dubious ownership in repository at '(?<path>[^']+)'|unsafe repository \('(?<path>[^']+)' is owned by someone else\))")]
    private static partial Regex RefusalPattern();
}
