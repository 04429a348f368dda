namespace MiniContainer.Pipeline.Templates;

/// <summary>A template cannot be read or has no value for one of its placeholders; the message goes after the value it is about.</summary>
public sealed class VersionTemplateException(string problem) : MiniContainerException(problem);
