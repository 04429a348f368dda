using System.Text.Json;

namespace MiniContainer.IntegrationTests.Compose;

/// <summary>A layer's diffID record as ComposeImage keeps it (Key, DiffId, Size), read and written as a user's tool would.</summary>
internal sealed record LayerRecordFile(string Key, string DiffId, long Size)
{
    public static LayerRecordFile Read(string path)
    {
        using var json = JsonDocument.Parse(File.ReadAllBytes(path));
        var root = json.RootElement;
        return new LayerRecordFile(root.GetProperty("Key").GetString()!, root.GetProperty("DiffId").GetString()!, root.GetProperty("Size").GetInt64());
    }

    public static void Write(string path, LayerRecordFile record) =>
        File.WriteAllText(path, JsonSerializer.Serialize(new Dictionary<string, object> { ["Key"] = record.Key, ["DiffId"] = record.DiffId, ["Size"] = record.Size }));
}
