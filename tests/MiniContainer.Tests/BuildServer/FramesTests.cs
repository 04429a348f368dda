using System.Buffers.Binary;
using System.Text.Json.Nodes;
using MiniContainer.BuildServer;
using Shouldly;
using Xunit;

namespace MiniContainer.Tests.BuildServer;

public class FramesTests
{
    [Fact]
    public async Task A_message_reads_back_as_written_and_the_end_of_the_stream_reads_as_null()
    {
        var stream = new MemoryStream();
        new FrameWriter(stream).TryWrite(new JsonObject { ["type"] = "log", ["text"] = "über {0} \"quoted\"" }).ShouldBeTrue();
        stream.Position = 0;
        var message = await Frames.ReadAsync(stream, CancellationToken.None);
        message!.Text("text").ShouldBe("über {0} \"quoted\"");
        (await Frames.ReadAsync(stream, CancellationToken.None)).ShouldBeNull();
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    [InlineData(Frames.MaxLength + 1)]
    public async Task A_length_outside_the_bound_is_refused_before_anything_is_allocated(int length)
    {
        var header = new byte[4];
        BinaryPrimitives.WriteInt32BigEndian(header, length);
        var error = await Should.ThrowAsync<BuildServerProtocolException>(() => Frames.ReadAsync(new MemoryStream(header), CancellationToken.None));
        error.Message.ShouldContain("limit");
    }

    [Fact]
    public async Task A_message_cut_short_or_not_json_is_a_protocol_error()
    {
        var cut = new MemoryStream();
        new FrameWriter(cut).TryWrite(new JsonObject { ["type"] = "end" }).ShouldBeTrue();
        await Should.ThrowAsync<BuildServerProtocolException>(() => Frames.ReadAsync(new MemoryStream(cut.ToArray()[..^2]), CancellationToken.None));
        await Should.ThrowAsync<BuildServerProtocolException>(() => Frames.ReadAsync(new MemoryStream([0, 0]), CancellationToken.None));
        var notJson = new MemoryStream();
        Frames.Write(notJson, "[1, 2]"u8);
        notJson.Position = 0;
        await Should.ThrowAsync<BuildServerProtocolException>(() => Frames.ReadAsync(notJson, CancellationToken.None));
        var garbage = new MemoryStream();
        Frames.Write(garbage, "{nope"u8);
        garbage.Position = 0;
        await Should.ThrowAsync<BuildServerProtocolException>(() => Frames.ReadAsync(garbage, CancellationToken.None));
    }
}
