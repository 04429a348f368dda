using System.Text.Json;
using Docker.DotNet.Models;
using MiniContainer.Publish;

namespace MiniContainer.Tests.Publish;

public class PushProgressReaderTests
{
    private const string Digest = "sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef";

    [Fact]
    public void The_digest_is_read_from_the_aux_message()
    {
        var reader = new PushProgressReader();
        reader.Read(new JSONMessage { Status = "Pushed", ID = "abc" });
        reader.Read(new JSONMessage
        {
            Aux = new ObjectExtensionData { ExtensionData = new Dictionary<string, object> { ["Digest"] = JsonSerializer.SerializeToElement(Digest) } },
        });

        reader.Digest.ShouldBe(Digest);
        reader.Error.ShouldBeNull();
    }

    [Fact]
    public void The_digest_is_read_from_the_status_line_when_there_is_no_aux()
    {
        var reader = new PushProgressReader();
        reader.Read(new JSONMessage { Status = $"1.0: digest: {Digest} size: 528" });

        reader.Digest.ShouldBe(Digest);
    }

    [Fact]
    public void The_first_error_is_kept()
    {
        var reader = new PushProgressReader();
        reader.Read(new JSONMessage { Error = new JSONError { Message = "unauthorized: authentication required" } });
        reader.Read(new JSONMessage { Error = new JSONError { Message = "later" } });

        reader.Error.ShouldBe("unauthorized: authentication required");
    }

    [Theory]
    [InlineData("unauthorized: authentication required", PushFailure.Unauthorized)]
    [InlineData("Get \"https://127.0.0.1:1/v2/\": dial tcp 127.0.0.1:1: connect: connection refused", PushFailure.RegistryUnreachable)]
    [InlineData("manifest invalid", PushFailure.Other)]
    public void Errors_are_classified(string error, PushFailure failure) => PushProgressReader.Classify(error).ShouldBe(failure);
}
