using NJsonSchema;

namespace MiniContainer.Tests.Sbom;

/// <summary>
/// The SPDX project's own 2.3 JSON schema, as an independent judge of our documents. It is public
/// data that stays out of this repository: the tests read it from the steering repository's
/// shared/ folder beside the checkout (or MINICONTAINER_SPDX_SCHEMA), see README.md. A missing
/// schema fails the test that needs it: a validation that silently does not happen proves nothing.
/// </summary>
public static class SpdxSchema
{
    public const string SharedPath = "shared/spdx/spdx-schema-2.3.json";

    private static readonly Lazy<JsonSchema> Schema = new(() => JsonSchema.FromJsonAsync(File.ReadAllText(Location)).GetAwaiter().GetResult());

    /// <summary>The schema file; throws, saying where it was looked for, when there is none.</summary>
    public static string Location => Found.Value ?? throw new FileNotFoundException(
        $"The SPDX 2.3 JSON schema is not at ../{SharedPath} beside the checkout (nor beside a folder above it), nor named by MINICONTAINER_SPDX_SCHEMA: " +
        "put the steering repository's shared/ folder beside the checkout or set MINICONTAINER_SPDX_SCHEMA to the file.");

    private static readonly Lazy<string?> Found = new(Find);

    /// <summary>Every schema violation in the document, as "path: kind" lines; empty when it is valid.</summary>
    public static IReadOnlyList<string> Violations(string json) =>
        Schema.Value.Validate(json).Select(e => $"{e.Path}: {e.Kind} ({e.Property})").ToList();

    // CI's clone has shared/ beside it; a developer's worktree (folder/worktrees/name) finds it further up.
    private static string? Find()
    {
        if (Environment.GetEnvironmentVariable("MINICONTAINER_SPDX_SCHEMA") is { Length: > 0 } configured)
            return File.Exists(configured) ? configured : null;
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "MiniContainer.sln"))) directory = directory.Parent;
        for (var above = directory?.Parent; above is not null; above = above.Parent)
            if (Path.Combine(above.FullName, SharedPath) is var shared && File.Exists(shared)) return shared;
        return null;
    }
}
