using System.Diagnostics;

namespace MiniContainer.IntegrationTests.Elf;

/// <summary>Runs the host's go, gcc and musl-gcc; a missing tool fails the test with what to install.</summary>
internal static class HostToolchain
{
    internal static void RequireTool(string tool, string debianPackage)
    {
        var found = (Environment.GetEnvironmentVariable("PATH") ?? string.Empty)
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Any(dir => File.Exists(Path.Combine(dir, tool)));
        if (!found)
        {
            throw new InvalidOperationException($"The Elf integration tests need '{tool}' on PATH to build real binaries: apt-get install {debianPackage}.");
        }
    }

    internal static string Run(string workingDirectory, string fileName, IReadOnlyList<string> arguments, IReadOnlyDictionary<string, string>? environment = null)
    {
        var start = new ProcessStartInfo(fileName)
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment["GOFLAGS"] = "-buildvcs=false";
        start.Environment["GOPROXY"] = "off";
        start.Environment["GOTOOLCHAIN"] = "local";
        foreach (var (key, value) in environment ?? new Dictionary<string, string>())
        {
            start.Environment[key] = value;
        }

        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        process.WaitForExit();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{fileName} {string.Join(' ', arguments)} failed ({process.ExitCode}):\n{stderr.Result}\n{stdout.Result}");
        }

        return stdout.Result;
    }
}
