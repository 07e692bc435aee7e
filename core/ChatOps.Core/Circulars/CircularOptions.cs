namespace ChatOps.Core.Circulars;

/// <summary>
/// Circular settings (section <c>Circulars</c>): kinds and their numbers, the office head, the reminder rhythm, the pace
/// of deliveries and the attachment limit. The defaults follow the issue: remind 2 hours after issue and at 09:00 each
/// following working day until everyone has acknowledged or the office stops it.
/// </summary>
public sealed class CircularOptions
{
    /// <summary>Configuration section.</summary>
    public const string Section = "Circulars";

    /// <summary>Overrides or additions to <see cref="CircularKinds.Defaults"/>, by kind key.</summary>
    public Dictionary<string, CircularKindOptions> Kinds { get; set; } = new(StringComparer.Ordinal);

    /// <summary>
    /// The office head's person id (办公室主任, who signs off office documents). Empty: whoever holds both the office and
    /// the meeting-host roles in the directory.
    /// </summary>
    public string? OfficeHead { get; set; }

    /// <summary>The first reminder, after issue (zero: none). Dropped when it would fall outside office hours; the next morning's follows.</summary>
    public TimeSpan FirstReminderAfter { get; set; } = TimeSpan.FromHours(2);

    /// <summary>Office time of the daily reminder on working days.</summary>
    public TimeSpan DailyReminderAt { get; set; } = TimeSpan.FromHours(9);

    /// <summary>Most reminders a person gets for one circular (the first one included); the office sees who is still missing.</summary>
    public int MaxReminders { get; set; } = 6;

    /// <summary>Start of office hours (office time): no reminder is sent earlier on a working day.</summary>
    public TimeSpan OfficeHoursStart { get; set; } = TimeSpan.FromHours(8);

    /// <summary>End of office hours (office time): no reminder is sent at or after it.</summary>
    public TimeSpan OfficeHoursEnd { get; set; } = TimeSpan.FromHours(18);

    /// <summary>
    /// Messages of one circular that become due together. The next wave is due <see cref="DeliveryWaveInterval"/>
    /// later, so a circular to hundreds of groups and thousands of people never stands in front of everyone's replies.
    /// </summary>
    public int DeliveryWaveSize { get; set; } = 100;

    /// <summary>Time between waves.</summary>
    public TimeSpan DeliveryWaveInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Largest attachment (WeCom's file limit is 20 MB).</summary>
    public long MaxAttachmentBytes { get; set; } = 20 * 1024 * 1024;

    /// <summary>
    /// The host's public address (https://chatops.example.gov.cn): attachments are linked from the message as
    /// {PublicBaseUrl}/circulars/files/{sha256}. Empty: the message names the files and says to ask the office.
    /// </summary>
    public string? PublicBaseUrl { get; set; }

    /// <summary>Problems for the operator (English, naming the key), empty when the settings are usable.</summary>
    public IReadOnlyList<string> Validate()
    {
        var problems = new List<string>();
        if (FirstReminderAfter < TimeSpan.Zero)
        {
            problems.Add("Circulars:FirstReminderAfter must not be negative.");
        }

        if (DailyReminderAt < TimeSpan.Zero || DailyReminderAt >= TimeSpan.FromDays(1))
        {
            problems.Add("Circulars:DailyReminderAt must be a time of day such as 09:00:00.");
        }

        if (OfficeHoursStart >= OfficeHoursEnd || OfficeHoursStart < TimeSpan.Zero || OfficeHoursEnd > TimeSpan.FromDays(1))
        {
            problems.Add("Circulars:OfficeHoursStart must be a time of day before Circulars:OfficeHoursEnd.");
        }

        if (MaxReminders < 0)
        {
            problems.Add("Circulars:MaxReminders must not be negative.");
        }

        if (DeliveryWaveSize < 1 || DeliveryWaveInterval < TimeSpan.Zero)
        {
            problems.Add("Circulars:DeliveryWaveSize must be at least 1 and Circulars:DeliveryWaveInterval must not be negative.");
        }

        if (MaxAttachmentBytes < 1)
        {
            problems.Add("Circulars:MaxAttachmentBytes must be positive.");
        }

        if (!string.IsNullOrWhiteSpace(PublicBaseUrl) && !Uri.TryCreate(PublicBaseUrl, UriKind.Absolute, out _))
        {
            problems.Add($"Circulars:PublicBaseUrl must be an absolute URL such as https://chatops.example.gov.cn (got '{PublicBaseUrl}').");
        }

        try
        {
            _ = CircularKinds.From(this);
        }
        catch (ArgumentException ex)
        {
            problems.Add(ex.Message.Split(" (Parameter", StringSplitOptions.None)[0]);
        }

        return problems;
    }
}
