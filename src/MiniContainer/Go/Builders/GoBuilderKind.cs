namespace MiniContainer.Go.Builders;

/// <summary>Where Restore and Compile run the go command.</summary>
public enum GoBuilderKind
{
    /// <summary>The engine's builder container when an engine answers; else the host's Go (<see cref="Local"/>).</summary>
    Auto,

    /// <summary>Always the builder container; fails when no engine answers.</summary>
    Engine,

    /// <summary>The host's Go and musl C compiler; no engine needed.</summary>
    Local,
}
