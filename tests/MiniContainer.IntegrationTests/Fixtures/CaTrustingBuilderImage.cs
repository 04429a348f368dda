namespace MiniContainer.IntegrationTests.Fixtures;

/// <summary>
/// The test builder image with one more CA in its bundle, as a company's builder trusts the
/// company's CA: made with docker create, cp and commit (nothing pulled or built). Disposing removes it.
/// </summary>
public sealed class CaTrustingBuilderImage : IDisposable
{
    private const string Bundle = "/etc/ssl/certs/ca-certificates.crt";

    private CaTrustingBuilderImage(string reference) => Reference = reference;

    public string Reference { get; }

    public static CaTrustingBuilderImage Create(string caPem)
    {
        var reference = $"minicontainer-testbed/go-builder:trusts-{Guid.NewGuid():N}"[..52];
        var folder = TestBed.TempDirectory("ca-builder");
        try
        {
            var bundle = Docker(["run", "--rm", "--network", "none", TestBed.BuilderImage, "cat", Bundle]);
            var file = Path.Combine(folder, "ca-certificates.crt");
            File.WriteAllText(file, bundle + "\n" + caPem);
            var container = Docker(["create", "--network", "none", TestBed.BuilderImage, "true"]).Trim();
            try
            {
                Docker(["cp", file, $"{container}:{Bundle}"]);
                Docker(["commit", container, reference]);
            }
            finally
            {
                Docker(["rm", container]);
            }
            return new CaTrustingBuilderImage(reference);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    private static string Docker(string[] arguments)
    {
        var result = ProcessRunner.Run("docker", arguments);
        result.ExitCode.ShouldBe(0, $"docker {string.Join(' ', arguments)}: {result.Output}");
        return result.StandardOutput;
    }

    public void Dispose() => ProcessRunner.Run("docker", ["rmi", Reference]);
}
