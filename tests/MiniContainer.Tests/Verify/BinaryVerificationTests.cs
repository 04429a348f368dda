using System.Text.Json;
using Microsoft.Extensions.Logging;
using MiniContainer.Elf;
using MiniContainer.Verify;

namespace MiniContainer.Tests.Verify;

public sealed class BinaryVerificationTests : IDisposable
{
    private readonly DirectoryInfo directory = Directory.CreateTempSubdirectory("minicontainer-verify-");

    public void Dispose() => directory.Delete(recursive: true);

    [Fact]
    public void The_json_report_has_the_schema_version_and_the_documented_top_level_fields()
    {
        var result = new VerificationResult(Reports.DynamicGlibc(), new VerificationPolicy(), VerificationPolicyEvaluator.Evaluate(Reports.DynamicGlibc(), new VerificationPolicy()));

        using var json = JsonDocument.Parse(VerificationReportJson.ToJson(result));
        var root = json.RootElement;

        root.EnumerateObject().Select(p => p.Name).ShouldBe(["schemaVersion", "passed", "findings", "policy", "file", "format", "linking", "debug", "libc", "go"]);
        root.GetProperty("schemaVersion").GetInt32().ShouldBe(1);
        root.GetProperty("passed").GetBoolean().ShouldBeFalse();
        root.GetProperty("findings")[0].GetProperty("severity").GetString().ShouldBe("error");
        root.GetProperty("findings")[0].GetProperty("code").GetString().ShouldBe("dynamic");
        root.GetProperty("linking").GetProperty("linkage").GetString().ShouldBe("dynamic");
        root.GetProperty("linking").GetProperty("needed")[1].GetString().ShouldBe("libc.so.6");
        root.GetProperty("libc").GetProperty("flavour").GetString().ShouldBe("glibc");
        root.GetProperty("format").GetProperty("goArch").GetString().ShouldBe("amd64");
        root.GetProperty("go").GetProperty("buildInfo").GetProperty("settings")[0].GetProperty("key").GetString().ShouldBe("CGO_ENABLED");
    }

    [Fact]
    public void The_table_shows_the_verdict_and_each_finding()
    {
        var result = new VerificationResult(Reports.DynamicGlibc(), new VerificationPolicy(), VerificationPolicyEvaluator.Evaluate(Reports.DynamicGlibc(), new VerificationPolicy()));

        var table = VerificationReportTable.Render(result);

        table.ShouldContain("linking  DYNAMIC: interpreter /lib64/ld-linux-x86-64.so.2, needs [libpthread.so.0, libc.so.6]");
        table.ShouldContain("ERROR    The binary is dynamically linked");
        table.ShouldContain("result   FAILED");
    }

    [Fact]
    public async Task Running_the_step_on_a_non_elf_file_throws_the_inspection_error_and_writes_nothing()
    {
        var path = Path.Combine(directory.FullName, "app");
        await File.WriteAllTextAsync(path, "not a binary");

        await Should.ThrowAsync<BinaryInspectionException>(() => BinaryVerification.RunAsync(path, new VerificationPolicy(), new ListLogger(), CancellationToken.None));

        File.Exists(VerificationReportJson.PathFor(path)).ShouldBeFalse();
    }

    [Fact]
    public async Task Running_the_step_on_a_dynamic_binary_logs_the_table_writes_the_json_and_throws_with_the_result()
    {
        // /bin/ls on Debian is a dynamic glibc PIE: a real dynamic binary without building anything.
        var path = Path.Combine(directory.FullName, "ls");
        File.Copy("/bin/ls", path);
        var logger = new ListLogger();

        var error = await Should.ThrowAsync<BinaryVerificationFailedException>(() => BinaryVerification.RunAsync(path, new VerificationPolicy { ExpectedGoArch = null }, logger, CancellationToken.None));

        error.Result.Passed.ShouldBeFalse();
        error.Message.ShouldContain("libc.so.6");
        logger.Entries.ShouldContain(e => e.Level == LogLevel.Error && e.Message.Contains("result   FAILED"));
        var json = await File.ReadAllTextAsync(path + ".verify.json");
        json.ShouldContain("\"schemaVersion\": 1");
        json.ShouldContain("\"linkage\": \"dynamic\"");
    }

    private sealed class ListLogger : ILogger
    {
        public List<(LogLevel Level, string Message)> Entries { get; } = [];

        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            Entries.Add((logLevel, formatter(state, exception)));
    }
}
