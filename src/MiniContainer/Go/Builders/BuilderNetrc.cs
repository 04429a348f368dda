namespace MiniContainer.Go.Builders;

/// <summary>
/// How go in a builder container gets the .netrc of private modules without it showing anywhere a
/// container is inspected: the file is copied in (the engine's archive API, so a remote engine works
/// too) at a private path, NETRC names it in the go command's environment only, and the command's
/// shell removes it as soon as go ends (<see cref="BuilderSecretFiles"/>). No bind mount, no Config.Env, no layer.
/// </summary>
internal static class BuilderNetrc
{
    /// <summary>The variable Go reads the .netrc's path from (cmd/go/internal/auth).</summary>
    public const string Variable = "NETRC";

    /// <summary>The file's bytes; a clear error when it went away since the settings were read.</summary>
    public static byte[] Read(string hostPath)
    {
        try
        {
            return File.ReadAllBytes(hostPath);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new MiniContainerException($"The .netrc for private modules ({hostPath}) could not be read: {e.Message} Give a readable file with --go-netrc.");
        }
    }

    /// <summary>The invocation with NETRC pointing at <paramref name="pathInContainer"/>.</summary>
    public static GoInvocation WithNetrcAt(GoInvocation invocation, string pathInContainer) =>
        invocation with { Environment = new Dictionary<string, string>(invocation.Environment, StringComparer.Ordinal) { [Variable] = pathInContainer } };
}
