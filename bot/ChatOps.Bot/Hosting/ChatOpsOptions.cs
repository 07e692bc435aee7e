using Microsoft.Extensions.Options;

namespace ChatOps.Bot.Hosting;

/// <summary>Directory settings (section <c>Directory</c>).</summary>
public sealed class DirectoryOptions
{
    /// <summary>Configuration section.</summary>
    public const string Section = "Directory";

    /// <summary>
    /// The file an empty database is seeded with (YAML or CSV); relative paths are taken from the application folder.
    /// Empty: never seed (production).
    /// </summary>
    public string? SeedFile { get; set; } = "samples/directory.yaml";
}

/// <summary>The office's settings (section <c>Office</c>).</summary>
public sealed class OfficeOptions
{
    /// <summary>Configuration section.</summary>
    public const string Section = "Office";

    /// <summary>The office's name as it heads the bulletin.</summary>
    public string Name { get; set; } = "云南省推进爱国卫生“7个专项行动”领导小组办公室";

    /// <summary>IANA time zone of the office; deadlines such as Thursday 17:00 are in this zone.</summary>
    public string TimeZone { get; set; } = "Asia/Shanghai";
}

/// <summary>Checks <see cref="DirectoryOptions"/> at start-up.</summary>
internal sealed class DirectoryOptionsValidator : IValidateOptions<DirectoryOptions>
{
    public ValidateOptionsResult Validate(string? name, DirectoryOptions options) =>
        string.IsNullOrWhiteSpace(options.SeedFile) || File.Exists(ChatOpsHost.AppPath(options.SeedFile))
            ? ValidateOptionsResult.Success
            : ValidateOptionsResult.Fail($"Directory:SeedFile names a file that does not exist: '{ChatOpsHost.AppPath(options.SeedFile)}' (set it to a YAML or CSV directory, or empty to never seed).");
}

/// <summary>Checks <see cref="OfficeOptions"/> at start-up.</summary>
internal sealed class OfficeOptionsValidator : IValidateOptions<OfficeOptions>
{
    public ValidateOptionsResult Validate(string? name, OfficeOptions options)
    {
        var failures = new List<string>();
        if (string.IsNullOrWhiteSpace(options.Name))
        {
            failures.Add("Office:Name must be the office's full name (it heads the bulletin).");
        }

        if (!TimeZoneInfo.TryFindSystemTimeZoneById(options.TimeZone ?? "", out _))
        {
            failures.Add($"Office:TimeZone must be an IANA time zone such as 'Asia/Shanghai' (got '{options.TimeZone}').");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
