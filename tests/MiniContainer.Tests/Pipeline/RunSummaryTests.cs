using MiniContainer.Pipeline;

namespace MiniContainer.Tests.Pipeline;

public class RunSummaryTests
{
    [Fact]
    public void The_summary_shows_each_image_with_its_size_and_pushed_digest_and_each_step_time()
    {
        var summary = new RunSummary();
        summary.AddBinary("hello", 5 * 1024 * 1024);
        summary.AddImage("hello:1.0", 8 * 1024 * 1024);
        summary.AddDigest("hello:1.0", "127.0.0.1:5000/hello:1.0", "sha256:abc");
        summary.AddStep("GoCompile", TimeSpan.FromSeconds(1.5));

        var lines = summary.Render();

        lines.ShouldContain(l => l.Contains("hello") && l.Contains("5.0 MiB") && l.Contains("(not verified)"));
        lines.ShouldContain(l => l.Contains("hello:1.0") && l.Contains("8.0 MiB") && l.Contains("127.0.0.1:5000/hello:1.0@sha256:abc"));
        lines.ShouldContain(l => l.Contains("GoCompile") && l.Contains("1.50 s"));
    }
}
