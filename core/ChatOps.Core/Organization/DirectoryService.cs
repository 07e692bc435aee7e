using ChatOps.Core.Audit;

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
                warnings.Add(DirectoryText.SelfReview(unit, leaders));
            }
        }

        return warnings;
    }
}

/// <summary>A directory operation that was refused, with a message for the office.</summary>
public sealed class DirectoryException(string message) : Exception(message);

/// <summary>
/// Directory use cases: import and export files, seed an empty database, file liaison changes (备案). The changing use
/// cases take the acting person (<see cref="Actor"/>) and refuse anyone outside the office; each change is applied in a
/// unit of work together with its line in the office's audit log (who, when, what, from where), so neither is ever
/// written without the other. An import validates the whole file first and writes nothing when any row is bad.
/// </summary>
public sealed class DirectoryService(IDirectoryRepository repository, IUnitOfWorkFactory works, TimeProvider time, GroupKinds kinds, ILogger<DirectoryService> logger)
{
    /// <summary>Who seeds the sample directory on first start.</summary>
    public static readonly Actor Seeder = Actor.System("system", "startup");

    /// <summary>Imports a YAML, CSV or .xlsx file. Re-importing the same file changes nothing. Office staff only.</summary>
    public async Task<DirectoryImportResult> ImportAsync(Actor actor, string path, CancellationToken cancellationToken = default)
    {
        EnsureOffice(actor);
        var read = await DirectoryFile.ReadAsync(path, kinds, cancellationToken);
        return await ApplyAsync(actor, read, Path.GetFileName(path), cancellationToken);
    }

    /// <summary>Imports file content already in memory. Office staff only.</summary>
    public Task<DirectoryImportResult> ImportAsync(Actor actor, string fileName, byte[] content, CancellationToken cancellationToken = default)
    {
        EnsureOffice(actor);
        return ApplyAsync(actor, DirectoryFile.Read(fileName, content, DirectoryFile.FormatOf(fileName), kinds), fileName, cancellationToken);
    }

    /// <summary>Seeds the directory from <paramref name="path"/> when nothing is stored yet; returns true when it did.</summary>
    public async Task<bool> SeedIfEmptyAsync(string path, CancellationToken cancellationToken = default)
    {
        if (!await repository.IsEmptyAsync(cancellationToken))
        {
            return false;
        }

        var result = await ImportAsync(Seeder, path, cancellationToken);
        if (!result.Succeeded)
        {
            throw new DirectoryException(DirectoryText.SampleInvalid(path, result.Errors[0]));
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
    /// that unit; the old one keeps their other roles. History keeps who filed it, when and why. Office staff only.
    /// </summary>
    public async Task<LiaisonReplacement> ChangeLiaisonAsync(
        Actor actor, string unitCode, string newPersonId, string reason, CancellationToken cancellationToken = default)
    {
        EnsureOffice(actor);
        if (string.IsNullOrWhiteSpace(reason))
        {
            throw new DirectoryException(DirectoryText.ReasonRequired);
        }

        var current = await repository.LoadAsync(cancellationToken);
        var unit = current.Units.FirstOrDefault(u => u.Code == unitCode)
            ?? throw new DirectoryException(DirectoryText.UnitUnknown(unitCode));
        var person = current.People.FirstOrDefault(p => p.Id == newPersonId)
            ?? throw new DirectoryException(DirectoryText.PersonUnknown(newPersonId));
        if (person.UnitCode != unitCode)
        {
            throw new DirectoryException(DirectoryText.NotOfUnit(person, unit));
        }

        var oldId = current.LiaisonsByUnit().GetValueOrDefault(unitCode);
        if (oldId == newPersonId)
        {
            throw new DirectoryException(DirectoryText.AlreadyLiaison(person, unit));
        }

        var people = current.People.Select(p =>
            p.Id == newPersonId ? p with { Roles = p.Roles | Roles.Liaison }
            : p.Id == oldId ? p with { Roles = p.Roles & ~Roles.Liaison }
            : p).ToList();
        var changes = DirectoryChanges.Between(current, current with { People = people }, includeGroups: false);
        var change = changes.LiaisonChanges.Single();
        var now = time.GetUtcNow();
        await using (var work = await works.BeginAsync(cancellationToken))
        {
            await repository.ApplyAsync(work, changes, actor.Id, reason.Trim(), now, cancellationToken);
            await work.Audit.AppendAsync(AuditEntry.Of(now, actor.Id, "directory.liaison", $"unit:{unitCode}", DirectoryText.LiaisonDetail(change, reason.Trim()), actor.Source), cancellationToken);
            await work.CommitAsync(cancellationToken);
        }

        logger.LogInformation("Liaison of {Unit} changed from {Old} to {New} by {FiledBy}", unitCode, oldId, newPersonId, actor.Id);
        return change;
    }

    /// <summary>
    /// Names someone who may report for a unit besides its liaison (每期仍只报送一份: the report row claims the unit and
    /// period). Office staff only; the unit and the person must be on file. Returns them as filed.
    /// </summary>
    public async Task<(Unit Unit, Person Person)> NameDelegateAsync(Actor actor, string unitCode, string personId, CancellationToken cancellationToken = default)
    {
        EnsureOffice(actor);
        var unit = await repository.FindUnitAsync(unitCode, cancellationToken) ?? throw new DirectoryException(DirectoryText.UnitUnknown(unitCode));
        var person = await repository.FindPersonAsync(personId, cancellationToken) ?? throw new DirectoryException(DirectoryText.PersonNotOnFile(personId));
        await repository.NameDelegateAsync(unit.Code, person.Id, actor.Id, time.GetUtcNow(), cancellationToken);
        logger.LogInformation("{Person} may report for {Unit}, named by {NamedBy}", person.Id, unit.Code, actor.Id);
        return (unit, person);
    }

    private static void EnsureOffice(Actor actor)
    {
        ArgumentNullException.ThrowIfNull(actor);
        if (!actor.Has(Roles.OfficeStaff))
        {
            throw new DirectoryException(DirectoryText.OnlyOffice);
        }
    }

    private async Task<DirectoryImportResult> ApplyAsync(Actor actor, DirectoryReadResult read, string fileName, CancellationToken cancellationToken)
    {
        if (!read.IsValid)
        {
            return new DirectoryImportResult(read.Errors, null);
        }

        var current = await repository.LoadAsync(cancellationToken);
        var changes = DirectoryChanges.Between(current, read.Snapshot!, read.IncludesGroups);
        var now = time.GetUtcNow();
        await using (var work = await works.BeginAsync(cancellationToken))
        {
            if (!changes.IsEmpty)
            {
                await repository.ApplyAsync(work, changes, actor.Id, DirectoryText.ImportReason(fileName), now, cancellationToken);
            }

            await work.Audit.AppendAsync(AuditEntry.Of(now, actor.Id, "directory.import", $"file:{fileName}", changes.Summary(), actor.Source), cancellationToken);
            await work.CommitAsync(cancellationToken);
        }

        return new DirectoryImportResult([], changes) { Warnings = DirectoryImportResult.SelfReviewWarnings(read.Snapshot!) };
    }
}
