using MiniContainer.IntegrationTests.Fixtures;

namespace MiniContainer.IntegrationTests.Ci;

/// <summary>The CI readers refuse what they would otherwise pass over, so an example cannot drift past its test.</summary>
public sealed class CiFileReaderTests : IDisposable
{
    private readonly string _folder = TestBed.TempDirectory("ci-files");

    [Fact]
    public void A_workflow_step_that_uses_an_action_the_test_does_not_know_fails_naming_it()
    {
        var job = new GitHubActionsJob(Write("publish.yml", """
            on: push
            jobs:
              publish:
                runs-on: ubuntu-latest
                steps:
                  - uses: actions/checkout@v4
                  - uses: actions/upload-artifact@v4
                    with:
                      path: artifacts
                  - run: touch ran
            """));
        using var checkout = CiCheckout.Clone();
        using var cache = new CiCacheStore();

        var refused = Should.Throw<ShouldAssertException>(() => job.Run(checkout, cache, new Dictionary<string, string>(), new Dictionary<string, string>(), CiJobChecks.Runner));

        refused.Message.ShouldContain("the workflow uses actions/upload-artifact@v4, an action the CI test does not know");
        File.Exists(Path.Combine(checkout.Directory, "ran")).ShouldBeFalse();
    }

    [Fact]
    public void A_workflow_that_names_a_secret_the_test_does_not_provide_fails_instead_of_running_with_an_empty_value()
    {
        var job = new GitHubActionsJob(Write("publish.yml", """
            on: push
            jobs:
              publish:
                runs-on: ubuntu-latest
                steps:
                  - run: echo "${{ secrets.REGISTRY_PASSWROD }}" > ran
            """));
        using var checkout = CiCheckout.Clone();
        using var cache = new CiCacheStore();

        var refused = Should.Throw<ShouldAssertException>(() => job.Run(checkout, cache, new Dictionary<string, string> { ["REGISTRY_PASSWORD"] = "x" }, new Dictionary<string, string>(), CiJobChecks.Runner));

        refused.Message.ShouldContain("${{ secrets.REGISTRY_PASSWROD }} in the workflow is a secret the README does not list");
        File.Exists(Path.Combine(checkout.Directory, "ran")).ShouldBeFalse();
    }

    [Fact]
    public void A_failing_command_fails_the_job_and_stops_its_later_steps()
    {
        var job = new GitHubActionsJob(Write("publish.yml", """
            on: push
            jobs:
              publish:
                runs-on: ubuntu-latest
                steps:
                  - run: |
                      ./build.sh --version-of-nothing | cat
                      touch after-the-failure
                  - run: touch next-step
            """));
        using var checkout = CiCheckout.Clone();
        using var cache = new CiCacheStore();
        File.WriteAllText(Path.Combine(checkout.Directory, "build.sh"), "exit 3\n");

        var run = job.Run(checkout, cache, new Dictionary<string, string>(), new Dictionary<string, string>(), CiJobChecks.Runner);

        run.Succeeded.ShouldBeFalse(run.Output);
        run.Output.ShouldContain("exit 3"); // the step's exit code, through the pipe (pipefail)
        File.Exists(Path.Combine(checkout.Directory, "after-the-failure")).ShouldBeFalse();
        File.Exists(Path.Combine(checkout.Directory, "next-step")).ShouldBeFalse();
    }

    [Fact]
    public void A_gitlab_job_with_a_keyword_the_test_does_not_act_on_fails_naming_it()
    {
        var path = Write(".gitlab-ci.yml", """
            publish:
              script:
                - ./build.sh Publish
              after_script:
                - rm -f key.pem
            """);

        var refused = Should.Throw<ShouldAssertException>(() => new GitLabCiJob(path));

        refused.Message.ShouldContain("the job publish has keys the CI test does not emulate: after_script");
    }

    private string Write(string name, string text)
    {
        var path = Path.Combine(_folder, name);
        File.WriteAllText(path, text);
        return path;
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);
}
