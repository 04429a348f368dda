using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;

namespace MiniContainer;

/// <summary>
/// The one serializer for the JSON documents MiniContainer writes (OCI config, manifests and indexes,
/// the SBOM, labels, Dockerfile exec arrays), generated at compile time: the reflection serializer's
/// first use cost each build process ~50 ms. The documents are built as JSON nodes; escaping and
/// indentation are the writer's, so each keeps its bytes (<see cref="Compact"/> for OCI documents:
/// their media types hold '+'). The compile record and the verification report stay hand-written
/// (Utf8JsonWriter): measured in a fresh process, the generated metadata of their records cost more
/// than those writers do.
/// </summary>
[JsonSerializable(typeof(JsonNode))]
[JsonSerializable(typeof(IReadOnlyList<string>))]
internal sealed partial class MiniContainerJsonContext : JsonSerializerContext
{
    /// <summary>Compact UTF-8 with only the escapes JSON needs: the form of every OCI document we write.</summary>
    public static readonly JsonWriterOptions Compact = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>Two-space indents with only the escapes JSON needs: the SPDX document.</summary>
    public static readonly JsonWriterOptions IndentedRelaxed = new() { Indented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static byte[] Write<T>(T value, JsonTypeInfo<T> type, JsonWriterOptions options)
    {
        var buffer = new System.Buffers.ArrayBufferWriter<byte>(1024);
        using (var writer = new Utf8JsonWriter(buffer, options)) JsonSerializer.Serialize(writer, value, type);
        return buffer.WrittenSpan.ToArray();
    }

    public static string WriteText<T>(T value, JsonTypeInfo<T> type, JsonWriterOptions options) =>
        System.Text.Encoding.UTF8.GetString(Write(value, type, options));
}
