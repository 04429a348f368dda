using MiniContainer.Pipeline;

namespace MiniContainer.Nuke;

/// <summary>The script is a settable object (as Cake's MiniContainer.Settings); a NUKE hook returns it, so it is changed in one expression.</summary>
public static class PipelineScriptExtensions
{
    public static T With<T>(this T script, Action<T> change) where T : PipelineScript
    {
        change(script);
        return script;
    }
}
