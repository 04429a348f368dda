using System.Security.Cryptography;
using MiniContainer.Docker;

namespace MiniContainer.Go.Builders;

/// <summary>A secret one go command in the builder reads: its path there and its bytes.</summary>
internal sealed record BuilderSecretFile(string Path, byte[] Content);

/// <summary>
/// The secret files of one go command in a builder container (the .netrc, the git token): each copied in at a fresh
/// private path before the command (the engine's archive API: no bind, no layer, no Config.Env), named to go and git
/// through the command's own environment, and removed by the command's shell as soon as go ends.
/// </summary>
internal static class BuilderSecretFiles
{
    private const UnixFileMode Mode = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    /// <summary>A fresh path per command in the container's /tmp, so two builds in one warm builder never share one.</summary>
    private static string NewPath(string name) => $"/tmp/.minicontainer-{name}-{Convert.ToHexString(RandomNumberGenerator.GetBytes(12)).ToLowerInvariant()}";

    /// <summary>
    /// The invocation that finds the files and, keeping go's exit code, removes them after it (reporting the hosts that refused
    /// the git token first), and the files to copy in; the same invocation when it has no secret.
    /// </summary>
    public static (GoInvocation Invocation, IReadOnlyList<BuilderSecretFile> Files) For(GoInvocation invocation)
    {
        var files = new List<BuilderSecretFile>();
        var removed = new List<string>();
        var report = "";
        if (invocation.NetrcFile is { } netrcFile)
        {
            var netrc = new BuilderSecretFile(NewPath("netrc"), BuilderNetrc.Read(netrcFile));
            invocation = BuilderNetrc.WithNetrcAt(invocation, netrc.Path);
            files.Add(netrc);
            removed.Add(netrc.Path);
        }
        if (invocation.GitCredential is { } credential)
        {
            var token = new BuilderSecretFile(NewPath("git-credential"), BuilderGitCredential.Content(credential));
            invocation = BuilderGitCredential.WithHelperReading(invocation, credential, token.Path);
            files.Add(token);
            removed.AddRange([token.Path, BuilderGitCredential.RefusalsOf(token.Path)]);
            report = BuilderGitCredential.ReportRefusals(token.Path) + "; ";
        }
        if (files.Count == 0) return (invocation, files);
        return (invocation with { Argv = ["sh", "-c", $"\"$@\"; rc=$?; {report}rm -f {string.Join(' ', removed)}; exit $rc", "sh", .. invocation.Argv] }, files);
    }

    public static async Task CopyInAsync(ContainerFiles engineFiles, string container, IReadOnlyList<BuilderSecretFile> files, CancellationToken cancellationToken)
    {
        foreach (var file in files)
            await engineFiles.CopyFileInAsync(container, file.Path, file.Content, Mode, cancellationToken).ConfigureAwait(false);
    }
}
