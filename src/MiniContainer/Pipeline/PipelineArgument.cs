namespace MiniContainer.Pipeline;

/// <summary>
/// One setting of the pipeline as a host shows it: <c>--name=value</c> (Cake), <c>--name value</c> (NUKE),
/// or the <c>MINICONTAINER_&lt;NAME&gt;</c> variable, with what it sets and its default for the README's table.
/// </summary>
public sealed record PipelineArgument(string Name, string Meaning, string Default)
{
    public string EnvironmentVariable => "MINICONTAINER_" + Name.ToUpperInvariant().Replace('-', '_');

    public string CommandLine => "--" + Name;

    /// <summary>The value is a comma-separated list (Cake: <c>--packages=./cmd/a,./cmd/b</c>; NUKE: space-separated, <c>--packages ./cmd/a ./cmd/b</c>).</summary>
    public bool IsList { get; init; }

    /// <summary>A secret the command line must not carry (ps, shell history and CI logs show it): only its variable or the build script set it.</summary>
    public bool RefusedOnCommandLine { get; init; }

    /// <summary>The name as a C# member, as NUKE derives a parameter's name from it: <c>builder-image</c> is <c>BuilderImage</c>.</summary>
    public string MemberName => string.Concat(Name.Split('-').Select(part => char.ToUpperInvariant(part[0]) + part[1..]));
}
