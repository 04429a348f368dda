namespace MiniContainer.Tests;

public class UntrustedCheckoutTests
{
    [Fact]
    public void The_refused_folder_is_read_from_gits_dubious_ownership_message()
    {
        const string refusal = "fatal: detected dubious ownership in repository at '/tmp/shared/x y'\nTo add an exception for this directory, call:\n\n\tgit config --global --add safe.directory '/tmp/shared/x y'\n";

        UntrustedCheckout.RefusedRepository(refusal).ShouldBe("/tmp/shared/x y");
    }

    [Fact]
    public void The_refused_folder_is_read_from_git_2_35_2s_unsafe_repository_message()
    {
        const string refusal = "fatal: unsafe repository ('/srv/checkout' is owned by someone else)\nTo add an exception for this directory, call:\n";

        UntrustedCheckout.RefusedRepository(refusal).ShouldBe("/srv/checkout");
    }

    [Theory]
    [InlineData("fatal: not a git repository (or any of the parent directories): .git\n")]
    [InlineData("fatal: ambiguous argument 'HEAD': unknown revision or path not in the working tree.\n")]
    [InlineData("")]
    public void Other_git_failures_are_no_refusal(string stderr) =>
        UntrustedCheckout.RefusedRepository(stderr).ShouldBeNull();
}
