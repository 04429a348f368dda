using System.Text;
using MiniContainer.Images;

namespace MiniContainer.Oci.Layers;

/// <summary>
/// What programs assume of any Linux image and scratch lacks: /etc/passwd and /etc/group naming root and the image's
/// user (os/user.Current, ssh, git and glibc-style lookups fail without them) and a world-writable sticky /tmp (os.TempDir).
/// </summary>
public static class ScratchSystemFiles
{
    /// <summary>The name of the default user, 65532, as distroless names it.</summary>
    public const string DefaultUserName = "nonroot";

    /// <summary>The name any other non-root uid gets.</summary>
    public const string OtherUserName = "app";

    /// <param name="user">A numeric uid[:gid], or null for root.</param>
    public static LayerContent For(string? user)
    {
        var passwd = new StringBuilder("root:x:0:0:root:/root:/sbin/nologin\n");
        var group = new StringBuilder("root:x:0:\n");
        if (user is not null)
        {
            var parts = user.Split(':', 2);
            var (uid, gid) = (parts[0], parts.Length > 1 ? parts[1] : parts[0]);
            var name = uid == "65532" ? DefaultUserName : OtherUserName;
            // The home names no folder: the root file system is best read-only, and /tmp is where a program may write.
            if (uid != "0") passwd.Append($"{name}:x:{uid}:{gid}:{name}:/nonexistent:/sbin/nologin\n");
            if (gid != "0") group.Append($"{name}:x:{gid}:\n");
        }
        return new LayerContent()
            .WithFile("/etc/passwd", Encoding.ASCII.GetBytes(passwd.ToString()), LayerContent.FileMode)
            .WithFile("/etc/group", Encoding.ASCII.GetBytes(group.ToString()), LayerContent.FileMode)
            .WithDirectory("/tmp", LayerContent.TemporaryDirectoryMode)
            .DescribedAs($"scratch: /etc/passwd, /etc/group ({(user is null ? "root" : user)}), /tmp (1777)");
    }
}
