using MiniContainer.Elf;
using MiniContainer.Pipeline;
using Shouldly;
using Xunit;

namespace MiniContainer.Tests.BuildServer;

public class RunSummaryEntryTests
{
    [Fact]
    public void A_summary_fed_the_entries_another_made_renders_the_same_lines()
    {
        var server = new RunSummary();
        var build = new RunSummary();
        server.EntryAdded += entry => build.Apply(MiniContainer.BuildServer.Messages.EntryOf(
            System.Text.Json.Nodes.JsonNode.Parse(MiniContainer.BuildServer.Messages.SummaryEntry(entry).ToJsonString())!.AsObject()));
        server.AddBinary("hello", 5_049_608);
        server.Apply(RunSummaryEntry.Binary("hello", 5_049_608, Linkage.Static, "go1.19.8"));
        server.AddImage("hello:latest", 5_940_712);
        server.AddDigest("hello:latest", "127.0.0.1:5000/hello:latest", "sha256:abc");
        server.AddSkipped("SmokeTest", "--smoke-test=false");
        server.AddStep("GoCompile", TimeSpan.FromSeconds(1.25));

        build.Render().ShouldBe(server.Render());
        string.Join("\n", build.Render()).ShouldContain("static");
        string.Join("\n", build.Render()).ShouldContain("go1.19.8");
        string.Join("\n", build.Render()).ShouldContain("127.0.0.1:5000/hello:latest@sha256:abc");
        string.Join("\n", build.Render()).ShouldContain("1.25 s");
    }

    [Fact]
    public void An_entry_without_its_kind_or_with_an_unknown_linkage_is_a_protocol_error()
    {
        Should.Throw<MiniContainer.BuildServer.BuildServerProtocolException>(() => MiniContainer.BuildServer.Messages.EntryOf(new System.Text.Json.Nodes.JsonObject { ["name"] = "x" }));
        Should.Throw<MiniContainer.BuildServer.BuildServerProtocolException>(() => MiniContainer.BuildServer.Messages.EntryOf(
            new System.Text.Json.Nodes.JsonObject { ["kind"] = "binary", ["name"] = "x", ["linkage"] = "Sideways" }));
    }

    [Fact]
    public void A_size_alone_keeps_what_the_verification_said()
    {
        var summary = new RunSummary();
        summary.Apply(RunSummaryEntry.Binary("hello", 10, Linkage.Dynamic, "go1.19"));
        summary.AddBinary("hello", 20);
        string.Join("\n", summary.Render()).ShouldContain("DYNAMIC");
    }
}
