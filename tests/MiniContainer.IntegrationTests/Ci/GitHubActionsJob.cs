using MiniContainer.IntegrationTests.Fixtures;
using YamlDotNet.RepresentationModel;

namespace MiniContainer.IntegrationTests.Ci;

/// <summary>
/// The one job of a GitHub Actions workflow, run on this machine as a runner runs it: its steps in order, each <c>run:</c> in
/// bash (<c>-eo pipefail</c>) in the checkout with the workflow's, the job's and the step's <c>env:</c> (expressions expanded),
/// actions/cache emulated (restore at its step, save after a successful job on a missed key), actions/checkout done by the
/// test's clone, actions/setup-dotnet skipped (this machine has .NET 10). Any other action fails: the test does not know it.
/// </summary>
public sealed class GitHubActionsJob
{
    private static readonly string[] StepKeys = ["name", "uses", "with", "run", "env"];
    private readonly YamlMappingNode _workflow;
    private readonly YamlMappingNode _job;

    public GitHubActionsJob(string path)
    {
        _workflow = YamlFile.Load(path);
        _workflow.ShouldHaveOnlyKeys("the workflow", "name", "on", "permissions", "env", "jobs");
        var (name, job) = _workflow.Map("jobs").ShouldNotBeNull().Children.ShouldHaveSingleItem("the workflow has one job");
        _job = job.ShouldBeOfType<YamlMappingNode>();
        _job.ShouldHaveOnlyKeys($"the job {name}", "runs-on", "env", "steps");
    }

    public IEnumerable<YamlMappingNode> Steps => _job.Get("steps").ShouldBeOfType<YamlSequenceNode>().Select(s => s.ShouldBeOfType<YamlMappingNode>());

    /// <param name="runner">The runner's own environment (RUNNER_TEMP and the like come on top).</param>
    public CiJobRun Run(CiCheckout checkout, CiCacheStore cache, IReadOnlyDictionary<string, string> secrets, IReadOnlyDictionary<string, string> vars, IReadOnlyDictionary<string, string> runner)
    {
        var expressions = new GitHubExpressions(secrets, vars, checkout.Directory);
        var runnerTemp = TestBed.TempDirectory("runner-temp");
        var environment = new Dictionary<string, string>(runner)
        {
            ["CI"] = "true", ["GITHUB_ACTIONS"] = "true", ["GITHUB_WORKSPACE"] = checkout.Directory, ["RUNNER_OS"] = "Linux", ["RUNNER_TEMP"] = runnerTemp,
        };
        Add(environment, _workflow.Strings("env"), expressions);
        Add(environment, _job.Strings("env"), expressions);
        var output = new System.Text.StringBuilder();
        (string Key, string? Restored, IReadOnlyList<string> Paths)? cached = null;
        try
        {
            foreach (var step in Steps)
            {
                step.ShouldHaveOnlyKeys($"the step {step.Text("name") ?? step.Text("uses")}", StepKeys);
                if (step.Text("uses") is { } action)
                {
                    var with = step.Strings("with").ToDictionary(w => w.Key, w => expressions.Expand(w.Value));
                    switch (action.Split('@')[0])
                    {
                        case "actions/checkout": break; // the checkout is the clone the test made
                        case "actions/setup-dotnet": // this machine has the SDK it asks for
                            with.GetValueOrDefault("dotnet-version").ShouldNotBeNull().ShouldStartWith($"{Environment.Version.Major}.");
                            break;
                        case "actions/cache":
                            var paths = Lines(with["path"]);
                            var key = with["key"];
                            cached = (key, cache.Restore(checkout.Directory, key, Lines(with.GetValueOrDefault("restore-keys", ""))), paths);
                            output.AppendLine($"[ci] cache {key}: {(cached.Value.Restored is { } hit ? $"restored {hit}" : "not found")}");
                            break;
                        default: throw new ShouldAssertException($"the workflow uses {action}, an action the CI test does not know: emulate it or skip it by name in {nameof(GitHubActionsJob)}");
                    }
                    continue;
                }
                var stepEnvironment = new Dictionary<string, string>(environment);
                Add(stepEnvironment, step.Strings("env"), expressions);
                var run = CiShell.Run(expressions.Expand(step.Text("run").ShouldNotBeNull("a step without uses: has run:")), checkout.Directory, stepEnvironment);
                output.AppendLine($"[ci] step {step.Text("name") ?? "run"}: exit {run.ExitCode}").AppendLine(run.Output);
                if (run.ExitCode != 0) return new CiJobRun(false, output.ToString(), cached?.Key ?? "", cached?.Restored, cached?.Paths ?? []);
            }
            // actions/cache's post step: saves on success when its key missed.
            if (cached is { } c && c.Restored != c.Key) cache.Save(checkout.Directory, c.Key, c.Paths);
            return new CiJobRun(true, output.ToString(), cached?.Key ?? "", cached?.Restored, cached?.Paths ?? []);
        }
        finally
        {
            Directory.Delete(runnerTemp, recursive: true);
        }
    }

    private static void Add(Dictionary<string, string> environment, IReadOnlyDictionary<string, string> values, GitHubExpressions expressions)
    {
        foreach (var (name, value) in values) environment[name] = expressions.Expand(value);
    }

    private static List<string> Lines(string text) => text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToList();
}
