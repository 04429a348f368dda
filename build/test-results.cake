// Reads a test run's results folder into the totals of the closing line. Every way a run can fail
// counts as failed, so the line never says "0 failed" about a failed run.
using System.Xml.Linq;

public sealed class TestResults
{
    public int Passed { get; private set; }
    public int Failed { get; private set; }
    public int Skipped { get; private set; }
    public List<string> FailedTests { get; } = new List<string>();
    public List<string> SkippedTests { get; } = new List<string>();

    /// <summary>Each failed test's message as its TRX holds it (Shouldly's, with the output a test attached), by test name.</summary>
    public Dictionary<string, string> FailureMessages { get; } = new Dictionary<string, string>();

    /// <summary>Failures that are not one test's: a test host that crashed or left no results, a skip CI forbids.</summary>
    public List<string> RunFailures { get; } = new List<string>();

    public string Line => $"{Passed} passed, {Failed} failed, {Skipped} skipped";

    /// <summary>The file beside a project's TRX that says its dotnet test failed (and how); absent when it exited 0.</summary>
    public static string ErrorFile(string folder, string project) => System.IO.Path.Combine(folder, project + ".error.txt");

    /// <summary>
    /// Totals of <paramref name="projects"/>' TRX files in <paramref name="folder"/>. With
    /// <paramref name="requireEngine"/> (CI), a skipped integration test is a failed one.
    /// </summary>
    public static TestResults Read(string folder, IEnumerable<string> projects, bool requireEngine)
    {
        var totals = new TestResults();
        foreach (var project in projects) totals.ReadProject(folder, project, requireEngine);
        if (totals.Passed == 0) totals.FailRun("no test ran");
        return totals;
    }

    private void ReadProject(string folder, string project, bool requireEngine)
    {
        var trx = System.IO.Path.Combine(folder, project + ".trx");
        var errorFile = ErrorFile(folder, project);
        var error = System.IO.File.Exists(errorFile) ? System.IO.File.ReadAllText(errorFile).Trim() : null;
        if (!System.IO.File.Exists(trx))
        {
            FailRun($"{project}: no test results ({project}.trx), so its test host did not start or crashed" + (error is null ? "" : $" ({error})"));
            return;
        }
        var document = XDocument.Load(trx);
        var failedBefore = Failed;
        foreach (var result in document.Descendants().Where(e => e.Name.LocalName == "UnitTestResult"))
        {
            var name = (string)result.Attribute("testName");
            switch ((string)result.Attribute("outcome"))
            {
                case "Passed": Passed++; break;
                case "NotExecuted" when requireEngine && name.StartsWith("MiniContainer.IntegrationTests.", StringComparison.Ordinal):
                    Failed++; FailedTests.Add(name + " (skipped, but MINICONTAINER_REQUIRE_ENGINE=1: every integration test must run here)"); break;
                case "NotExecuted": Skipped++; SkippedTests.Add(name); break;
                default:
                    Failed++;
                    FailedTests.Add(name);
                    if (MessageOf(result) is { Length: > 0 } message) FailureMessages[name] = message;
                    break;
            }
        }
        // vstest records a crashed or aborted test host as a run-level error; the results it had not yet reported are lost.
        // xUnit also writes each failing test's message there ("[xUnit.net 00:01:02] Name [FAIL]"): that test is already counted.
        var runErrors = document.Descendants().Where(e => e.Name.LocalName == "RunInfo" && (string)e.Attribute("outcome") == "Error")
            .Select(e => e.Elements().FirstOrDefault(t => t.Name.LocalName == "Text")?.Value.Trim().Split('\n')[0].Trim() ?? "run error")
            .Where(text => !text.StartsWith("[xUnit.net ", StringComparison.Ordinal)).ToList();
        foreach (var runError in runErrors) FailRun($"{project}: {runError}");
        // dotnet test failed with no failed test and no run error: some results are missing.
        if (runErrors.Count == 0 && error is not null && Failed == failedBefore)
            FailRun($"{project}: dotnet test failed but its results show no failed test ({error})");
    }

    /// <summary>
    /// At most <paramref name="limit"/> lines of a message: its start (what failed) and its end (where a
    /// process's output ends, with its error), so a CI log's tail shows why without the whole output.
    /// </summary>
    public static IEnumerable<string> Abbreviated(string message, int limit)
    {
        var lines = message.Replace("\r\n", "\n").Split('\n');
        if (lines.Length <= limit) return lines;
        var head = limit / 4;
        var tail = limit - head - 1;
        return lines.Take(head).Append($"... ({lines.Length - head - tail} lines left out) ...").Concat(lines.Skip(lines.Length - tail));
    }

    private static string MessageOf(XElement result) =>
        result.Descendants().FirstOrDefault(e => e.Name.LocalName == "ErrorInfo")?.Elements().FirstOrDefault(e => e.Name.LocalName == "Message")?.Value.Trim();

    private void FailRun(string why)
    {
        Failed++;
        RunFailures.Add(why);
    }
}
