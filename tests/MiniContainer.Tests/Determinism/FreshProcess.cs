using System.Diagnostics;

namespace MiniContainer.Tests.Determinism;

/// <summary>
/// Runs a determinism case in a new process (this test assembly's own Main): another process id,
/// another string-hash seed, another clock, which two calls in one process would share.
/// </summary>
public static class FreshProcess
{
    public const string Verb = "determinism-case";

    public static byte[] Output(string name)
    {
        var assembly = typeof(FreshProcess).Assembly.Location;
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in new[] { "exec", assembly, Verb, name }) start.ArgumentList.Add(argument);
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        process.WaitForExit(60_000).ShouldBeTrue($"the case '{name}' did not end within 60 s");
        process.ExitCode.ShouldBe(0, error.Result);
        return Convert.FromBase64String(output.Result.Trim());
    }
}
