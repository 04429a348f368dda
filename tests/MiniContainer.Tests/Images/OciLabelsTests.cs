using System.Diagnostics;
using MiniContainer.Images;

namespace MiniContainer.Tests.Images;

public class OciLabelsTests
{
    private static readonly DateTimeOffset CommitTime = DateTimeOffset.FromUnixTimeSeconds(1_700_000_000);

    [Fact]
    public void SOURCE_DATE_EPOCH_wins_over_the_commit_time() =>
        ImageCreatedTime.Choose("1600000000", CommitTime, useClockWhenUnknown: false).ShouldBe(DateTimeOffset.FromUnixTimeSeconds(1_600_000_000));

    [Fact]
    public void Without_SOURCE_DATE_EPOCH_the_commit_time_is_used() =>
        ImageCreatedTime.Choose(null, CommitTime, useClockWhenUnknown: true).ShouldBe(CommitTime);

    [Fact]
    public void Without_either_there_is_no_created_time_unless_the_clock_is_asked_for()
    {
        ImageCreatedTime.Choose("", null, useClockWhenUnknown: false).ShouldBeNull();
        var clock = new FixedClock(DateTimeOffset.FromUnixTimeSeconds(42));
        ImageCreatedTime.Choose(null, null, useClockWhenUnknown: true, clock).ShouldBe(DateTimeOffset.FromUnixTimeSeconds(42));
    }

    [Fact]
    public void A_SOURCE_DATE_EPOCH_that_is_not_a_number_is_a_clear_error() =>
        Should.Throw<InvalidRuntimeImageSpecException>(() => ImageCreatedTime.Choose("yesterday", null, false)).Message.ShouldContain("SOURCE_DATE_EPOCH='yesterday'");

    [Fact]
    public void The_labels_use_the_OCI_keys_and_RFC3339_UTC()
    {
        var labels = OciLabels.From(new OciLabelValues
        {
            Source = "https://example.com/hello", Revision = "abc123", Version = "1.2.3", Title = "hello", Created = CommitTime,
        });

        labels.ShouldBe(new Dictionary<string, string>
        {
            ["org.opencontainers.image.created"] = "2023-11-14T22:13:20Z",
            ["org.opencontainers.image.revision"] = "abc123",
            ["org.opencontainers.image.source"] = "https://example.com/hello",
            ["org.opencontainers.image.title"] = "hello",
            ["org.opencontainers.image.version"] = "1.2.3",
        }, ignoreOrder: true);
    }

    [Fact]
    public async Task Revision_and_created_come_from_the_git_commit()
    {
        var repository = Directory.CreateTempSubdirectory("minicontainer-git-").FullName;
        try
        {
            Git(repository, "init", "-q");
            File.WriteAllText(Path.Combine(repository, "a.txt"), "a");
            Git(repository, "add", "a.txt");
            Git(repository, "-c", "user.name=t", "-c", "user.email=t@example.com", "commit", "-q", "-m", "one", "--date=@1500000000 +0000");
            var commit = await GitCommit.ReadAsync(repository, CancellationToken.None);

            commit.ShouldNotBeNull();
            commit.Revision.Length.ShouldBe(40);
            commit.CommitTime.ShouldBe(DateTimeOffset.FromUnixTimeSeconds(1_500_000_000));
            Environment.GetEnvironmentVariable("SOURCE_DATE_EPOCH").ShouldBeNull("this test expects SOURCE_DATE_EPOCH unset");
            var labels = await new OciLabelRequest { SourceDirectory = repository, Title = "t" }.ResolveAsync(CancellationToken.None);
            labels[OciLabels.Revision].ShouldBe(commit.Revision);
            labels[OciLabels.Created].ShouldBe("2017-07-14T02:40:00Z");
        }
        finally
        {
            Directory.Delete(repository, recursive: true);
        }
    }

    [Fact]
    public async Task A_folder_outside_git_gives_no_revision() =>
        (await GitCommit.ReadAsync(Path.GetTempPath(), CancellationToken.None)).ShouldBeNull();

    private static void Git(string directory, params string[] arguments)
    {
        var start = new ProcessStartInfo("git") { WorkingDirectory = directory, RedirectStandardOutput = true, RedirectStandardError = true };
        start.Environment["GIT_COMMITTER_DATE"] = "@1500000000 +0000";
        foreach (var argument in arguments) start.ArgumentList.Add(argument);
        using var git = Process.Start(start)!;
        git.WaitForExit();
        git.ExitCode.ShouldBe(0, git.StandardError.ReadToEnd());
    }

    private sealed class FixedClock(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }
}
