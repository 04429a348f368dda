using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using MiniContainer.Elf;
using MiniContainer.Steps;

namespace MiniContainer;

/// <summary>
/// The one serializer for the documents MiniContainer writes and reads back, generated at compile time:
/// the reflection serializer's first use cost each build process ~50 ms. Names are camelCase unless a
/// document says otherwise; escaping and indentation are the writer's, so each document keeps its bytes
/// (<see cref="Compact"/> for OCI documents: their media types hold '+').
/// </summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    PropertyNameCaseInsensitive = true, // compile records written before the move read too ("Fingerprint")
    Converters = [typeof(CamelCaseEnum<FindingSeverity>), typeof(CamelCaseEnum<Linkage>), typeof(CamelCaseEnum<LibcFlavour>)])]
[JsonSerializable(typeof(CompileRecord))]
[JsonSerializable(typeof(VerificationReportJson.Document))]
[JsonSerializable(typeof(JsonNode))]
[JsonSerializable(typeof(IReadOnlyList<string>))]
internal sealed partial class MiniContainerJsonContext : JsonSerializerContext
{
    /// <summary>Compact UTF-8 with only the escapes JSON needs: the form of every OCI document we write.</summary>
    public static readonly JsonWriterOptions Compact = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>Two-space indents with only the escapes JSON needs: the SPDX document.</summary>
    public static readonly JsonWriterOptions IndentedRelaxed = new() { Indented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>Two-space indents, non-ASCII and HTML characters escaped: the verification report.</summary>
    public static readonly JsonWriterOptions Indented = new() { Indented = true };

    public static byte[] Write<T>(T value, JsonTypeInfo<T> type, JsonWriterOptions options)
    {
        var buffer = new System.Buffers.ArrayBufferWriter<byte>(1024);
        using (var writer = new Utf8JsonWriter(buffer, options)) JsonSerializer.Serialize(writer, value, type);
        return buffer.WrittenSpan.ToArray();
    }

    public static string WriteText<T>(T value, JsonTypeInfo<T> type, JsonWriterOptions options) =>
        System.Text.Encoding.UTF8.GetString(Write(value, type, options));

    /// <summary>An enum as its camelCase name ("StaticPie" -> "staticPie"), as the verification report documents.</summary>
    internal sealed class CamelCaseEnum<T>() : JsonStringEnumConverter<T>(JsonNamingPolicy.CamelCase) where T : struct, Enum;
}
