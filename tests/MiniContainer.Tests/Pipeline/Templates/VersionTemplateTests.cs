using MiniContainer.Pipeline.Templates;

namespace MiniContainer.Tests.Pipeline.Templates;

public class VersionTemplateTests
{
    private static readonly SourceVersion Tagged = new("v1.4.0-3-gabc1234-dirty", "abc1234def5678901234567890abcdef12345678", "abc1234",
        DateTimeOffset.FromUnixTimeSeconds(1_700_000_000), "main");

    private static string Render(string template, SourceVersion? source = null, Dictionary<string, string>? environment = null) =>
        VersionTemplate.Parse(template).Render(new TemplateValues("/repo", () => source, name => environment?.GetValueOrDefault(name)));

    [Fact]
    public void Each_placeholder_becomes_its_value_from_the_checkout_and_the_environment()
    {
        Render("{Version}|{Commit}|{ShortCommit}|{CommitDate}|{Branch}|{Env:BUILD_ID}", Tagged, new() { ["BUILD_ID"] = "42" })
            .ShouldBe("v1.4.0-3-gabc1234-dirty|abc1234def5678901234567890abcdef12345678|abc1234|2023-11-14T22:13:20Z|main|42");
    }

    [Fact]
    public void Commit_date_is_source_date_epoch_when_set_else_the_commit_time_in_utc()
    {
        Render("{CommitDate}", Tagged, new() { ["SOURCE_DATE_EPOCH"] = "86400" }).ShouldBe("1970-01-02T00:00:00Z");
        Render("{CommitDate}", null, new() { ["SOURCE_DATE_EPOCH"] = "86400" }).ShouldBe("1970-01-02T00:00:00Z");
        Render("{CommitDate}", Tagged with { CommitTime = new DateTimeOffset(2024, 3, 1, 12, 0, 0, TimeSpan.FromHours(2)) }).ShouldBe("2024-03-01T10:00:00Z");
    }

    [Fact]
    public void Text_without_placeholders_stays_as_it_is_and_doubled_braces_are_literal()
    {
        VersionTemplate.Parse("1.2.3").HasPlaceholders.ShouldBeFalse();
        Render("1.2.3").ShouldBe("1.2.3");
        Render("{{Version}} is {Version}}}", Tagged).ShouldBe("{Version} is v1.4.0-3-gabc1234-dirty}");
    }

    [Fact]
    public void The_checkout_is_read_only_when_a_placeholder_needs_it_and_then_once()
    {
        var reads = 0;
        var values = new TemplateValues("/repo", () => { reads++; return Tagged; }, _ => "x");

        VersionTemplate.Parse("v1-{Env:X}").Render(values);
        reads.ShouldBe(0);
        VersionTemplate.Parse("{Version}-{Commit}").Render(values);
        VersionTemplate.Parse("{Branch}").Render(values);
        reads.ShouldBe(1);
    }

    [Theory]
    [InlineData("{Versoin}", "names the placeholder {Versoin}, which is not known: use {Version}, {Commit}, {ShortCommit}, {CommitDate}, {Branch}, {Env:NAME}, and {{ for a literal brace.")]
    [InlineData("{version}", "names the placeholder {version}, which is not known (did you mean {Version}?)")]
    [InlineData("v{Version", "has a '{' that is not closed")]
    [InlineData("{Env:1X}", "names the placeholder {Env:1X}, but '1X' is not an environment variable's name")]
    [InlineData("{}", "names the placeholder {}, which is not known")]
    public void An_unknown_placeholder_or_an_open_brace_is_an_error_naming_it(string template, string message)
    {
        Should.Throw<VersionTemplateException>(() => VersionTemplate.Parse(template)).Message.ShouldStartWith(message);
    }

    [Theory]
    [InlineData("{Version}")]
    [InlineData("{Commit}")]
    [InlineData("{ShortCommit}")]
    [InlineData("{Branch}")]
    public void Outside_a_checkout_a_git_placeholder_is_an_error_naming_it_and_what_to_do(string template)
    {
        var error = Should.Throw<VersionTemplateException>(() => Render(template));

        error.Message.ShouldBe($"uses {template}, which comes from git, but /repo is not in a git checkout with a commit that git can read (or git is not installed): " +
            "build from a checkout, or give the value itself (e.g. main.version=1.2.3).");
    }

    [Fact]
    public void Commit_date_outside_a_checkout_without_source_date_epoch_is_an_error_saying_both_sources()
    {
        Should.Throw<VersionTemplateException>(() => Render("{CommitDate}")).Message
            .ShouldBe("uses {CommitDate}, which is SOURCE_DATE_EPOCH or the commit's time, but SOURCE_DATE_EPOCH is not set and /repo is not in a git checkout git can read: set SOURCE_DATE_EPOCH, or build from a checkout.");
        Should.Throw<VersionTemplateException>(() => Render("{CommitDate}", Tagged, new() { ["SOURCE_DATE_EPOCH"] = "yesterday" })).Message
            .ShouldStartWith("uses {CommitDate}, but SOURCE_DATE_EPOCH='yesterday' is not a Unix time in seconds");
    }

    [Fact]
    public void A_detached_head_has_no_branch_and_an_unset_variable_no_value()
    {
        Should.Throw<VersionTemplateException>(() => Render("{Branch}", Tagged with { Branch = null })).Message
            .ShouldStartWith("uses {Branch}, but HEAD is detached in /repo");
        Should.Throw<VersionTemplateException>(() => Render("{Env:RELEASE}", Tagged)).Message
            .ShouldBe("uses {Env:RELEASE}, but RELEASE is not set: set it, or drop the placeholder.");
    }
}
