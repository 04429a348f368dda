namespace MiniContainer.Elf;

/// <summary>Parses Go's modinfo text (path/mod/dep/=>/build lines), following runtime/debug.ParseBuildInfo.</summary>
internal static class ModInfoParser
{
    internal static bool TryParse(string goVersion, string modInfo, out GoBuildInfo info, out string problem)
    {
        string? path = null;
        GoModuleVersion? main = null;
        var deps = new List<GoModuleVersion>();
        var settings = new List<GoBuildSetting>();
        GoModuleVersion? last = null;
        var lineNumber = 0;
        info = null!;
        problem = string.Empty;

        foreach (var line in modInfo.Split('\n'))
        {
            lineNumber++;
            if (line.Length == 0)
            {
                continue;
            }

            var tab = line.IndexOf('\t');
            var kind = tab < 0 ? line : line[..tab];
            var rest = tab < 0 ? string.Empty : line[(tab + 1)..];
            switch (kind)
            {
                case "path":
                    path = rest;
                    break;
                case "mod" when TryReadModule(rest, out var module):
                    main = last = module;
                    break;
                case "dep" when TryReadModule(rest, out var module):
                    deps.Add(module);
                    last = module;
                    break;
                case "=>" when last is not null && TryReadModule(rest, out var replacement):
                    var replaced = last with { Replacement = replacement };
                    if (ReferenceEquals(last, main))
                    {
                        main = replaced;
                    }
                    else
                    {
                        deps[^1] = replaced;
                    }

                    last = null;
                    break;
                case "build" when TryReadSetting(rest, out var setting):
                    settings.Add(setting);
                    break;
                default:
                    problem = $"unexpected line {lineNumber} in the Go module info: \"{line}\"";
                    return false;
            }
        }

        info = new GoBuildInfo(goVersion, path, main, deps, settings);
        return true;
    }

    private static bool TryReadModule(string text, out GoModuleVersion module)
    {
        var parts = text.Split('\t');
        module = parts.Length switch
        {
            2 => new GoModuleVersion(parts[0], parts[1], null),
            3 => new GoModuleVersion(parts[0], parts[1], parts[2].Length == 0 ? null : parts[2]),
            _ => null!,
        };
        return module is not null;
    }

    // Keys and values that contain spaces, quotes or '=' are Go-quoted (strconv.Quote).
    private static bool TryReadSetting(string text, out GoBuildSetting setting)
    {
        setting = null!;
        string key;
        string rawValue;
        if (text.StartsWith('"'))
        {
            var end = GoStringLiteral.QuotedPrefixLength(text);
            if (end < 0 || end >= text.Length || text[end] != '=' || !GoStringLiteral.TryUnquote(text[..end], out key))
            {
                return false;
            }

            rawValue = text[(end + 1)..];
        }
        else
        {
            var equals = text.IndexOf('=');
            if (equals < 0)
            {
                return false;
            }

            key = text[..equals];
            rawValue = text[(equals + 1)..];
        }

        var value = rawValue;
        if (rawValue.StartsWith('"') && !GoStringLiteral.TryUnquote(rawValue, out value))
        {
            return false;
        }

        setting = new GoBuildSetting(key, value);
        return true;
    }
}
