using System.Collections;
using System.Reflection;
using MiniContainer.BuildServer;
using MiniContainer.Pipeline;
using MiniContainer.SmokeTest;
using Shouldly;
using Xunit;

namespace MiniContainer.Tests.BuildServer;

public class ScriptSnapshotTests
{
    private sealed class HostScript : PipelineScript
    {
        public override string Describe => "MiniContainer.Settings";

        public Dictionary<string, SmokeTestSpec> Own { get; } = new() { ["api"] = SmokeTestSpec.ForServer(8081, "-addr=:8081") };

        public override IEnumerable<string> SmokeTestBinaries => Own.Keys.Concat(base.SmokeTestBinaries);

        public override SmokeTestSpec? SmokeTestFor(string binary) =>
            Own.TryGetValue(binary, out var own) ? own : base.SmokeTestFor(binary) ?? SmokeTestSpec.OneShot("ok", "--version");
    }

    [Fact]
    public void Every_setting_of_the_script_reaches_the_server_as_set()
    {
        var script = new HostScript();
        var filled = Fill(script);
        var copy = RoundTrip(script);
        foreach (var property in filled)
            Render(property.GetValue(copy)).ShouldBe(Render(property.GetValue(script)), $"PipelineScript.{property.Name} did not travel");
        filled.Count.ShouldBeGreaterThan(40, "every settable property was filled");
    }

    [Fact]
    public void The_host_s_name_for_its_settings_and_its_smoke_tests_travel_with_them()
    {
        var script = new HostScript();
        script.Binaries["worker"] = new BinaryImageScript { SmokeTest = SmokeTestSpec.OneShot("worker ok") };
        var copy = RoundTrip(script);
        copy.Describe.ShouldBe("MiniContainer.Settings");
        Json(copy.SmokeTestFor("api")).ShouldBe(Json(script.SmokeTestFor("api")));
        copy.SmokeTestFor("api")!.Server!.Port.ShouldBe(8081);
        copy.SmokeTestFor("worker")!.ExpectedOutput.ShouldBe("worker ok");
        copy.SmokeTestFor("any-other")!.ExpectedOutput.ShouldBe("ok");
        copy.SmokeTestFor("any-other")!.Arguments.ShouldBe(["--version"]);
    }

    [Fact]
    public void A_script_with_no_smoke_test_gives_none_there_either()
    {
        var copy = RoundTrip(new PipelineScript());
        copy.SmokeTestFor("hello").ShouldBeNull();
    }

    [Fact]
    public void A_request_that_is_no_script_ends_in_a_protocol_error()
    {
        Should.Throw<BuildServerProtocolException>(() => ScriptSnapshot.Read(System.Text.Json.Nodes.JsonNode.Parse("""{"script": {"Platforms": 3}}""")!.AsObject()));
        Should.Throw<BuildServerProtocolException>(() => ScriptSnapshot.Read(new System.Text.Json.Nodes.JsonObject()));
    }

    private static ScriptSnapshot RoundTrip(PipelineScript script) =>
        ScriptSnapshot.Read(System.Text.Json.Nodes.JsonNode.Parse(Messages.StepRequest("GoCompile", script, new Dictionary<string, string>(), "/src", 2))!.AsObject());

    /// <summary>Gives every settable property of PipelineScript a value of its type that differs from the default.</summary>
    private static List<PropertyInfo> Fill(PipelineScript script)
    {
        var filled = new List<PropertyInfo>();
        var n = 0;
        foreach (var property in typeof(PipelineScript).GetProperties().Where(p => p.CanWrite))
        {
            n++;
            var type = property.PropertyType;
            object? value = type == typeof(string) ? $"value-{n}"
                : type == typeof(bool?) ? n % 2 == 0
                : type == typeof(IList<string>) ? new List<string> { $"a{n}", $"b{n}" }
                : type == typeof(IList<int>) ? new List<int> { n, n + 1 }
                : type == typeof(IDictionary<string, string>) ? new Dictionary<string, string> { [$"k{n}"] = $"v{n}" }
                : type == typeof(IDictionary<string, BinaryImageScript>) ? new Dictionary<string, BinaryImageScript>
                {
                    ["api"] = new() { BaseImage = "scratch", Entrypoint = ["/app/api"], Environment = { ["A"] = "1" }, ExposedPorts = [9000], User = "1:1", SmokeTest = SmokeTestSpec.OneShot("ready") },
                }
                : throw new InvalidOperationException($"PipelineScript.{property.Name} has a type this test does not fill ({type}): add it here");
            property.SetValue(script, value);
            filled.Add(property);
        }
        return filled;
    }

    private static string Render(object? value) => value switch
    {
        null => "null",
        string s => s,
        IDictionary dictionary => "{" + string.Join(",", dictionary.Keys.Cast<object>().Select(k => $"{k}={Render(dictionary[k])}").Order()) + "}",
        IEnumerable items => "[" + string.Join(",", items.Cast<object>().Select(Render)) + "]",
        BinaryImageScript b => $"{b.BaseImage}|{b.ImageName}|{Render(b.Entrypoint)}|{Render(b.Command)}|{Render(b.Environment)}|{Render(b.Labels)}|{Render(b.ExposedPorts)}|{b.User}|{Render(b.SmokeTest)}",
        SmokeTestSpec spec => Json(spec),
        _ => value.ToString() ?? "",
    };

    private static string Json(SmokeTestSpec? spec) => System.Text.Json.JsonSerializer.Serialize(spec, BuildServerJsonContext.Default.SmokeTestSpec);
}
