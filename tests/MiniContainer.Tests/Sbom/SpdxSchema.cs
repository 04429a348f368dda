using NJsonSchema;

namespace MiniContainer.Tests.Sbom;

/// <summary>The SPDX project's own 2.3 JSON schema (test data, see README.md), as an independent judge of our documents.</summary>
public static class SpdxSchema
{
    private static readonly Lazy<JsonSchema> Schema = new(() =>
        JsonSchema.FromJsonAsync(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Sbom", "spdx-schema-2.3.json"))).GetAwaiter().GetResult());

    /// <summary>Every schema violation in the document, as "path: kind" lines; empty when it is valid.</summary>
    public static IReadOnlyList<string> Violations(string json) =>
        Schema.Value.Validate(json).Select(e => $"{e.Path}: {e.Kind} ({e.Property})").ToList();
}
