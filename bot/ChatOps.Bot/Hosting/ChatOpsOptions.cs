using ChatOps.Bot.Operations;

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
    public string Name { get; set; } = HostText.DefaultOfficeName;

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

/// <summary>Checks <see cref="Core.Attachments.AttachmentOptions"/> at start-up.</summary>
internal sealed class AttachmentOptionsValidator : IValidateOptions<Core.Attachments.AttachmentOptions>
{
    /// <summary>The longest <see cref="Core.Attachments.AttachmentOptions.FetchDeadline"/>: the claimed batch's turns wait for it.</summary>
    public static readonly TimeSpan MaxFetchDeadline = TimeSpan.FromMinutes(5);

    public ValidateOptionsResult Validate(string? name, Core.Attachments.AttachmentOptions options)
    {
        var failures = new List<string>();
        if (options.MaxBytes <= 0)
        {
            failures.Add($"Attachments:MaxBytes must be a positive number of bytes (got {options.MaxBytes}).");
        }

        if (options.FetchAttempts < 1)
        {
            failures.Add($"Attachments:FetchAttempts must be at least 1 (got {options.FetchAttempts}).");
        }

        if (options.RetryDelay < TimeSpan.Zero)
        {
            failures.Add($"Attachments:RetryDelay must not be negative (got {options.RetryDelay}).");
        }

        if (options.FetchDeadline < TimeSpan.FromSeconds(1) || options.FetchDeadline > MaxFetchDeadline)
        {
            failures.Add($"Attachments:FetchDeadline must be between 00:00:01 and {MaxFetchDeadline:c} (got {options.FetchDeadline:c}).");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
