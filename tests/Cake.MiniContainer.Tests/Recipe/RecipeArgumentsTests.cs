using Cake.MiniContainer.Recipe;

namespace Cake.MiniContainer.Tests.Recipe;

public class RecipeArgumentsTests
{
    [Fact]
    public void Every_argument_the_issue_names_is_spelled_so()
    {
        string[] required = ["--builder-image", "--cc", "--cgo", "--goarch", "--base-image", "--image", "--tag", "--registry",
            "--registry-username", "--registry-password", "--ca-file", "--binary", "--output"];
        required.ShouldBeSubsetOf(RecipeArguments.All.Select(a => a.CommandLine));
    }

    [Fact]
    public void Each_argument_has_its_environment_variable()
    {
        RecipeArguments.BuilderImage.EnvironmentVariable.ShouldBe("MINICONTAINER_BUILDER_IMAGE");
        RecipeArguments.RegistryPassword.EnvironmentVariable.ShouldBe("MINICONTAINER_REGISTRY_PASSWORD");
    }

    [Fact]
    public void The_readme_documents_every_argument_in_one_table()
    {
        var readme = File.ReadAllText(Path.Combine(RepositoryRoot(), "README.md"));

        readme.ShouldContain(RecipeArguments.MarkdownTable());
    }

    private static string RepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
            if (File.Exists(Path.Combine(directory.FullName, "MiniContainer.sln"))) return directory.FullName;
        throw new InvalidOperationException("MiniContainer.sln not found");
    }
}
