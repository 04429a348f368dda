using NJsonSchema;

namespace MiniContainer.Tests.Sbom;

/// <summary>
/// The SPDX project's own 2.3 JSON schema, as an independent judge of our documents. It is public
/// data that stays out of this repository: the tests read it from the steering repository's
/// shared/ folder beside the checkout (or MINICONTAINER_SPDX_SCHEMA), see README.md.
/// </summary>
public static class SpdxSchema
{
    public const string SharedPath = "shared/spdx/spdx-schema-2.3.json";

    private static readonly Lazy<JsonSchema?> Schema = new(() =>
        Location is { } path ? JsonSchema.FromJsonAsync(File.ReadAllText(path)).GetAwaiter().GetResult() : null);

    public static string? Location { get; } = Find();

    public static bool Available => Location is not null;

    /// <summary>Every schema violation in the document, as "path: kind" lines; empty when it is valid.</summary>
    public static IReadOnlyList<string> Violations(string json) =>
        (Schema.Value ?? throw new InvalidOperationException($"The SPDX 2.3 schema is not at {SharedPath}.")).Validate(json)
            .Select(e => $"{e.Path}: {e.Kind} ({e.Property})").ToList();

    private static string? Find()
    {
        if (Environment.GetEnvironmentVariable("MINICONTAINER_SPDX_SCHEMA") is { Length: > 0 } configured)
            return File.Exists(configured) ? configured : null;
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (!File.Exists(Path.Combine(directory.FullName, "MiniContainer.sln"))) continue;
            var shared = Path.Combine(directory.FullName, "..", SharedPath);
            return File.Exists(shared) ? Path.GetFullPath(shared) : null;
        }
        return null;
    }
}

/// <summary>A test that validates against the SPDX schema; skipped, saying why, where the schema is not provided.</summary>
public sealed class SpdxSchemaFactAttribute : FactAttribute
{
    public SpdxSchemaFactAttribute()
    {
        if (!SpdxSchema.Available)
            Skip = $"The SPDX 2.3 JSON schema is not at ../{SpdxSchema.SharedPath} (or MINICONTAINER_SPDX_SCHEMA): public data stays out of this repository.";
    }
}
