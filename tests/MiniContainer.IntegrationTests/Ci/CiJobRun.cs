namespace MiniContainer.IntegrationTests.Ci;

/// <summary>What one run of a CI job did: each shell's output in order, whether all succeeded, and the cache keys it used.</summary>
public sealed record CiJobRun(bool Succeeded, string Output, string CacheKey, string? RestoredKey, IReadOnlyList<string> CachePaths);
