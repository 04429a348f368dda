using System.Security.Cryptography;
using MiniContainer.IntegrationTests.Fixtures;
using YamlDotNet.RepresentationModel;

namespace MiniContainer.IntegrationTests.Ci;

/// <summary>The docker:dind service as the test stands it in: an engine's TCP address and the client certificates of its TLS.</summary>
public sealed record DindService(string DockerHost, string ClientCertificates);

/// <summary>
/// The one job of a .gitlab-ci.yml, run on this machine as a runner runs it: <c>before_script</c> and <c>script</c> in one bash
/// (<c>-eo pipefail</c>) in the checkout, with the file's variables (global, then the job's) under the project's CI/CD variables;
/// its <c>cache:</c> emulated (restored before the scripts under the key of its key files, saved after a successful job); the
/// docker:dind service checked to be TLS on 2376 and replaced by <see cref="DindService"/>. A keyword the test does not act
/// on fails, so the file cannot grow one the test would silently ignore.
/// </summary>
public sealed class GitLabCiJob
{
    private static readonly string[] GlobalKeys = ["stages", "variables"];
    private readonly YamlMappingNode _file;
    private readonly YamlMappingNode _job;

    public GitLabCiJob(string path)
    {
        _file = YamlFile.Load(path);
        var jobs = _file.Keys().Except(GlobalKeys).ToList();
        var name = jobs.ShouldHaveSingleItem($"the file has one job (besides {string.Join(", ", GlobalKeys)})");
        _job = _file.Map(name).ShouldNotBeNull();
        _job.ShouldHaveOnlyKeys($"the job {name}", "stage", "image", "services", "variables", "cache", "before_script", "script");
    }

    public string? Image => _job.Text("image");

    public IReadOnlyDictionary<string, string> Variables =>
        _file.Strings("variables").Concat(_job.Strings("variables")).GroupBy(v => v.Key).ToDictionary(g => g.Key, g => g.Last().Value);

    public CiJobRun Run(CiCheckout checkout, CiCacheStore cache, DindService dind, IReadOnlyDictionary<string, string> projectVariables, IReadOnlyDictionary<string, string> runner)
    {
        // The job container's own /tmp (where the script's mktemp puts the key), gone with the job.
        var jobTemp = TestBed.TempDirectory("gitlab-job-tmp");
        var environment = new Dictionary<string, string>(runner)
        {
            ["CI"] = "true", ["GITLAB_CI"] = "true", ["CI_PROJECT_DIR"] = checkout.Directory, ["TMPDIR"] = jobTemp,
        };
        foreach (var (name, value) in Variables)
        {
            value.ShouldNotContain('$', customMessage: $"variables: {name} refers to another variable, which the CI test does not expand");
            environment[name] = value;
        }
        foreach (var (name, value) in projectVariables) environment[name] = value;
        UseDind(environment, dind);

        var cacheNode = _job.Map("cache").ShouldNotBeNull("the job keeps a cache");
        cacheNode.ShouldHaveOnlyKeys("cache:", "key", "paths");
        var paths = cacheNode.Lines("paths");
        var key = CacheKey(cacheNode, checkout.Directory);
        var restored = cache.Restore(checkout.Directory, key, []);
        var commands = string.Join('\n', _job.Lines("before_script").Concat(_job.Lines("script")));
        commands.ShouldNotBeEmpty("the job has a script");
        ProcessRunner.Result run;
        try
        {
            run = CiShell.Run(commands, checkout.Directory, environment);
        }
        finally
        {
            Directory.Delete(jobTemp, recursive: true);
        }
        var output = $"[ci] cache {key}: {(restored is null ? "not found" : "restored")}\n[ci] script: exit {run.ExitCode}\n{run.Output}";
        if (run.ExitCode != 0) return new CiJobRun(false, output, key, restored, paths);
        cache.Save(checkout.Directory, key, paths);
        return new CiJobRun(true, output, key, restored, paths);
    }

    // The service is docker:dind with TLS as its image starts it (DOCKER_TLS_CERTDIR), reached under its alias on 2376.
    private void UseDind(Dictionary<string, string> environment, DindService dind)
    {
        var services = _job.Get("services").ShouldBeOfType<YamlSequenceNode>("services: is a list").Select(s => s.ShouldBeOfType<YamlMappingNode>()).ToList();
        var service = services.ShouldHaveSingleItem("one service, docker:dind");
        service.Text("name").ShouldNotBeNull().ShouldStartWith("docker:");
        service.Text("name")!.ShouldEndWith("dind");
        var alias = service.Text("alias") ?? "docker";
        environment.GetValueOrDefault("DOCKER_HOST").ShouldBe($"tcp://{alias}:2376", "DOCKER_HOST names dind's TLS port under its alias");
        environment.GetValueOrDefault("DOCKER_TLS_VERIFY").ShouldBe("1");
        var certificates = environment.GetValueOrDefault("DOCKER_TLS_CERTDIR").ShouldNotBeNull("DOCKER_TLS_CERTDIR makes dind start with TLS");
        environment.GetValueOrDefault("DOCKER_CERT_PATH").ShouldBe($"{certificates}/client", "dind writes the client certificates to $DOCKER_TLS_CERTDIR/client");
        environment["DOCKER_HOST"] = dind.DockerHost;
        environment["DOCKER_CERT_PATH"] = dind.ClientCertificates;
    }

    // As GitLab's key files: one key for the content of the files that exist, "default" when none does.
    private static string CacheKey(YamlMappingNode cache, string workspace)
    {
        if (cache.Get("key") is YamlScalarNode scalar) return scalar.Value ?? "default";
        var files = cache.Map("key").ShouldNotBeNull("cache: has a key").Lines("files").Select(f => Path.Combine(workspace, f)).Where(File.Exists).ToList();
        if (files.Count == 0) return "default";
        return "files-" + Convert.ToHexStringLower(SHA256.HashData(files.SelectMany(File.ReadAllBytes).ToArray()))[..16];
    }
}
