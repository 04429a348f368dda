using MiniContainer.Go;
using MiniContainer.Pipeline;

namespace MiniContainer.Tests.Pipeline;

public class CacheDirSettingsTests
{
    private static readonly GoModule Hello = new("/repo/service", "example.com/hello", "1.21", null, false);

    private static PipelineSettings Resolve(PipelineScript? script = null, Dictionary<string, string>? arguments = null, Dictionary<string, string>? environment = null) =>
        PipelineSettingsResolver.Resolve(script ?? new PipelineScript(), new DictionaryArgumentSource(arguments ?? []),
            name => environment?.GetValueOrDefault(name), "/repo", _ => false, _ => Hello);

    [Fact]
    public void Without_a_cache_dir_the_builds_keep_the_volumes()
    {
        Resolve().CacheDirectory.ShouldBeNull();
    }

    [Fact]
    public void A_relative_cache_dir_is_taken_from_where_the_build_starts_as_a_ci_cache_step_names_it()
    {
        Resolve(arguments: new() { ["cache-dir"] = ".cache/minicontainer", ["module-dir"] = "service" }).CacheDirectory.ShouldBe("/repo/.cache/minicontainer");
        Resolve(environment: new() { ["MINICONTAINER_CACHE_DIR"] = "/ci/cache" }).CacheDirectory.ShouldBe("/ci/cache");
    }

    [Fact]
    public void The_argument_wins_over_the_build_script()
    {
        var script = new PipelineScript { CacheDir = "script-cache" };

        Resolve(script).CacheDirectory.ShouldBe("/repo/script-cache");
        Resolve(script, new() { ["cache-dir"] = "argument-cache" }).CacheDirectory.ShouldBe("/repo/argument-cache");
    }
}
