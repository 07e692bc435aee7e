using Microsoft.Extensions.Logging;

namespace ChatOps.Core.Organization;

/// <summary>The outcome of an import: the file's errors (nothing written) or the changes written.</summary>
public sealed record DirectoryImportResult(IReadOnlyList<DirectoryFileError> Errors, DirectoryChanges? Changes)
{
    /// <summary>True when the file was valid and its changes (possibly none) were written.</summary>
    public bool Succeeded => Errors.Count == 0;

    /// <summary>Things to check that did not stop the import (a unit whose only reviewing leader is its liaison).</summary>
    public IReadOnlyList<string> Warnings { get; init; } = [];

    /// <summary>
    /// Units that need review (上报审核) whose every reviewing leader is also the unit's liaison: nobody may review a
    /// report they wrote, so the office will review such reports on the unit's behalf.
    /// </summary>
    public static IReadOnlyList<string> SelfReviewWarnings(DirectorySnapshot snapshot)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        var warnings = new List<string>();
        foreach (var unit in snapshot.Units.Where(u => u.RequiresReview))
        {
            var leaders = snapshot.People.Where(p => p.UnitCode == unit.Code && p.Roles.HasFlag(Roles.ReviewingLeader)).ToList();
            if (leaders.Count > 0 && leaders.All(l => l.Roles.HasFlag(Roles.Liaison)))
            {
                warnings.Add($"{unit.Name}（{unit.Code}）的分管领导{string.Join("、", leaders.Select(l => l.Name))}同时是联络员：" +
                    "本人报送的报告不能由本人审核，将由领导小组办公室代为审核。建议另行指定分管领导或联络员。");
            }
        }

        return warnings;
    }
}

/// <summary>A directory operation that was refused, with a message for the office.</summary>
public sealed class DirectoryException(string message) : Exception(message);

/// <summary>
/// Directory use cases: import and export files, seed an empty database, file liaison changes (备案).
/// An import validates the whole file first and writes nothing when any row is bad.
/// </summary>
public sealed class DirectoryService(IDirectoryRepository repository, TimeProvider time, ILogger<DirectoryService> logger)
{
    /// <summary>Imports a YAML or CSV file. Re-importing the same file changes nothing.</summary>
    public async Task<DirectoryImportResult> ImportAsync(string path, string filedBy, CancellationToken cancellationToken = default)
    {
        var read = await DirectoryFile.ReadAsync(path, cancellationToken);
        return await ApplyAsync(read, filedBy, $"名录导入：{Path.GetFileName(path)}", cancellationToken);
    }

    /// <summary>Imports file content already in memory.</summary>
    public Task<DirectoryImportResult> ImportAsync(string fileName, byte[] content, string filedBy, CancellationToken cancellationToken = default) =>
        ApplyAsync(DirectoryFile.Read(fileName, content, DirectoryFile.FormatOf(fileName)), filedBy, $"名录导入：{fileName}", cancellationToken);

    /// <summary>Seeds the directory from <paramref name="path"/> when nothing is stored yet; returns true when it did.</summary>
    public async Task<bool> SeedIfEmptyAsync(string path, CancellationToken cancellationToken = default)
    {
        if (!await repository.IsEmptyAsync(cancellationToken))
        {
            return false;
        }

        var result = await ImportAsync(path, "system", cancellationToken);
        if (!result.Succeeded)
        {
            throw new DirectoryException($"示例名录 {path} 有误：{result.Errors[0]}");
        }

        logger.LogInformation("Seeded the empty directory from {Path}: {Summary}", path, result.Changes!.Summary());
        return true;
    }

    /// <summary>Writes the active directory to a YAML or CSV file.</summary>
    public async Task<DirectorySnapshot> ExportAsync(string path, CancellationToken cancellationToken = default)
    {
        _ = DirectoryFile.FormatOf(path);
        var snapshot = await repository.LoadAsync(cancellationToken);
        await DirectoryFile.WriteAsync(path, snapshot, cancellationToken);
        return snapshot;
    }

    /// <summary>
    /// Files a change of a unit's liaison (联络员调整备案, seed 000 第八条): the new liaison must be an active person of
    /// that unit; the old one keeps their other roles. History keeps who filed it, when and why.
    /// </summary>
    public async Task<LiaisonReplacement> ChangeLiaisonAsync(
        string unitCode, string newPersonId, string filedBy, string reason, CancellationToken cancellationToken = default)
    {
        if (string.IsNullOrWhiteSpace(reason))
        {
            throw new DirectoryException("请说明联络员调整的原因。");
        }

        var current = await repository.LoadAsync(cancellationToken);
        var unit = current.Units.FirstOrDefault(u => u.Code == unitCode)
            ?? throw new DirectoryException($"单位“{unitCode}”不在名录中。");
        var person = current.People.FirstOrDefault(p => p.Id == newPersonId)
            ?? throw new DirectoryException($"人员“{newPersonId}”不在名录中，请先把新联络员加入名录。");
        if (person.UnitCode != unitCode)
        {
            throw new DirectoryException($"{person.Name}不属于{unit.Name}，联络员须由本单位人员担任。");
        }

        var oldId = current.LiaisonsByUnit().GetValueOrDefault(unitCode);
        if (oldId == newPersonId)
        {
            throw new DirectoryException($"{person.Name}已是{unit.Name}的联络员。");
        }

        var people = current.People.Select(p =>
            p.Id == newPersonId ? p with { Roles = p.Roles | Roles.Liaison }
            : p.Id == oldId ? p with { Roles = p.Roles & ~Roles.Liaison }
            : p).ToList();
        var changes = DirectoryChanges.Between(current, current with { People = people }, includeGroups: false);
        await repository.ApplyAsync(changes, filedBy, reason.Trim(), time.GetUtcNow(), cancellationToken);
        logger.LogInformation("Liaison of {Unit} changed from {Old} to {New} by {FiledBy}", unitCode, oldId, newPersonId, filedBy);
        return changes.LiaisonChanges.Single();
    }

    private async Task<DirectoryImportResult> ApplyAsync(DirectoryReadResult read, string filedBy, string reason, CancellationToken cancellationToken)
    {
        if (!read.IsValid)
        {
            return new DirectoryImportResult(read.Errors, null);
        }

        var current = await repository.LoadAsync(cancellationToken);
        var changes = DirectoryChanges.Between(current, read.Snapshot!, read.IncludesGroups);
        if (!changes.IsEmpty)
        {
            await repository.ApplyAsync(changes, filedBy, reason, time.GetUtcNow(), cancellationToken);
        }

        return new DirectoryImportResult([], changes) { Warnings = DirectoryImportResult.SelfReviewWarnings(read.Snapshot!) };
    }
}
