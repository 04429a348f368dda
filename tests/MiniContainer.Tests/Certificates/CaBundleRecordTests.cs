using MiniContainer.Certificates;
using MiniContainer.Oci;

namespace MiniContainer.Tests.Certificates;

public class CaBundleRecordTests
{
    private const string ImageId = "sha256:1111111111111111111111111111111111111111111111111111111111111111";
    private const string BundlePath = "/etc/ssl/certs/ca-certificates.crt";
    private static readonly OciDigest CompanyCa = OciDigest.Of("company CA"u8);
    private static readonly OciDigest TeamCa = OciDigest.Of("team CA"u8);
    private static readonly OciDigest Staged = OciDigest.Of("the staged bundle"u8);

    private static CaBundleRecord Recorded(CaBundleInputs inputs) => new(inputs, Staged, 142, 140, 215_000);

    private static CaBundleInputs FromBuilder(string imageId = ImageId, string bundlePath = BundlePath, params OciDigest[] extras) =>
        CaBundleInputs.OfBuilderImage(imageId, bundlePath, extras);

    [Fact]
    public void The_same_inputs_and_an_untouched_staged_file_are_up_to_date()
    {
        Recorded(FromBuilder(extras: [CompanyCa, TeamCa])).Vouches(FromBuilder(extras: [CompanyCa, TeamCa]), Staged).ShouldBeTrue();
        Recorded(CaBundleInputs.OfFile(CompanyCa, [TeamCa])).Vouches(CaBundleInputs.OfFile(CompanyCa, [TeamCa]), Staged).ShouldBeTrue();
        Recorded(CaBundleInputs.OfNone([CompanyCa])).Vouches(CaBundleInputs.OfNone([CompanyCa]), Staged).ShouldBeTrue();
    }

    // Each changes one field from the record the theory checks; the theory takes their names (its data must be public types).
    private static readonly Dictionary<string, (CaBundleInputs Wanted, OciDigest? Staged)> Changes = new()
    {
        ["another builder image ID"] = (FromBuilder(imageId: "sha256:2222222222222222222222222222222222222222222222222222222222222222", extras: [CompanyCa]), Staged),
        ["another path of the bundle in the image"] = (FromBuilder(bundlePath: "/etc/pki/tls/certs/ca-bundle.crt", extras: [CompanyCa]), Staged),
        ["another source: a file"] = (CaBundleInputs.OfFile(OciDigest.Of("host bundle"u8), [CompanyCa]), Staged),
        ["another source: none"] = (CaBundleInputs.OfNone([CompanyCa]), Staged),
        ["an edited --ca-file"] = (FromBuilder(extras: [OciDigest.Of("company CA, renewed"u8)]), Staged),
        ["an added --ca-file"] = (FromBuilder(extras: [CompanyCa, TeamCa]), Staged),
        ["a removed --ca-file"] = (FromBuilder(), Staged),
        ["another writer (a new MiniContainer)"] = (FromBuilder(extras: [CompanyCa]) with { Writer = "0123456789abcdef0123456789abcdef" }, Staged),
        ["an edited staged file"] = (FromBuilder(extras: [CompanyCa]), OciDigest.Of("the staged bundle, edited"u8)),
        ["a deleted staged file"] = (FromBuilder(extras: [CompanyCa]), null),
    };

    public static TheoryData<string> ChangeNames => new(Changes.Keys);

    [Theory]
    [MemberData(nameof(ChangeNames))]
    public void Any_change_in_what_the_bundle_is_made_from_or_in_the_staged_file_stages_again(string change)
    {
        var (wanted, staged) = Changes[change];

        Recorded(FromBuilder(extras: [CompanyCa])).Vouches(wanted, staged).ShouldBeFalse(change);
    }

    [Fact]
    public void The_order_of_the_ca_files_counts_and_a_changed_host_bundle_stages_again()
    {
        Recorded(FromBuilder(extras: [CompanyCa, TeamCa])).Vouches(FromBuilder(extras: [TeamCa, CompanyCa]), Staged).ShouldBeFalse();
        Recorded(CaBundleInputs.OfFile(OciDigest.Of("host bundle"u8), [])).Vouches(CaBundleInputs.OfFile(OciDigest.Of("host bundle, updated"u8), []), Staged).ShouldBeFalse();
    }

    [Fact]
    public void A_record_reads_back_as_written_with_its_counts()
    {
        var record = Recorded(FromBuilder(extras: [CompanyCa, TeamCa]));

        var read = CaBundleRecord.Parse(record.Format());

        read.ShouldNotBeNull();
        read.Vouches(FromBuilder(extras: [CompanyCa, TeamCa]), Staged).ShouldBeTrue();
        (read.Bundle, read.CertificateCount, read.FromSource, read.Size).ShouldBe((Staged, 142, 140, 215_000L));
    }

    [Theory]
    [InlineData("")]
    [InlineData("sha256:1111\n")]
    [InlineData("garbage")]
    public void A_garbled_record_is_no_record(string text)
    {
        CaBundleRecord.Parse(text).ShouldBeNull();
    }

    [Fact]
    public void A_record_cut_short_or_with_a_broken_field_is_no_record()
    {
        var lines = Recorded(FromBuilder(extras: [CompanyCa])).Format().Split('\n');

        CaBundleRecord.Parse(string.Join('\n', lines[..^2]) + "\n").ShouldBeNull("the bundle line missing");
        CaBundleRecord.Parse(string.Join('\n', lines[..^1])).ShouldBeNull("the last line unterminated (a torn write)");
        CaBundleRecord.Parse(string.Join('\n', lines).Replace("source BuilderImage", "source Somewhere")).ShouldBeNull("an unknown source");
        CaBundleRecord.Parse(string.Join('\n', lines).Replace("ca-file sha256:", "ca-file md5:")).ShouldBeNull("a --ca-file digest that is not one");
        CaBundleRecord.Parse(string.Join('\n', lines).Replace(" 142 140 ", " many 140 ")).ShouldBeNull("a count that is not a number");
    }
}
