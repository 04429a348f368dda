using MiniContainer.IntegrationTests.Fixtures;

namespace MiniContainer.IntegrationTests.Ci;

/// <summary>One shell of a CI job: its commands in a script file run by bash as the runners run it (errexit, pipefail).</summary>
public static class CiShell
{
    public static ProcessRunner.Result Run(string commands, string workspace, IDictionary<string, string> environment)
    {
        var script = Path.Combine(TestBed.TempDirectory("ci-step"), "step.sh");
        File.WriteAllText(script, commands + "\n");
        try
        {
            return ProcessRunner.Run("bash", ["--noprofile", "--norc", "-eo", "pipefail", script], workspace, environment, timeoutSeconds: 900);
        }
        finally
        {
            Directory.Delete(Path.GetDirectoryName(script)!, recursive: true);
        }
    }
}
