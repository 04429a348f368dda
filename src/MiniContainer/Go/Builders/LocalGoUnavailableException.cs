namespace MiniContainer.Go.Builders;

/// <summary>The host has no go (or no C compiler) for a local build.</summary>
public sealed class LocalGoUnavailableException(string program, string why)
    : MiniContainerException($"The local build needs {program}, which {why}. Install Go and a musl C compiler (Debian: `apt-get install golang-go musl-tools`), " +
                             "name them (LocalGoBuilder.GoExecutable, --builder-cc), or build in the engine's builder container instead.");
