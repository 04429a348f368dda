using System.Text.Json;
using MiniContainer.Images;
using MiniContainer.Oci.Bases;
using MiniContainer.Pipeline.Templates;

namespace MiniContainer.Pipeline;

/// <summary>The image's config (#18 "The image"): tags, entry point, command, environment, labels, annotations, user, working directory, ports, extra files, time zones; per binary too.</summary>
public static partial class PipelineSettingsResolver
{
    private static IReadOnlyList<string> TagsOf(Values values, PipelineScript script, TemplateValues templates)
    {
        var tags = (values.GetList(PipelineArguments.ImageTag) ?? GivenList(PipelineArguments.ImageTag, Words(script.ImageTag), script.Describe))
            ?.Select(tag => tag with { Value = Rendered(tag, tag.Value, templates) }).ToList();
        foreach (var tag in tags ?? [])
            if (!Grammar.IsTag(tag.Value))
                throw Wrong(tag, "is not an image tag: up to 128 letters, digits, '_', '.' and '-', not starting with '.' or '-'; several tags are comma-separated (1.2.3,latest).");
        return tags is null ? ["latest"] : tags.Select(t => t.Value).Distinct(StringComparer.Ordinal).ToList();
    }

    /// <summary>The config of all binaries (<paramref name="binary"/> null), or of one binary the script set apart.</summary>
    private static ImageConfigSettings ImageConfigOf(Values values, PipelineScript script, string? binary, string source, string defaultBaseImage, TemplateValues templates)
    {
        var own = binary is null ? null : script.Binaries[binary];
        var ownWhere = binary is null ? null : $"{script.Describe}.Binaries[\"{binary}\"]";
        Setting? Pick(PipelineArgument argument, string? ownValue, string? scriptValue) =>
            values.Get(argument) ?? (ownWhere is null ? null : Given(argument, ownValue, ownWhere)) ?? Given(argument, scriptValue, script.Describe);

        var baseImage = binary is null ? null : Pick(PipelineArguments.BaseImage, own!.BaseImage, null);
        if (baseImage is not null && baseImage.Value != RuntimeImageSpec.Scratch && !BaseImageSource.IsOnDisk(baseImage.Value)) CheckReference(baseImage);
        var imageName = ownWhere is null ? null : Given(PipelineArguments.ImageName, own!.ImageName, ownWhere);
        if (imageName is not null) Check(imageName, () => ImageReference.Create(null, imageName.Value));
        var effectiveBase = baseImage?.Value ?? defaultBaseImage;

        var user = Pick(PipelineArguments.ImageUser, own?.User, script.ImageUser);
        if (user is not null && !Grammar.IsUser(user.Value))
            throw Wrong(user, $"is not a user: give uid[:gid] in numbers (such as {RuntimeImageSpec.DefaultUser}), or a name the base image's /etc/passwd has.");
        if (user is not null && effectiveBase == RuntimeImageSpec.Scratch && !Grammar.IsNumericUser(user.Value))
            throw Wrong(user, "is a name, and a scratch image has no /etc/passwd but the one written here for a uid: give uid[:gid] in numbers (such as 65532:65532).");

        var workdir = values.Get(PipelineArguments.Workdir) ?? Given(PipelineArguments.Workdir, script.WorkingDirectory, script.Describe);
        if (workdir is not null && !RuntimeImageSpecValidator.IsAbsoluteImagePath(workdir.Value))
            throw Wrong(workdir, "is not an absolute path in the image: give one such as /app or /srv/data.");

        return new ImageConfigSettings
        {
            BaseImage = effectiveBase,
            ImageName = imageName?.Value,
            Entrypoint = WordsOf(values.Get(PipelineArguments.Entrypoint)) ?? NonEmpty(own?.Entrypoint) ?? NonEmpty(script.Entrypoint),
            Command = WordsOf(values.Get(PipelineArguments.Cmd)) ?? NonEmpty(own?.Command) ?? NonEmpty(script.Command),
            Environment = PairsOf(values, PipelineArguments.ImageEnv, script.ImageEnvironment, own?.Environment, script.Describe, ownWhere, environmentNames: true),
            Labels = PairsOf(values, PipelineArguments.ImageLabel, script.ImageLabels, own?.Labels, script.Describe, ownWhere, environmentNames: false, templates),
            Annotations = PairsOf(values, PipelineArguments.ImageAnnotation, script.ImageAnnotations, null, script.Describe, null, environmentNames: false, templates),
            User = user?.Value ?? RuntimeImageSpec.DefaultUser,
            WorkingDirectory = workdir?.Value ?? RuntimeImageSpec.AppDirectory,
            ExposedPorts = PortsOf(values.GetList(PipelineArguments.Expose)
                ?? (own is { ExposedPorts.Count: > 0 } ? GivenList(PipelineArguments.Expose, own.ExposedPorts.Select(p => p.ToString()).ToList(), ownWhere!) : null)
                ?? GivenList(PipelineArguments.Expose, script.ExposedPorts.Select(p => p.ToString()).ToList(), script.Describe)),
            ExtraFiles = ExtraFilesOf(values.Get(PipelineArguments.ExtraFiles) ?? Given(PipelineArguments.ExtraFiles, script.ExtraFiles, script.Describe), source),
            TimeZoneData = Boolean(values.Get(PipelineArguments.Tzdata)) ?? script.TimeZoneData ?? true,
        };
    }

    /// <summary>"a,b" or a JSON array of strings; null when not given.</summary>
    private static IReadOnlyList<string>? WordsOf(Setting? value)
    {
        if (value is null) return null;
        if (!value.Value.TrimStart().StartsWith('[')) return Words(value.Value);
        try
        {
            var words = JsonSerializer.Deserialize(value.Value, MiniContainerJsonContext.Default.IReadOnlyListString);
            return words is { Count: > 0 } && words.All(w => w is not null) ? words : throw Wrong(value, "is not a JSON array of strings: give [\"/app/api\",\"serve\"], or the words comma-separated.");
        }
        catch (JsonException)
        {
            throw Wrong(value, "starts with '[' but is not a JSON array of strings: give [\"/app/api\",\"serve\"], or the words comma-separated.");
        }
    }

    private static List<string> Words(string? text) =>
        text is null ? [] : text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToList();

    private static IReadOnlyList<string>? NonEmpty(IList<string>? words) => words is { Count: > 0 } ? words.ToList() : null;

    /// <summary>The script's pairs, the binary's over them, the argument's (or variable's) over both; each key checked.</summary>
    private static IReadOnlyDictionary<string, string> PairsOf(Values values, PipelineArgument argument, IDictionary<string, string> fromScript, IDictionary<string, string>? fromBinary,
        string scriptWhere, string? binaryWhere, bool environmentNames, TemplateValues? templates = null)
    {
        var pairs = new SortedDictionary<string, string>(StringComparer.Ordinal);
        void Add(Setting given, string key, string value)
        {
            var valid = environmentNames ? Grammar.IsEnvironmentName(key) : key.Length > 0 && !key.Any(c => char.IsControl(c) || char.IsWhiteSpace(c) || c == '=');
            if (!valid)
                throw Wrong(given, environmentNames
                    ? $"names the variable '{key}', which is not a variable name: letters, digits and '_', not starting with a digit."
                    : $"has the key '{key}', which is empty or has a space or control character.");
            if (value.Any(char.IsControl)) throw Wrong(given, $"has a control character in the value of '{key}'.");
            // Labels and annotations take the placeholders of --variables ({Version}, {Commit}, ...).
            pairs[key] = templates is null ? value : Rendered(given, value, templates);
        }
        foreach (var (key, value) in fromScript) Add(Given(argument, $"{key}={value}", scriptWhere)!, key, value);
        foreach (var (key, value) in fromBinary ?? new Dictionary<string, string>()) Add(Given(argument, $"{key}={value}", binaryWhere!)!, key, value);
        foreach (var pair in values.GetList(argument) ?? [])
        {
            var equals = pair.Value.IndexOf('=');
            if (equals <= 0)
                throw Wrong(pair, "is not KEY=VALUE: give pairs comma-separated, such as GODEBUG=madvdontneed=1,TZ=Europe/Paris.");
            Add(pair, pair.Value[..equals], pair.Value[(equals + 1)..]);
        }
        return pairs;
    }

    private static IReadOnlyList<ExposedPort> PortsOf(IReadOnlyList<Setting>? values) => (values ?? []).Select(value =>
    {
        var parts = value.Value.Split('/', 2);
        var protocol = parts.Length > 1 ? parts[1].ToLowerInvariant() : "tcp";
        return int.TryParse(parts[0], System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var port) && port is >= 1 and <= 65535
               && protocol is "tcp" or "udp" or "sctp"
            ? new ExposedPort(port, protocol)
            : throw Wrong(value, "is not a port: give 1-65535, optionally /tcp, /udp or /sctp (8080, 5353/udp).");
    }).Distinct().ToList();

    /// <summary>"&lt;folder&gt;[:&lt;path in image&gt;]"; a colon starts the image path only when a '/' follows it (so C:\files stays a folder).</summary>
    private static ExtraFiles? ExtraFilesOf(Setting? value, string source)
    {
        if (value is null) return null;
        var colon = value.Value.LastIndexOf(":/", StringComparison.Ordinal);
        // Index 1 is a drive letter's colon (C:/files), not the image path.
        var (folder, imagePath) = colon > 1 ? (value.Value[..colon], value.Value[(colon + 1)..]) : (value.Value, RuntimeImageSpec.DefaultExtraFilesImagePath);
        var directory = FullPath(source, folder).Value;
        if (!Directory.Exists(directory))
            throw Wrong(value, $"names no folder ({directory} does not exist): give <folder>[:<path in image>], a folder whose files go into the image.");
        if (!RuntimeImageSpecValidator.IsAbsoluteImagePath(imagePath) || imagePath.Trim('/').Length == 0)
            throw Wrong(value, $"puts the files at '{imagePath}', which is not an absolute folder in the image other than /: give <folder>[:<path in image>], such as data:/app/data.");
        return new ExtraFiles(directory, "/" + imagePath.Trim('/'));
    }
}
