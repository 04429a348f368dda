// What the build needs on the machine, checked before Test and Publish: each missing part named,
// then provisioned with eng/provision.sh (Debian packages, dockerd, the local images) unless
// --provision=false, so a newcomer never has to read .ci/run.
public static class Prerequisites
{
    private static readonly string[] Commands = { "docker", "go", "docker-registry", "skopeo", "umoci", "htpasswd", "musl-gcc", "mmdebstrap" };
    private static readonly string[] Images = { "minicontainer-testbed/go-builder:latest", "minicontainer-testbed/alpine:latest" };

    public static void Ensure(ICakeContext context, DirectoryPath root, bool provision)
    {
        var missing = Missing(context);
        if (missing.Count == 0)
        {
            context.Information("Prerequisites: Docker Engine, Go, registry tools and the local images are here.");
            return;
        }
        foreach (var line in missing) context.Warning("missing: {0}", line);
        if (!provision)
            throw new Exception($"{missing.Count} prerequisite(s) missing (above). Run ./build.sh Provision (root, Debian), or drop --provision=false.");
        Provision(context, root);
        var still = Missing(context);
        if (still.Count > 0) throw new Exception("Still missing after eng/provision.sh: " + string.Join("; ", still));
    }

    public static void Provision(ICakeContext context, DirectoryPath root)
    {
        context.Information("Provisioning with eng/provision.sh: Debian packages, dockerd --bridge=none --iptables=false, the local images (a few minutes the first time).");
        var exitCode = context.StartProcess("bash", new ProcessSettings { Arguments = "eng/provision.sh", WorkingDirectory = root });
        if (exitCode != 0) throw new Exception($"eng/provision.sh failed with exit code {exitCode} (see above); it needs root (or sudo) and the machine's Debian apt sources.");
    }

    private static List<string> Missing(ICakeContext context)
    {
        var missing = Commands.Where(c => !OnPath(c)).Select(c => $"the command '{c}' (Debian package {PackageOf(c)})").ToList();
        if (!OnPath("docker")) return missing;
        if (Run(context, "docker", "version --format {{.Server.Version}}") != 0)
        {
            missing.Add("a Docker Engine that answers (DOCKER_HOST=" + (context.Environment.GetEnvironmentVariable("DOCKER_HOST") ?? "unset, so unix:///var/run/docker.sock") + ")");
            return missing;
        }
        foreach (var image in Images)
            if (Run(context, "docker", "image inspect --format {{.Id}} " + image) != 0)
                missing.Add($"the image {image} in the engine (made by eng/testbed.sh)");
        return missing;
    }

    private static string PackageOf(string command) => command switch
    {
        "docker" => "docker.io",
        "go" => "golang-go",
        "htpasswd" => "apache2-utils",
        "musl-gcc" => "musl-tools",
        var other => other,
    };

    private static bool OnPath(string command) =>
        (System.Environment.GetEnvironmentVariable("PATH") ?? "").Split(System.IO.Path.PathSeparator)
            .Any(directory => directory.Length > 0 && System.IO.File.Exists(System.IO.Path.Combine(directory, command)));

    private static int Run(ICakeContext context, string file, string arguments)
    {
        var settings = new ProcessSettings { Arguments = arguments, RedirectStandardOutput = true, RedirectStandardError = true, Silent = true };
        using var process = context.ProcessRunner.Start(file, settings);
        process.WaitForExit(15_000);
        return process.GetExitCode();
    }
}
