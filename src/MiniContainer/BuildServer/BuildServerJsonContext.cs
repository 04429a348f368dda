using System.Text.Json.Serialization;
using MiniContainer.Pipeline;
using MiniContainer.SmokeTest;

namespace MiniContainer.BuildServer;

/// <summary>The build server's requests: the script's settings and the summary's entries, generated at compile time.</summary>
[JsonSourceGenerationOptions(UseStringEnumConverter = true, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(PipelineScript))]
[JsonSerializable(typeof(ScriptSnapshot))]
[JsonSerializable(typeof(SmokeTestSpec))]
[JsonSerializable(typeof(RunSummaryEntry))]
internal sealed partial class BuildServerJsonContext : JsonSerializerContext;

/// <summary>What a build writes to the server, through the generated fast path only: a build's process pays no metadata for it.</summary>
[JsonSourceGenerationOptions(GenerationMode = JsonSourceGenerationMode.Serialization, UseStringEnumConverter = true, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(PipelineScript))]
[JsonSerializable(typeof(SmokeTestSpec))]
internal sealed partial class BuildServerWriteContext : JsonSerializerContext;
