using MiniContainer.IntegrationTests.Fixtures;

namespace MiniContainer.IntegrationTests.Cake;

/// <summary>Wrong settings end the real Cake run non-zero with one message that names the argument (before any engine is asked).</summary>
[Collection(EngineCollection.Name)]
public sealed class RecipeArgumentTests
{
    [Fact]
    public void A_wrong_argument_value_fails_with_a_message_naming_the_argument()
    {
        using var repository = ConsumerRepository.CopyOf("hello");

        var run = repository.BuildSh(null, ["Publish", .. ConsumerRepository.TestImages, "--cgo=maybe"]);

        run.ExitCode.ShouldNotBe(0);
        run.Output.ShouldContain("--cgo=maybe: 'maybe' is not a boolean; use true or false.");
        run.Output.ShouldNotContain("   at ");
    }

    [Theory]
    [InlineData("--variables=main.version={Vresion}", "--variables=main.version={Vresion}: 'main.version={Vresion}' names the placeholder {Vresion}, which is not known: use {Version}, {Commit}, {ShortCommit}, {CommitDate}, {Branch}, {Env:NAME}, and {{ for a literal brace.")]
    [InlineData("--builder-env=GOEXPERIMENT", "--builder-env=GOEXPERIMENT: 'GOEXPERIMENT' is not KEY=VALUE, e.g. GOEXPERIMENT=loopvar; give pairs comma-separated.")]
    public void An_unknown_placeholder_or_a_malformed_pair_fails_with_one_line_naming_the_argument(string argument, string message)
    {
        using var repository = ConsumerRepository.CopyOf("hello");

        var run = repository.BuildSh(null, ["GoCompile", .. ConsumerRepository.TestImages, argument]);

        run.ExitCode.ShouldNotBe(0);
        run.Output.ShouldContain(message);
        run.Output.ShouldNotContain("   at ");
    }

    [Fact]
    public void A_wrong_environment_value_names_its_variable_from_build_ps1_too()
    {
        using var repository = ConsumerRepository.CopyOf("hello");
        Environment.SetEnvironmentVariable("MINICONTAINER_GOARCH", null);

        var run = ProcessRunner.Run("dotnet", ["tool", "run", "pwsh", "-NoProfile", "-File", "./build.ps1", "GoCompile"],
            repository.Directory, new Dictionary<string, string> { ["NO_COLOR"] = "1", ["MINICONTAINER_GOARCH"] = "amd65" }, 600);

        run.ExitCode.ShouldNotBe(0);
        run.Output.ShouldContain("MINICONTAINER_GOARCH=amd65: 'amd65' is not a GOARCH Go knows");
    }

    [EngineFact]
    public void Without_a_builder_image_the_default_builder_is_made_or_the_error_says_what_to_name()
    {
        using var repository = ConsumerRepository.CopyOf("hello");

        var run = repository.BuildSh(null, "GoRestore");

        run.ExitCode.ShouldNotBe(0);
        run.Output.ShouldContain("The default Go builder 'minicontainer/go-builder:1.19-alpine' is not in the Docker Engine, and making it from 'golang:1.19-alpine' failed");
        run.Output.ShouldContain("--builder-image=<image>");
    }

    [Fact]
    public void A_misspelt_argument_and_an_unknown_variable_are_warned_about_and_the_scripts_own_argument_is_not()
    {
        using var repository = ConsumerRepository.CopyOf("hello");

        var run = repository.BuildSh(new Dictionary<string, string> { ["MINICONTAINER_SIGN_KEY_FILE_PATH"] = "/nowhere" },
            ["VerifyBinary", "--binary=/bin/true", "--regsitry=127.0.0.1:5000", "--my-own-flag=1"]);

        run.Output.ShouldContain("--regsitry is not a MiniContainer setting and nothing reads it; did you mean --registry?");
        run.Output.ShouldContain("MINICONTAINER_SIGN_KEY_FILE_PATH is not a MiniContainer setting and nothing reads it");
        run.Output.ShouldNotContain("my-own-flag");
    }
}
