namespace MiniContainer.Go;

/// <summary>The parts of go.mod a build needs: module path, go directive, toolchain.</summary>
public sealed record GoModFile(string ModulePath, string? GoVersion, string? Toolchain);

/// <summary>Reads go.mod text. Only the single-line directives matter here; blocks are skipped.</summary>
public static class GoModParser
{
    public static GoModFile Parse(string text, string fileName = "go.mod")
    {
        string? module = null, go = null, toolchain = null;
        var inBlock = false;
        foreach (var rawLine in text.Split('\n'))
        {
            var line = StripComment(rawLine).Trim();
            if (line.Length == 0) continue;
            if (inBlock)
            {
                if (line == ")") inBlock = false;
                continue;
            }
            if (line.EndsWith('(')) { inBlock = true; continue; }

            var (verb, argument) = SplitDirective(line);
            switch (verb)
            {
                case "module": module = Unquote(argument); break;
                case "go": go = argument; break;
                case "toolchain": toolchain = argument; break;
            }
        }
        if (string.IsNullOrEmpty(module))
            throw new MiniContainerException($"{fileName} has no `module` line. Add one, e.g. `module example.com/myservice`.");
        return new GoModFile(module, go, toolchain);
    }

    private static string StripComment(string line)
    {
        var index = line.IndexOf("//", StringComparison.Ordinal);
        return index >= 0 ? line[..index] : line;
    }

    private static (string Verb, string Argument) SplitDirective(string line)
    {
        var space = line.IndexOfAny([' ', '\t']);
        return space < 0 ? (line, "") : (line[..space], line[(space + 1)..].Trim());
    }

    private static string Unquote(string value) =>
        value.Length >= 2 && (value[0] == '"' || value[0] == '`') && value[^1] == value[0] ? value[1..^1] : value;
}
