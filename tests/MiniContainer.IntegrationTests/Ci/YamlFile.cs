using YamlDotNet.RepresentationModel;

namespace MiniContainer.IntegrationTests.Ci;

/// <summary>A CI file read with a YAML parser, and the few ways of reading its nodes the CI readers need.</summary>
public static class YamlFile
{
    public static YamlMappingNode Load(string path)
    {
        var stream = new YamlStream();
        using var reader = new StreamReader(path);
        stream.Load(reader);
        return stream.Documents.ShouldHaveSingleItem($"{path} holds one YAML document").RootNode.ShouldBeOfType<YamlMappingNode>();
    }

    public static YamlNode? Get(this YamlMappingNode map, string key) =>
        map.Children.TryGetValue(new YamlScalarNode(key), out var value) ? value : null;

    public static YamlMappingNode? Map(this YamlMappingNode map, string key) =>
        map.Get(key) is { } node ? node.ShouldBeOfType<YamlMappingNode>($"{key} is a mapping") : null;

    public static string? Text(this YamlMappingNode map, string key) =>
        map.Get(key) is { } node ? node.ShouldBeOfType<YamlScalarNode>($"{key} is a scalar").Value : null;

    /// <summary>A key's text lines: a sequence's items (nested sequences flattened, as GitLab does), or a scalar's lines.</summary>
    public static IReadOnlyList<string> Lines(this YamlMappingNode map, string key) => map.Get(key) switch
    {
        null => [],
        YamlScalarNode scalar => (scalar.Value ?? "").Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries),
        YamlSequenceNode sequence => Flatten(sequence).ToList(),
        var other => throw new ShouldAssertException($"{key} is neither a list nor text: {other}"),
    };

    public static IReadOnlyDictionary<string, string> Strings(this YamlMappingNode map, string key) =>
        map.Map(key)?.Children.ToDictionary(c => c.Key.ShouldBeOfType<YamlScalarNode>().Value!, c => c.Value.ShouldBeOfType<YamlScalarNode>($"{key}: values are scalars").Value ?? "")
        ?? new Dictionary<string, string>();

    public static IEnumerable<string> Keys(this YamlMappingNode map) => map.Children.Keys.Select(k => k.ShouldBeOfType<YamlScalarNode>().Value!);

    /// <summary>Fails on a key the reader does not act on, so a file cannot grow a setting the test would silently ignore.</summary>
    public static void ShouldHaveOnlyKeys(this YamlMappingNode map, string where, params string[] known)
    {
        var unknown = map.Keys().Except(known).ToList();
        unknown.ShouldBeEmpty($"{where} has keys the CI test does not emulate: {string.Join(", ", unknown)}; teach the test what they do (Ci/) or remove them");
    }

    private static IEnumerable<string> Flatten(YamlSequenceNode sequence)
    {
        foreach (var item in sequence)
            if (item is YamlSequenceNode inner)
                foreach (var line in Flatten(inner)) yield return line;
            else
                yield return item.ShouldBeOfType<YamlScalarNode>().Value ?? "";
    }
}
