using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using MiniContainer.Certificates;

namespace MiniContainer.Tests.Certificates;

public class PemCertificateBundleTests
{
    internal static string NewCaPem(string name)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest($"CN={name}", key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(1));
        return certificate.ExportCertificatePem();
    }

    [Fact]
    public void Every_certificate_of_a_bundle_is_read_and_other_blocks_are_skipped()
    {
        var text = NewCaPem("One") + "\n# comment\n" + NewCaPem("Two") + "\n-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----\n";

        var bundle = PemCertificateBundle.Parse(text, "bundle.pem");

        bundle.Count.ShouldBe(2);
        bundle.Subjects.ShouldBe(["CN=One", "CN=Two"]);
        bundle.ToPem().ShouldStartWith("-----BEGIN CERTIFICATE-----\n");
    }

    [Fact]
    public void A_file_without_certificates_is_a_clear_error_naming_the_file()
    {
        var error = Should.Throw<InvalidCertificateFileException>(() => PemCertificateBundle.Parse("just some text\n", "/etc/company-ca.pem"));

        error.Message.ShouldContain("/etc/company-ca.pem");
        error.Message.ShouldContain("holds no PEM certificate");
    }

    [Fact]
    public void A_certificate_block_that_is_not_X509_is_a_clear_error()
    {
        var garbage = "-----BEGIN CERTIFICATE-----\naGVsbG8gd29ybGQ=\n-----END CERTIFICATE-----\n";

        var error = Should.Throw<InvalidCertificateFileException>(() => PemCertificateBundle.Parse(garbage, "bad.pem"));

        error.Message.ShouldContain("bad.pem");
        error.Message.ShouldContain("not a valid X.509 certificate");
    }

    [Fact]
    public async Task A_missing_file_is_named() =>
        (await Should.ThrowAsync<InvalidCertificateFileException>(() => PemCertificateBundle.ReadAsync("/nowhere/ca.pem", CancellationToken.None)))
            .Message.ShouldContain("/nowhere/ca.pem does not exist");

    [Fact]
    public void Appending_adds_new_certificates_once()
    {
        var one = PemCertificateBundle.Parse(NewCaPem("One"), "a");
        var two = PemCertificateBundle.Parse(NewCaPem("Two"), "b");

        var both = one.Append(two).Append(two);

        both.Subjects.ShouldBe(["CN=One", "CN=Two"]);
    }
}
