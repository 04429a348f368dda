namespace MiniContainer.Go;

/// <summary>A main package of the module, and the executable it builds into.</summary>
/// <param name="RelativePath">The package as the go command takes it, e.g. "." or "./cmd/api".</param>
/// <param name="ImportPath">The full import path.</param>
/// <param name="BinaryName">The executable's file name under artifacts/bin.</param>
public sealed record GoMainPackage(string RelativePath, string ImportPath, string BinaryName);
