using System.Text.Json.Nodes;
using MiniContainer.Images;
using MiniContainer.Oci.Layers;

namespace MiniContainer.Oci.Json;

/// <summary>A layer this build adds, and the history line that says what made it.</summary>
public sealed record AddedLayer(LayerBlob Blob, string CreatedBy);

/// <summary>
/// Composes the image config for a <see cref="RuntimeImageSpec"/> on a base config, with the
/// semantics of the engine path's Dockerfile: base Env, ports and labels kept and extended, USER
/// (null keeps the base's), WORKDIR /app, ENTRYPOINT replacing the base's and so clearing its CMD.
/// Pure: same inputs, same bytes (keys in a fixed order, maps sorted).
/// </summary>
public static class ImageConfigComposer
{
    // Image-config fields of the base worth keeping; the rest of a Docker config describes the base's build container.
    private static readonly string[] KeptBaseConfigFields = ["Volumes", "StopSignal", "Healthcheck"];

    public static byte[] Compose(ImageConfig? baseConfig, RuntimeImageSpec spec, IReadOnlyList<AddedLayer> layers, DateTimeOffset created, OciPlatform platform)
    {
        var time = OciJson.Time(created);
        var baseJson = baseConfig?.Json;
        var baseInner = baseJson?["config"] as JsonObject;

        var root = new JsonObject { ["created"] = time };
        if (baseJson is not null && OciJson.String(baseJson, "author") is { } author) root["author"] = author;
        root["architecture"] = platform.Architecture;
        root["os"] = platform.Os;
        if (platform.Variant is not null) root["variant"] = platform.Variant;
        root["config"] = Config(baseInner, spec);
        root["rootfs"] = new JsonObject
        {
            ["type"] = "layers",
            ["diff_ids"] = new JsonArray([
                .. (baseConfig?.DiffIds ?? []).Select(d => (JsonNode)d.ToString()),
                .. layers.Select(l => (JsonNode)l.Blob.DiffId.ToString())]),
        };
        root["history"] = History(baseJson, spec, layers, time);
        return OciJson.Serialize(root);
    }

    private static JsonObject Config(JsonObject? baseInner, RuntimeImageSpec spec)
    {
        var config = new JsonObject();
        var user = spec.User ?? (baseInner is null ? null : OciJson.String(baseInner, "User"));
        if (!string.IsNullOrEmpty(user)) config["User"] = user;

        var ports = new SortedSet<string>(StringComparer.Ordinal);
        if (baseInner?["ExposedPorts"] is JsonObject basePorts) ports.UnionWith(basePorts.Select(p => p.Key));
        ports.UnionWith(spec.ExposedPorts.Select(p => p.ToString()));
        if (ports.Count > 0) config["ExposedPorts"] = new JsonObject(ports.Select(p => KeyValuePair.Create(p, (JsonNode?)new JsonObject())));

        var environment = Environment(baseInner, spec);
        if (environment.Count > 0) config["Env"] = new JsonArray(environment.Select(e => (JsonNode)e).ToArray());

        config["Entrypoint"] = Strings(spec.EffectiveEntrypoint);
        if (spec.Command is not null) config["Cmd"] = Strings(spec.Command);
        config["WorkingDir"] = spec.WorkingDirectory;

        var labels = new SortedDictionary<string, string>(StringComparer.Ordinal);
        if (baseInner?["Labels"] is JsonObject baseLabels)
            foreach (var (key, value) in baseLabels)
                if (value is JsonValue v && v.TryGetValue<string>(out var text)) labels[key] = text;
        foreach (var (key, value) in spec.Labels) labels[key] = value;
        if (labels.Count > 0) config["Labels"] = new JsonObject(labels.Select(l => KeyValuePair.Create(l.Key, (JsonNode?)l.Value)));

        foreach (var field in KeptBaseConfigFields)
            if (baseInner?[field] is { } value && value.GetValueKind() != System.Text.Json.JsonValueKind.Null)
                config[field] = value.DeepClone();
        return config;
    }

    /// <summary>The base's KEY=value lines in their order, each overridden in place or appended (sorted) by the spec.</summary>
    internal static List<string> Environment(JsonObject? baseInner, RuntimeImageSpec spec)
    {
        var lines = baseInner?["Env"] is JsonArray baseEnv
            ? baseEnv.OfType<JsonValue>().Select(v => v.TryGetValue<string>(out var s) ? s : null).OfType<string>().ToList()
            : [];
        foreach (var (name, value) in spec.Environment)
        {
            var index = lines.FindIndex(l => l.Split('=', 2)[0] == name);
            if (index >= 0) lines[index] = $"{name}={value}";
            else lines.Add($"{name}={value}");
        }
        return lines;
    }

    private static JsonArray History(JsonObject? baseJson, RuntimeImageSpec spec, IReadOnlyList<AddedLayer> layers, string time)
    {
        var history = new JsonArray();
        if (baseJson?["history"] is JsonArray baseHistory)
            foreach (var entry in baseHistory) history.Add(entry?.DeepClone());
        foreach (var layer in layers)
            history.Add(new JsonObject { ["created"] = time, ["created_by"] = layer.CreatedBy, ["comment"] = "minicontainer" });
        var settings = $"WORKDIR {spec.WorkingDirectory}; ENTRYPOINT {OciJson.Array(spec.EffectiveEntrypoint)}" +
                       (spec.Command is null ? "" : $"; CMD {OciJson.Array(spec.Command)}") +
                       (spec.User is null ? "" : $"; USER {spec.User}");
        history.Add(new JsonObject { ["created"] = time, ["created_by"] = settings, ["comment"] = "minicontainer", ["empty_layer"] = true });
        return history;
    }

    private static JsonArray Strings(IReadOnlyList<string> items) => new(items.Select(i => (JsonNode)i).ToArray());
}
