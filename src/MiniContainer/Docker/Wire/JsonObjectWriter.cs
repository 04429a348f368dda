using System.Text;
using System.Text.Json;

namespace MiniContainer.Docker.Wire;

/// <summary>Small JSON objects written with Utf8JsonWriter: the serializer's first use costs ~50 ms in a fresh process.</summary>
internal static class JsonObjectWriter
{
    public static byte[] ObjectBytes(Action<Utf8JsonWriter> writeProperties)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writeProperties(writer);
            writer.WriteEndObject();
        }
        return buffer.ToArray();
    }

    public static string Object(Action<Utf8JsonWriter> writeProperties) => Encoding.UTF8.GetString(ObjectBytes(writeProperties));
}
