using System.Globalization;
using MiniContainer.Images;

namespace MiniContainer.Pipeline.Templates;

/// <summary>
/// What the placeholders stand for in one build. The checkout is read once, and only when a placeholder asks for it;
/// outside one, each git placeholder fails naming itself and what to do, rather than stamping a made-up version.
/// </summary>
public sealed class TemplateValues
{
    private readonly Lazy<SourceVersion?> _source;
    private readonly string _directory;
    private readonly Func<string, string?> _environment;

    /// <param name="directory">The module's folder, for messages.</param>
    /// <param name="readSource">Reads the checkout holding it (null outside one); called at most once.</param>
    public TemplateValues(string directory, Func<SourceVersion?> readSource, Func<string, string?> environment)
    {
        _directory = directory;
        _source = new Lazy<SourceVersion?>(readSource);
        _environment = environment;
    }

    /// <exception cref="VersionTemplateException">The placeholder has no value here.</exception>
    public string ValueOf(string placeholder)
    {
        if (placeholder.StartsWith(VersionTemplate.EnvPrefix, StringComparison.Ordinal))
        {
            var name = placeholder[VersionTemplate.EnvPrefix.Length..];
            return _environment(name) ?? throw new VersionTemplateException($"uses {{{placeholder}}}, but {name} is not set: set it, or drop the placeholder.");
        }
        if (placeholder == VersionTemplate.CommitDate) return CommitDate();
        var source = Source(placeholder);
        return placeholder switch
        {
            VersionTemplate.Version => source.Description,
            VersionTemplate.Commit => source.Commit,
            VersionTemplate.ShortCommit => source.ShortCommit,
            VersionTemplate.Branch => source.Branch ?? throw new VersionTemplateException(
                $"uses {{{placeholder}}}, but HEAD is detached in {_directory} (no branch is checked out, as in many CI checkouts): check out a branch, or use the CI's variable, e.g. {{Env:GITHUB_REF_NAME}}."),
            _ => throw new ArgumentOutOfRangeException(nameof(placeholder), placeholder, "not a placeholder VersionTemplate.Parse accepts"),
        };
    }

    private string CommitDate()
    {
        var epoch = _environment(ImageCreatedTime.SourceDateEpochVariable);
        DateTimeOffset? time;
        try
        {
            time = ImageCreatedTime.Choose(epoch, string.IsNullOrWhiteSpace(epoch) ? _source.Value?.CommitTime : null, useClockWhenUnknown: false);
        }
        catch (MiniContainerException e)
        {
            throw new VersionTemplateException($"uses {{{VersionTemplate.CommitDate}}}, but {e.Message}");
        }
        return time?.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture)
            ?? throw new VersionTemplateException($"uses {{{VersionTemplate.CommitDate}}}, which is SOURCE_DATE_EPOCH or the commit's time, but SOURCE_DATE_EPOCH is not set and " +
                $"{_directory} is not in a git checkout git can read: set SOURCE_DATE_EPOCH, or build from a checkout.");
    }

    private SourceVersion Source(string placeholder) => _source.Value ?? throw new VersionTemplateException(
        $"uses {{{placeholder}}}, which comes from git, but {_directory} is not in a git checkout with a commit that git can read (or git is not installed): " +
        "build from a checkout, or give the value itself (e.g. main.version=1.2.3).");
}
