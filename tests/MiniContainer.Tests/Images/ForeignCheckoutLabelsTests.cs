using System.Diagnostics;
using Microsoft.Extensions.Logging;
using MiniContainer.Images;
using MiniContainer.Sbom;

namespace MiniContainer.Tests.Images;

/// <summary>
/// The labels of an image built from a checkout another user owns (chowned to nobody; the tests run as
/// root): git refuses it, so its core.fsmonitor never runs, the labels carry no revision, and one warning names the folder.
/// </summary>
public sealed class ForeignCheckoutLabelsTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("mc-foreign-labels-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public async Task Labels_and_provenance_of_a_foreign_checkout_have_no_revision_and_one_warning_names_the_folder()
    {
        Environment.UserName.ShouldBe("root", "a checkout chowned to nobody is foreign only to another user");
        var checkout = Path.Combine(_folder, "checkout");
        var marker = Path.Combine(_folder, "fsmonitor-ran");
        Directory.CreateDirectory(checkout);
        File.WriteAllText(Path.Combine(checkout, "main.go"), "package main\n");
        Git(checkout, "init", "-q");
        Git(checkout, "add", ".");
        Git(checkout, "-c", "user.name=t", "-c", "user.email=t@example.com", "commit", "-q", "-m", "c");
        Git(checkout, "config", "core.fsmonitor", $"touch '{marker}'; exit 1");
        Run("chown", "-R", "nobody", checkout);
        var logger = new ListLogger();

        var labels = await new OciLabelRequest { SourceDirectory = checkout, Title = "t" }.ResolveAsync(CancellationToken.None, logger);
        var revision = await SourceRevision.ReadAsync(checkout, CancellationToken.None, logger);

        File.Exists(marker).ShouldBeFalse("the foreign checkout's core.fsmonitor ran");
        labels.ShouldNotContainKey(OciLabels.Revision);
        revision.ShouldBeNull();
        logger.Warnings.ShouldHaveSingleItem().ShouldBe(
            $"git refuses the repository at {checkout}: it is owned by another user than this build's, so its configuration (hooks, core.fsmonitor) is not run. "
            + $"The build goes on without the git revision (no revision label, no VCS stamp in the binaries). If you trust it, mark it safe: git config --global --add safe.directory {checkout}");
    }

    private static void Git(string directory, params string[] arguments) => Run("git", ["-C", directory, .. arguments]);

    private static void Run(string program, params string[] arguments)
    {
        var start = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in arguments) start.ArgumentList.Add(argument);
        using var process = Process.Start(start)!;
        var error = process.StandardError.ReadToEnd();
        process.WaitForExit();
        process.ExitCode.ShouldBe(0, $"{program} {string.Join(' ', arguments)}: {error}");
    }

    private sealed class ListLogger : ILogger
    {
        public List<string> Warnings { get; } = [];

        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (logLevel == LogLevel.Warning) Warnings.Add(formatter(state, exception));
        }
    }
}
