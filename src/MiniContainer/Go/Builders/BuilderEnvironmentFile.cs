using System.Text;
using MiniContainer.Go;

namespace MiniContainer.Go.Builders;

/// <summary>
/// How a one-shot builder container gets the go command's environment without it showing in the
/// container's config, where `docker inspect` would print a GOPROXY token or a netrc to anyone with
/// engine access: a file copied in before the start, read by the command's shell and removed
/// before go runs. A warm builder needs none of this: it passes the environment to each exec only.
/// </summary>
internal static class BuilderEnvironmentFile
{
    public const string PathInContainer = "/minicontainer/build.env";

    /// <summary>The file: one <c>export KEY='value'</c> line per variable, single-quoted so no value is ever interpreted.</summary>
    public static byte[] Content(GoInvocation invocation)
    {
        var text = new StringBuilder();
        foreach (var (name, value) in invocation.Environment.OrderBy(e => e.Key, StringComparer.Ordinal))
            text.Append("export ").Append(name).Append("='").Append(value.Replace("'", "'\\''")).Append("'\n");
        return Encoding.UTF8.GetBytes(text.ToString());
    }

    /// <summary>The argv that reads the file, removes it, and runs the go command in its place.</summary>
    /// <remarks>A builder image that runs as another user may not remove the root-owned file; it then goes with the container.</remarks>
    public static IReadOnlyList<string> Command(GoInvocation invocation) =>
        ["sh", "-c", $". {PathInContainer} || exit 125; rm -f {PathInContainer} 2>/dev/null; exec \"$@\"", "sh", .. invocation.Argv];
}
