using System.Text.Json.Serialization;
using MiniContainer.Pipeline;
using MiniContainer.SmokeTest;

namespace MiniContainer.BuildServer;

/// <summary>What the build server reads from a build's request: the script's settings, generated at compile time.</summary>
[JsonSourceGenerationOptions(UseStringEnumConverter = true, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(PipelineScript))]
[JsonSerializable(typeof(ScriptSnapshot))]
[JsonSerializable(typeof(SmokeTestSpec))]
internal sealed partial class BuildServerJsonContext : JsonSerializerContext;

/// <summary>What a build writes to the server, through the generated fast path only: a build's process pays no metadata for it.</summary>
[JsonSourceGenerationOptions(GenerationMode = JsonSourceGenerationMode.Serialization, UseStringEnumConverter = true, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(PipelineScript))]
[JsonSerializable(typeof(SmokeTestSpec))]
internal sealed partial class BuildServerWriteContext : JsonSerializerContext;
