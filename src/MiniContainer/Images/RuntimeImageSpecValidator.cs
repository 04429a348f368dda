
namespace MiniContainer.Images;

/// <summary>Checks a spec before anything reaches the engine, so mistakes fail with a named setting.</summary>
public static class RuntimeImageSpecValidator
{
    /// <exception cref="InvalidRuntimeImageSpecException">A setting is not usable.</exception>
    /// <exception cref="InvalidImageReferenceException">The base image name is not valid.</exception>
    public static void Validate(RuntimeImageSpec spec)
    {
        if (!spec.IsScratch) ImageReference.Parse(spec.BaseImage);
        if (spec.Binaries.Count == 0)
            throw new InvalidRuntimeImageSpecException("The runtime image has no binary: add one (RuntimeImageSpec.WithBinary).");

        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var binary in spec.Binaries)
        {
            if (!Grammar.IsFileName(binary.Name))
                throw new InvalidRuntimeImageSpecException($"The binary name '{binary.Name}' is not a plain file name (letters, digits, '.', '_', '-').");
            if (!names.Add(binary.Name))
                throw new InvalidRuntimeImageSpecException($"Two binaries are both named '{binary.Name}' in /app: give one another file name.");
        }

        if (spec.User is not null && !Grammar.IsUser(spec.User))
            throw new InvalidRuntimeImageSpecException($"The user '{spec.User}' is not 'name', 'uid' or 'uid:gid'.");
        if (spec.IsScratch && spec.User is not null && !Grammar.IsNumericUser(spec.User))
            throw new InvalidRuntimeImageSpecException($"The user '{spec.User}' is a name, and scratch's /etc/passwd (written here) names only the image's uid: use a numeric uid[:gid] such as {RuntimeImageSpec.DefaultUser}.");
        if (!IsAbsoluteImagePath(spec.WorkingDirectory))
            throw new InvalidRuntimeImageSpecException($"The working directory '{spec.WorkingDirectory}' is not an absolute path in the image (e.g. /app).");

        foreach (var name in spec.Environment.Keys)
            if (!Grammar.IsEnvironmentName(name))
                throw new InvalidRuntimeImageSpecException($"The environment variable name '{name}' is not valid (letters, digits and '_', not starting with a digit).");

        foreach (var port in spec.ExposedPorts)
            if (port.Port is < 1 or > 65535 || port.Protocol is not ("tcp" or "udp" or "sctp"))
                throw new InvalidRuntimeImageSpecException($"The exposed port '{port}' is not a port 1-65535 with protocol tcp, udp or sctp.");

        foreach (var (key, value) in spec.Labels.Concat(spec.Environment).Concat(spec.Annotations))
            if (key.Length == 0 || value.Any(char.IsControl) || key.Any(c => char.IsControl(c) || char.IsWhiteSpace(c) || c == '='))
                throw new InvalidRuntimeImageSpecException($"The label, annotation or variable '{key}' is empty or has a control character, space or '=' where none may be.");

        if (spec.ExtraFiles is { } extra)
        {
            if (!Directory.Exists(extra.HostDirectory))
                throw new InvalidRuntimeImageSpecException($"The extra-files folder {extra.HostDirectory} does not exist: name a folder whose files go into the image.");
            if (!IsAbsoluteImagePath(extra.ImagePath) || extra.ImagePath.Trim('/').Length == 0)
                throw new InvalidRuntimeImageSpecException($"The extra files' path '{extra.ImagePath}' is not an absolute folder in the image other than / (e.g. {RuntimeImageSpec.DefaultExtraFilesImagePath}).");
        }
        if (spec.TimeZoneDatabase is not null && !Directory.Exists(spec.TimeZoneDatabase))
            throw new InvalidRuntimeImageSpecException($"The zoneinfo database {spec.TimeZoneDatabase} does not exist: stage it (CaCertificates step) or leave time zones out (--tzdata=false).");

        if (spec.InstallCaCertificatesWithApk && spec.IsScratch)
            throw new InvalidRuntimeImageSpecException("apk add ca-certificates needs an Alpine base, not scratch: stage a CA bundle instead (CaCertificatesStep).");
        if (spec.CaBundleFile is not null && !File.Exists(spec.CaBundleFile))
            throw new InvalidRuntimeImageSpecException($"The CA bundle {spec.CaBundleFile} does not exist: run the Certificates step first.");
        foreach (var binary in spec.Binaries)
            if (!File.Exists(binary.HostPath))
                throw new InvalidRuntimeImageSpecException($"The binary {binary.HostPath} does not exist: run the Compile step first.");
    }

    /// <summary>"/a/b": absolute, no empty, "." or ".." part, no control character.</summary>
    public static bool IsAbsoluteImagePath(string path) =>
        path.StartsWith('/') && !path.Any(char.IsControl)
        && (path == "/" || path[1..].TrimEnd('/').Split('/').All(part => part is not ("" or "." or "..")));
}
