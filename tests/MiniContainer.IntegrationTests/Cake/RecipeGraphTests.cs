using MiniContainer.IntegrationTests.Fixtures;

namespace MiniContainer.IntegrationTests.Cake;

/// <summary>The recipe run by the real Cake.Tool through an example's own build.sh, against the real engine and registry.</summary>
[Collection(EngineCollection.Name)]
public sealed class RecipeGraphTests(RegistryFixture registry) : IClassFixture<RegistryFixture>
{
    [EngineFact]
    public void The_whole_graph_ends_in_an_image_pushed_to_the_registry_with_a_summary()
    {
        using var repository = ConsumerRepository.CopyOf("hello");
        var credentials = new Dictionary<string, string>
        {
            ["MINICONTAINER_REGISTRY_USERNAME"] = RegistryFixture.Username,
            ["MINICONTAINER_REGISTRY_PASSWORD"] = RegistryFixture.Password,
        };

        var run = repository.BuildSh(credentials, ["Publish", .. ConsumerRepository.TestImages, $"--registry={registry.Address}", "--image-tag=1.0.0"]);

        run.ExitCode.ShouldBe(0, run.Output);
        var digest = File.ReadAllText(Path.Combine(repository.Artifacts, "image", "hello.digest")).Trim();
        digest.ShouldStartWith("sha256:");
        registry.DigestBySkopeo("hello", "1.0.0").ShouldBe(digest);
        run.Output.ShouldNotContain(RegistryFixture.Password);
        run.StandardOutput.ShouldContain("MiniContainer summary");
        run.StandardOutput.ShouldMatch(@"hello\s+[0-9.]+ MiB\s+static\s+go1\.\d+");
        run.StandardOutput.ShouldContain($"{registry.Address}/hello:1.0.0@{digest}");
        run.StandardOutput.ShouldMatch(@"PublishImage\s+[0-9.]+ s");
    }

    [EngineFact]
    public void The_consumers_own_task_runs_between_the_two_recipe_steps_it_was_wired_between()
    {
        using var repository = ConsumerRepository.CopyOf("hello");

        var run = repository.BuildSh(null, ["CaCertificates", .. ConsumerRepository.TestImages]);

        run.ExitCode.ShouldBe(0, run.Output);
        var order = new[] { "GoCompile", "VerifyBinary", "SizeBudget", "CaCertificates" }
            .Select(task => run.StandardOutput.IndexOf($"\n {task}", StringComparison.Ordinal)).ToList();
        order.ShouldAllBe(index => index >= 0, run.StandardOutput);
        order.ShouldBeInOrder(SortDirection.Ascending, run.StandardOutput);
        run.StandardOutput.ShouldContain("hello: ");
        run.StandardOutput.ShouldContain("(budget 20 MiB)");
    }

    [EngineFact]
    public void VerifyBinary_runs_alone_on_any_file_and_fails_the_process_for_a_dynamic_one()
    {
        using var repository = ConsumerRepository.CopyOf("hello");
        var compile = repository.BuildSh(null, ["GoCompile", .. ConsumerRepository.TestImages]);
        compile.ExitCode.ShouldBe(0, compile.Output);
        var elsewhere = Path.Combine(TestBed.TempDirectory("binary"), "server");
        File.Move(Path.Combine(repository.Artifacts, "bin", "hello"), elsewhere);
        Directory.Delete(repository.Artifacts, recursive: true);

        var staticFile = repository.BuildSh(null, "VerifyBinary", $"--binary={elsewhere}");
        var dynamicFile = repository.BuildSh(null, "VerifyBinary", "--binary=/bin/ls");

        staticFile.ExitCode.ShouldBe(0, staticFile.Output);
        staticFile.StandardOutput.ShouldContain($"Verified {elsewhere}");
        staticFile.StandardOutput.ShouldMatch(@"GoCompile\s+-\s+Skipped");
        Directory.Exists(Path.Combine(repository.Artifacts, "bin")).ShouldBeFalse("nothing was compiled");
        dynamicFile.ExitCode.ShouldNotBe(0);
        dynamicFile.Output.ShouldContain("VerifyBinary: Binary '/bin/ls' failed verification");
        Directory.Delete(Path.GetDirectoryName(elsewhere)!, recursive: true);
    }

    [EngineFact]
    public void A_script_that_keeps_an_addin_line_beside_the_load_runs_the_recipe_as_one_without_it()
    {
        using var repository = ConsumerRepository.CopyOf("hello");
        var script = Path.Combine(repository.Directory, "build.cake");
        // As scripts written for earlier versions of the recipe have it: the same assemblies from the addin's install too.
        File.WriteAllText(script, "#addin nuget:?package=Cake.MiniContainer&version=0.1.0\n" + File.ReadAllText(script));

        var run = repository.BuildSh(null, "VerifyBinary", "--binary=/bin/ls");

        run.ExitCode.ShouldNotBe(0);
        run.Output.ShouldContain("VerifyBinary: Binary '/bin/ls' failed verification");
        run.Output.ShouldNotContain("error CS", customMessage: "the script compiled: no alias or type is defined twice");
        Directory.Exists(Path.Combine(repository.Directory, "tools", "Addins", "Cake.MiniContainer.0.1.0")).ShouldBeTrue("the addin line was installed");
    }

    [EngineFact]
    public void A_second_run_with_nothing_changed_builds_nothing_and_leaves_the_same_image()
    {
        using var repository = ConsumerRepository.CopyOf("hello");
        var first = repository.BuildSh(null, ["ComposeImage", .. ConsumerRepository.TestImages, "--image-tag=again"]);
        first.ExitCode.ShouldBe(0, first.Output);

        var second = repository.BuildSh(null, ["ComposeImage", .. ConsumerRepository.TestImages, "--image-tag=again"]);

        second.ExitCode.ShouldBe(0, second.Output);
        second.StandardOutput.ShouldContain("Compile: up to date");
        second.StandardOutput.ShouldNotContain("go build");
        second.StandardOutput.ShouldContain("Image: up to date");
        File.Exists(Path.Combine(repository.Artifacts, "bin", "hello")).ShouldBeTrue();
    }

    [EngineFact]
    public void A_step_runs_alone_on_what_an_earlier_run_left_on_disk()
    {
        using var repository = ConsumerRepository.CopyOf("hello");
        var compile = repository.BuildSh(null, ["GoCompile", .. ConsumerRepository.TestImages]);
        compile.ExitCode.ShouldBe(0, compile.Output);

        var compose = repository.BuildSh(null, ["ComposeImage", "--exclusive", .. ConsumerRepository.TestImages, "--image-tag=alone"]);

        compose.ExitCode.ShouldBe(0, compose.Output);
        compose.StandardOutput.ShouldNotContain("go build");
        File.ReadAllText(Path.Combine(repository.Artifacts, "image", "images.txt")).Trim().ShouldBe("hello hello:alone");
    }
}
