using MiniContainer.IntegrationTests.Fixtures;

namespace MiniContainer.IntegrationTests.Build;

/// <summary>
/// CI's closing line on fake results folders: the real TestSummary target (what ./build.sh Test ends
/// with) and the real .ci/closing-line (what .ci/run ends with). A failed run never says "0 failed".
/// </summary>
public sealed class ClosingLineTests : IDisposable
{
    private const string Trx = "http://microsoft.com/schemas/VisualStudio/TeamTest/2010";
    private readonly string _results = TestBed.TempDirectory("test-results");

    public void Dispose() => Directory.Delete(_results, recursive: true);

    private void WriteTrx(string project, string results, string runInfos = "") =>
        File.WriteAllText(Path.Combine(_results, project + ".trx"),
            $"""<?xml version="1.0" encoding="utf-8"?><TestRun xmlns="{Trx}"><Results>{results}</Results><ResultSummary outcome="Failed"><RunInfos>{runInfos}</RunInfos></ResultSummary></TestRun>""");

    private static string Result(string name, string outcome) => $"""<UnitTestResult testName="{name}" outcome="{outcome}" />""";

    // As vstest 18 writes it when the test host dies (Environment.FailFast): no results, a run-level error.
    private const string HostCrashed = """<RunInfo computerName="vm" outcome="Error"><Text>The active test run was aborted. Reason: Test host process crashed : Process terminated.</Text></RunInfo>""";

    private ProcessRunner.Result TestSummary(bool requireEngine = false) =>
        ProcessRunner.Run("bash", ["build.sh", "TestSummary", $"--test-results={_results}"], TestBed.RepositoryRoot,
            new Dictionary<string, string> { ["NO_COLOR"] = "1", ["MINICONTAINER_REQUIRE_ENGINE"] = requireEngine ? "1" : "0" }, timeoutSeconds: 300);

    private string Summary => File.ReadAllText(Path.Combine(_results, "summary.txt")).TrimEnd('\n');

    private void AllProjectsPassOneTest()
    {
        foreach (var project in new[] { "Cake.MiniContainer.Tests", "MiniContainer.IntegrationTests", "MiniContainer.Tests" })
            WriteTrx(project, Result(project + ".Passes", "Passed"));
    }

    [Fact]
    public void A_passed_run_counts_its_results_and_succeeds()
    {
        AllProjectsPassOneTest();
        WriteTrx("MiniContainer.Tests", Result("MiniContainer.Tests.A", "Passed") + Result("MiniContainer.Tests.B", "NotExecuted"));

        var run = TestSummary();

        run.ExitCode.ShouldBe(0, run.Output);
        Summary.ShouldBe("3 passed, 0 failed, 1 skipped");
    }

    [Fact]
    public void A_crashed_test_host_and_a_project_without_results_count_as_failed_and_replace_a_stale_summary()
    {
        File.WriteAllText(Path.Combine(_results, "summary.txt"), "900 passed, 0 failed, 0 skipped\n");
        WriteTrx("MiniContainer.Tests", Result("MiniContainer.Tests.A", "Passed"));
        WriteTrx("Cake.MiniContainer.Tests", "", HostCrashed);
        File.WriteAllText(Path.Combine(_results, "Cake.MiniContainer.Tests.error.txt"), "Process returned an error (exit code 1).\n");

        var run = TestSummary();

        run.ExitCode.ShouldNotBe(0, run.Output);
        Summary.ShouldBe("1 passed, 2 failed, 0 skipped", "the crashed host and MiniContainer.IntegrationTests, which left no TRX");
        run.Output.ShouldContain("Cake.MiniContainer.Tests: The active test run was aborted. Reason: Test host process crashed");
        run.Output.ShouldContain("MiniContainer.IntegrationTests: no test results");
    }

    [Fact]
    public void A_failed_test_counts_once_although_xunit_also_reports_it_as_a_run_error()
    {
        AllProjectsPassOneTest();
        WriteTrx("MiniContainer.IntegrationTests", Result("MiniContainer.IntegrationTests.Passes", "Passed") + Result("MiniContainer.IntegrationTests.Fails", "Failed"),
            """<RunInfo computerName="vm" outcome="Error"><Text>[xUnit.net 00:03:15.27]     MiniContainer.IntegrationTests.Fails [FAIL]</Text></RunInfo>""");
        File.WriteAllText(Path.Combine(_results, "MiniContainer.IntegrationTests.error.txt"), "Process returned an error (exit code 1).\n");

        var run = TestSummary();

        run.ExitCode.ShouldNotBe(0, run.Output);
        Summary.ShouldBe("3 passed, 1 failed, 0 skipped");
    }

    [Fact]
    public void A_failed_tests_message_is_shown_before_the_totals_with_its_start_and_its_end_when_long()
    {
        AllProjectsPassOneTest();
        var output = string.Join("\n", Enumerable.Range(1, 200).Select(i => $"cake line {i}"));
        var message = System.Security.SecurityElement.Escape($"exitCode\n    should not be\n0\n    but was\n\nAdditional Info:\n    {output}\nError: GoCompile: the engine <stopped>");
        WriteTrx("MiniContainer.IntegrationTests", Result("MiniContainer.IntegrationTests.Passes", "Passed") +
            $"""<UnitTestResult testName="MiniContainer.IntegrationTests.Fails" outcome="Failed"><Output><ErrorInfo><Message>{message}</Message><StackTrace>at Somewhere()</StackTrace></ErrorInfo></Output></UnitTestResult>""");

        var run = TestSummary();

        run.ExitCode.ShouldNotBe(0, run.Output);
        var lines = run.StandardOutput.Split('\n').Select(line => line.Trim()).ToList();
        var shown = lines.IndexOf("exitCode");
        shown.ShouldBeGreaterThan(0, run.Output);
        lines[shown - 1].ShouldBe("MiniContainer.IntegrationTests.Fails failed:", run.Output);
        lines.ShouldContain("Error: GoCompile: the engine <stopped>", run.Output);
        lines.ShouldContain("cake line 200");
        lines.ShouldNotContain("cake line 100", "the middle of a long message is left out");
        lines.ShouldContain(line => line.Contains("lines left out"));
        lines.IndexOf("3 passed, 1 failed, 0 skipped").ShouldBeGreaterThan(lines.IndexOf("cake line 200"), "the totals come last");
        run.StandardOutput.ShouldNotContain("at Somewhere()", customMessage: "the stack trace is in the TRX, not the log's tail");
    }

    [Fact]
    public void A_failed_dotnet_test_whose_results_show_no_failure_counts_as_failed()
    {
        AllProjectsPassOneTest();
        File.WriteAllText(Path.Combine(_results, "MiniContainer.Tests.error.txt"), "Process returned an error (exit code 1).\n");

        var run = TestSummary();

        run.ExitCode.ShouldNotBe(0, run.Output);
        Summary.ShouldBe("3 passed, 1 failed, 0 skipped");
    }

    [Fact]
    public void A_skipped_integration_test_is_a_failed_one_where_the_engine_is_required()
    {
        AllProjectsPassOneTest();
        WriteTrx("MiniContainer.IntegrationTests", Result("MiniContainer.IntegrationTests.Passes", "Passed") + Result("MiniContainer.IntegrationTests.NeedsEngine", "NotExecuted"));

        var required = TestSummary(requireEngine: true);
        var requiredSummary = Summary;
        var optional = TestSummary(requireEngine: false);

        required.ExitCode.ShouldNotBe(0, required.Output);
        requiredSummary.ShouldBe("3 passed, 1 failed, 0 skipped");
        optional.ExitCode.ShouldBe(0, optional.Output);
        Summary.ShouldBe("3 passed, 0 failed, 1 skipped");
    }

    [Theory]
    [InlineData("40 passed, 0 failed, 2 skipped", 0, "40 passed, 0 failed, 2 skipped", 0)]
    [InlineData("40 passed, 0 failed, 2 skipped", 1, "40 passed, 1 failed, 2 skipped", 1)]
    [InlineData("40 passed, 3 failed, 2 skipped", 1, "40 passed, 3 failed, 2 skipped", 1)]
    [InlineData("40 passed, 0 failed", 1, "40 passed, 1 failed, 0 skipped", 1)]
    [InlineData(null, 0, "0 passed, 1 failed", 1)]
    [InlineData("not a summary", 0, "0 passed, 1 failed", 1)]
    public void The_ci_closing_line_counts_a_failed_run_as_failed_whatever_the_summary_says(string? summary, int status, string line, int exitCode)
    {
        var file = Path.Combine(_results, "summary.txt");
        if (summary is not null) File.WriteAllText(file, "earlier output\n" + summary + "\n");

        var run = ProcessRunner.Run("bash", [".ci/closing-line", file, status.ToString()], TestBed.RepositoryRoot);

        run.StandardOutput.ShouldBe(line + "\n", run.Output);
        run.ExitCode.ShouldBe(exitCode);
    }
}
