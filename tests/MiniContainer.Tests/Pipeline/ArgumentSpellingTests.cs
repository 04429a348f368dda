using MiniContainer.Pipeline;

namespace MiniContainer.Tests.Pipeline;

public class ArgumentSpellingTests
{
    [Theory]
    [InlineData("regsitry", "--registry")]
    [InlineData("image-tags", "--image-tag")]
    [InlineData("base-imag", "--base-image")]
    [InlineData("Registry-Pasword", "--registry-password")]
    public void An_argument_a_typo_away_from_a_setting_is_warned_about_with_the_setting_it_resembles(string given, string meant)
    {
        ArgumentSpelling.Warnings([given], []).ShouldBe([$"--{given} is not a MiniContainer setting and nothing reads it; did you mean {meant}?"]);
    }

    [Fact]
    public void Settings_and_the_scripts_own_arguments_far_from_every_setting_pass_without_a_word()
    {
        ArgumentSpelling.Warnings(["registry", "image-tag", "target", "verbosity", "configuration", "max-binary-megabytes", "exclusive"], []).ShouldBeEmpty();
    }

    [Fact]
    public void A_minicontainer_variable_that_is_no_setting_is_warned_about_and_a_near_one_names_the_setting()
    {
        var warnings = ArgumentSpelling.Warnings([], ["MINICONTAINER_REGISTRY", "MINICONTAINER_REGISTY", "MINICONTAINER_SIGN_KEY_FILE_PATH", "MINICONTAINER_BLOB_CACHE", "PATH", "GOARCH"]);

        warnings.ShouldBe([
            "MINICONTAINER_REGISTY is not a MiniContainer setting and nothing reads it; did you mean MINICONTAINER_REGISTRY?",
            "MINICONTAINER_SIGN_KEY_FILE_PATH is not a MiniContainer setting and nothing reads it; the settings are listed in the README's argument table",
        ]);
    }

    [Theory]
    [InlineData("registry", "regsitry", 1)]
    [InlineData("tag", "tga", 1)]
    [InlineData("kitten", "sitting", 3)]
    [InlineData("", "abc", 3)]
    public void The_distance_counts_a_swap_of_neighbours_as_one_edit(string a, string b, int distance)
    {
        ArgumentSpelling.Distance(a, b).ShouldBe(distance);
    }
}
