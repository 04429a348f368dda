using MiniContainer.IntegrationTests.Cake;
using MiniContainer.IntegrationTests.Fixtures;

namespace MiniContainer.IntegrationTests.Ci;

/// <summary>
/// What a CI runner checks out for a job: examples/hello as a consumer repository (its nuget.config on the packed addin) with
/// examples/ci's workflow files in it, committed as a clone would be. The commit is the same every time (fixed author and
/// dates), as two jobs of one push see the same commit, so the Go build stamps the same revision in both.
/// </summary>
public sealed class CiCheckout : IDisposable
{
    private readonly ConsumerRepository _repository;

    private CiCheckout(ConsumerRepository repository) => _repository = repository;

    public static string Examples => TestBed.Example("ci");

    public string Directory => _repository.Directory;

    public string Artifacts => _repository.Artifacts;

    public static CiCheckout Clone()
    {
        var repository = ConsumerRepository.CopyOf("hello");
        foreach (var file in System.IO.Directory.EnumerateFiles(Examples, "*", SearchOption.AllDirectories))
        {
            var relative = Path.GetRelativePath(Examples, file);
            if (relative == "README.md") continue; // the example's documentation, not the consumer's
            var destination = Path.Combine(repository.Directory, relative);
            System.IO.Directory.CreateDirectory(Path.GetDirectoryName(destination)!);
            File.Copy(file, destination);
        }
        var commit = ProcessRunner.Run("bash", ["-c", "git init -q -b main && git add -A && git commit -q -m 'the pushed commit'"], repository.Directory, new Dictionary<string, string>
        {
            ["GIT_AUTHOR_NAME"] = "ci", ["GIT_AUTHOR_EMAIL"] = "ci@localhost", ["GIT_AUTHOR_DATE"] = "2026-12-01T00:00:00Z",
            ["GIT_COMMITTER_NAME"] = "ci", ["GIT_COMMITTER_EMAIL"] = "ci@localhost", ["GIT_COMMITTER_DATE"] = "2026-12-01T00:00:00Z",
            ["GIT_CONFIG_GLOBAL"] = "/dev/null", ["GIT_CONFIG_NOSYSTEM"] = "1",
        });
        commit.ExitCode.ShouldBe(0, commit.Output);
        return new CiCheckout(repository);
    }

    public void Dispose()
    {
        // Go keeps its module cache read-only; the runner's clean-up (and ours) needs it writable.
        ProcessRunner.Run("chmod", ["-R", "u+w", Directory]);
        _repository.Dispose();
    }
}
