using System.Diagnostics;
using System.Text;
using MiniContainer.IntegrationTests.Cake;

namespace MiniContainer.IntegrationTests.Reliability;

/// <summary>
/// A consumer's ./build.sh started in its own process group (setsid), as a terminal runs it, so a
/// signal reaches the whole group: the bootstrapper's exec'd dotnet and the Cake process it starts.
/// SIGINT is reset to its default first: a background job inherits it ignored (and .NET keeps it
/// so for its children), and the test must see what the product does with Ctrl-C, not its parent.
/// </summary>
public sealed class CakeProcess : IDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _output = new();

    private CakeProcess(Process process) => _process = process;

    public static CakeProcess Start(ConsumerRepository repository, IDictionary<string, string>? environment, params string[] arguments) =>
        StartIn([], repository, environment, arguments);

    /// <summary>./build.sh run by <paramref name="wrapper"/> (e.g. unshare), which ends with the command to run.</summary>
    /// <remarks>SIGINT is reset to its default: a test host started as a background job passes it on ignored, and .NET then never sees Ctrl-C.</remarks>
    public static CakeProcess StartIn(IReadOnlyList<string> wrapper, ConsumerRepository repository, IDictionary<string, string>? environment, params string[] arguments)
    {
        var start = new ProcessStartInfo("setsid") { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = repository.Directory };
        foreach (var argument in (string[])["env", "--default-signal=INT", .. wrapper, "bash", "build.sh", .. arguments]) start.ArgumentList.Add(argument);
        // What ConsumerRepository's runs get too: a build server a test asked for serves both kinds of run.
        foreach (var (name, value) in ConsumerRepository.Plain(environment)) start.Environment[name] = value;
        var cake = new CakeProcess(Process.Start(start)!);
        cake._process.OutputDataReceived += (_, e) => cake.Keep(e.Data);
        cake._process.ErrorDataReceived += (_, e) => cake.Keep(e.Data);
        cake._process.BeginOutputReadLine();
        cake._process.BeginErrorReadLine();
        return cake;
    }

    public string Output
    {
        get
        {
            lock (_output) return _output.ToString();
        }
    }

    public bool HasExited => _process.HasExited;

    /// <summary>Sends the signal to the process group, as Ctrl-C in a terminal does.</summary>
    public void Signal(string signal) => Fixtures.ProcessRunner.Run("kill", [$"-{signal}", "--", $"-{_process.Id}"]).ExitCode.ShouldBe(0);

    /// <summary>The exit code, and how long the process took to end after this call.</summary>
    public (int ExitCode, TimeSpan Took) WaitForExit(TimeSpan limit)
    {
        var clock = Stopwatch.StartNew();
        if (!_process.WaitForExit((int)limit.TotalMilliseconds))
        {
            Signal("KILL");
            throw new TimeoutException($"./build.sh did not end within {limit.TotalSeconds} s:\n{Output}");
        }
        _process.WaitForExit();
        return (_process.ExitCode, clock.Elapsed);
    }

    public void Dispose()
    {
        if (!_process.HasExited) Signal("KILL");
        _process.Dispose();
    }

    private void Keep(string? line)
    {
        if (line is null) return;
        lock (_output) _output.Append(line).Append('\n');
    }
}
