using ChatOps.Core.Conversations;
using ChatOps.Core.Organization;
using ChatOps.Core.Reports;

namespace ChatOps.Core.Tests.Reports.Scheduling;

/// <summary>
/// In-memory stand-ins for the engine's ports until the storage lands: one writer at a time (like SQLite's immediate
/// transactions), writes buffered and applied on commit only, unique step and dedupe keys as the schema will enforce.
/// </summary>
internal sealed class InMemoryEngine : IUnitOfWorkFactory
{
    private readonly SemaphoreSlim _writer = new(1, 1);
    private readonly object _lock = new();

    public HashSet<(string Cycle, string Period, string Step)> DoneSteps { get; } = [];

    public List<(string Cycle, string Period, string Step, DateTimeOffset At)> StepLog { get; } = [];

    public List<OutboxItem> Outbox { get; } = [];

    public List<Report> Reports { get; } = [];

    /// <summary>Dialog states by person (written at once, not on commit: enough for a feature's confirmation step).</summary>
    public Dictionary<string, DialogState> DialogStates { get; } = new(StringComparer.Ordinal);

    public List<(string Cycle, string Period, string PersonId, string Reason, string By, DateTimeOffset At)> Exemptions { get; } = [];

    public int Commits { get; private set; }

    public int Rollbacks { get; private set; }

    /// <summary>Makes the next commit throw (a database that fails mid-step).</summary>
    public bool FailNextCommit { get; set; }

    public async Task<IUnitOfWork> BeginAsync(CancellationToken cancellationToken = default)
    {
        await _writer.WaitAsync(cancellationToken);
        return new UnitOfWork(this);
    }

    public void AddReport(string cycle, string period, string unit, ReportStatus status, DateTimeOffset at) =>
        Reports.Add(new Report(Reports.Count + 1, cycle, period, unit, status, "someone", new Dictionary<string, IReadOnlyList<string>>(), at, at));

    private sealed class UnitOfWork(InMemoryEngine engine) : IUnitOfWork, IScheduleStore, IOutbox, IReportStore, IDialogStateStore, Core.Audit.IAuditLog
    {
        private readonly List<(string Cycle, string Period, string Step, DateTimeOffset At)> _steps = [];
        private readonly List<OutboxItem> _outbox = [];
        private readonly List<(string, string, string, string, string, DateTimeOffset)> _exemptions = [];
        private bool _committed;
        private bool _disposed;

        public IDialogStateStore Dialogs => this;

        public ILastCardStore LastCards { get; } = new NoLastCards();

        public Task<DialogState?> GetAsync(string personId, CancellationToken cancellationToken = default) =>
            Task.FromResult(engine.DialogStates.GetValueOrDefault(personId));

        public Task SaveAsync(DialogState state, CancellationToken cancellationToken = default)
        {
            engine.DialogStates[state.PersonId] = state;
            return Task.CompletedTask;
        }

        public Task ClearAsync(string personId, CancellationToken cancellationToken = default)
        {
            engine.DialogStates.Remove(personId);
            return Task.CompletedTask;
        }

        public Task<string?> GetCardAsync(string personId, CancellationToken cancellationToken = default) => Task.FromResult<string?>(null);

        public Task SetCardAsync(string personId, string? cardId, CancellationToken cancellationToken = default) => Task.CompletedTask;

        public IReportStore Reports => this;

        public IOutbox Outbox => this;

        public IScheduleStore Schedule => this;

        public Core.Audit.IAuditLog Audit => this;

        public Task AppendAsync(Core.Audit.AuditEntry entry, CancellationToken cancellationToken = default) => Task.CompletedTask;

        public Task MarkInboxProcessedAsync(long inboxId, DateTimeOffset at, CancellationToken cancellationToken = default) => throw new NotSupportedException();

        public Task<DateTimeOffset?> OldestUnhandledMessageAsync(CancellationToken cancellationToken = default) => Task.FromResult<DateTimeOffset?>(null);

        public Task CommitAsync(CancellationToken cancellationToken = default)
        {
            if (engine.FailNextCommit)
            {
                engine.FailNextCommit = false;
                throw new InvalidOperationException("database is gone");
            }

            lock (engine._lock)
            {
                foreach (var s in _steps)
                {
                    Assert.True(engine.DoneSteps.Add((s.Cycle, s.Period, s.Step)), $"step {s} committed twice");
                    engine.StepLog.Add(s);
                }

                foreach (var item in _outbox)
                {
                    Assert.DoesNotContain(engine.Outbox, o => o.DedupeKey == item.DedupeKey);
                    engine.Outbox.Add(item with { Id = engine.Outbox.Count + 1 });
                }

                foreach (var e in _exemptions)
                {
                    engine.Exemptions.RemoveAll(x => x.Cycle == e.Item1 && x.Period == e.Item2 && x.PersonId == e.Item3);
                    engine.Exemptions.Add(e);
                }
                engine.Commits++;
            }

            _committed = true;
            return Task.CompletedTask;
        }

        public ValueTask DisposeAsync()
        {
            if (!_disposed)
            {
                _disposed = true;
                if (!_committed)
                {
                    engine.Rollbacks++;
                }

                engine._writer.Release();
            }

            return ValueTask.CompletedTask;
        }

        public Task<bool> TryMarkDoneAsync(string cycleKey, string periodKey, string step, DateTimeOffset at, CancellationToken cancellationToken = default)
        {
            lock (engine._lock)
            {
                if (engine.DoneSteps.Contains((cycleKey, periodKey, step)) || _steps.Any(s => s.Cycle == cycleKey && s.Period == periodKey && s.Step == step))
                {
                    return Task.FromResult(false);
                }
            }

            _steps.Add((cycleKey, periodKey, step, at));
            return Task.FromResult(true);
        }

        public Task<IReadOnlyList<string>> ListExemptAsync(string cycleKey, string periodKey, CancellationToken cancellationToken = default)
        {
            lock (engine._lock)
            {
                return Task.FromResult<IReadOnlyList<string>>(
                    [.. engine.Exemptions.Where(e => e.Cycle == cycleKey && e.Period == periodKey).Select(e => e.PersonId).Distinct()]);
            }
        }

        public Task AddExemptionAsync(string cycleKey, string periodKey, string personId, string reason, string by, DateTimeOffset at, CancellationToken cancellationToken = default)
        {
            _exemptions.Add((cycleKey, periodKey, personId, reason, by, at));
            return Task.CompletedTask;
        }

        public Task<bool> EnqueueAsync(OutboxItem item, CancellationToken cancellationToken = default)
        {
            lock (engine._lock)
            {
                if (item.DedupeKey is not null &&
                    (engine.Outbox.Any(o => o.DedupeKey == item.DedupeKey) || _outbox.Any(o => o.DedupeKey == item.DedupeKey)))
                {
                    return Task.FromResult(false);
                }
            }

            _outbox.Add(item);
            return Task.FromResult(true);
        }

        public Task<IReadOnlyList<Report>> ListForPeriodAsync(string cycleKey, string periodKey, CancellationToken cancellationToken = default)
        {
            lock (engine._lock)
            {
                return Task.FromResult<IReadOnlyList<Report>>([.. engine.Reports.Where(r => r.CycleKey == cycleKey && r.PeriodKey == periodKey)]);
            }
        }

        public Task<Report?> FindAsync(string cycleKey, string periodKey, string unitCode, CancellationToken cancellationToken = default) => throw new NotSupportedException();

        public Task<Report?> FindByIdAsync(long id, CancellationToken cancellationToken = default) => throw new NotSupportedException();

        public Task<long> InsertAsync(Report report, CancellationToken cancellationToken = default) => throw new NotSupportedException();

        public Task<bool> UpdateAsync(Report report, CancellationToken cancellationToken = default) => throw new NotSupportedException();

        public Task AddRevisionAsync(ReportRevision revision, CancellationToken cancellationToken = default) => throw new NotSupportedException();

        public Task<IReadOnlyList<ReportRevision>> ListRevisionsAsync(long reportId, CancellationToken cancellationToken = default) => throw new NotSupportedException();

        public Task DeleteDraftAsync(long id, CancellationToken cancellationToken = default) => throw new NotSupportedException();

        public Task<IReadOnlyList<Report>> ListPendingReviewAsync(CancellationToken cancellationToken = default) => throw new NotSupportedException();

        public Task AddReturnAsync(ReportReturn returned, CancellationToken cancellationToken = default) => throw new NotSupportedException();

        public Task<ReportReturn?> LastReturnAsync(long reportId, CancellationToken cancellationToken = default) => throw new NotSupportedException();
    }
}

/// <summary>A directory held in memory.</summary>
internal sealed class InMemoryDirectory(DirectorySnapshot snapshot) : IDirectoryRepository
{
    public DirectorySnapshot Snapshot { get; set; } = snapshot;

    public int Loads { get; private set; }

    public Task<DirectorySnapshot> LoadAsync(CancellationToken cancellationToken = default)
    {
        Loads++;
        return Task.FromResult(Snapshot);
    }

    public Task<bool> IsEmptyAsync(CancellationToken cancellationToken = default) => Task.FromResult(Snapshot.Units.Count == 0);

    public Task ApplyAsync(DirectoryChanges changes, string filedBy, string reason, DateTimeOffset at, CancellationToken cancellationToken = default) =>
        throw new NotSupportedException();

    public Task ApplyAsync(IUnitOfWork work, DirectoryChanges changes, string filedBy, string reason, DateTimeOffset at, CancellationToken cancellationToken = default) =>
        throw new NotSupportedException();

    public Task<Person?> FindPersonAsync(string id, CancellationToken cancellationToken = default) =>
        Task.FromResult(Snapshot.People.FirstOrDefault(p => p.Id == id));

    public Task<Person?> FindByIdentityAsync(string channel, string externalId, CancellationToken cancellationToken = default) =>
        Task.FromResult(Snapshot.People.FirstOrDefault(p => p.IdentityOn(channel) == externalId));

    public Task<IReadOnlyList<Person?>> FindPeopleAsync(IReadOnlyList<string> ids, CancellationToken cancellationToken = default) =>
        Task.FromResult<IReadOnlyList<Person?>>([.. ids.Select(id => Snapshot.People.FirstOrDefault(p => p.Id == id))]);

    public Task<IReadOnlyList<Person?>> FindByIdentitiesAsync(string channel, IReadOnlyList<string> externalIds, CancellationToken cancellationToken = default) =>
        Task.FromResult<IReadOnlyList<Person?>>([.. externalIds.Select(id => Snapshot.People.FirstOrDefault(p => p.IdentityOn(channel) == id))]);

    public Task<Unit?> FindUnitAsync(string code, CancellationToken cancellationToken = default) =>
        Task.FromResult(Snapshot.Units.FirstOrDefault(u => u.Code == code));

    public Task<string?> FindLiaisonIdAsync(string unitCode, CancellationToken cancellationToken = default) =>
        Task.FromResult(Snapshot.LiaisonsByUnit().GetValueOrDefault(unitCode));

    public Task<IReadOnlyList<Person>> ListByRoleAsync(Roles role, CancellationToken cancellationToken = default) =>
        Task.FromResult<IReadOnlyList<Person>>([.. Snapshot.People.Where(p => p.Roles.HasFlag(role))]);

    public Task<IReadOnlyList<Unit>> ListReportingUnitsAsync(string personId, CancellationToken cancellationToken = default) =>
        Task.FromResult<IReadOnlyList<Unit>>([.. Snapshot.Units.Where(u => Snapshot.LiaisonsByUnit().GetValueOrDefault(u.Code) == personId)]);

    public Task NameDelegateAsync(string unitCode, string personId, string namedBy, DateTimeOffset at, CancellationToken cancellationToken = default) =>
        throw new NotSupportedException();

    public Task<IReadOnlyList<LiaisonChange>> ListLiaisonChangesAsync(string? unitCode, CancellationToken cancellationToken = default) =>
        Task.FromResult<IReadOnlyList<LiaisonChange>>([]);
}

/// <summary>The scheduler's tests read no last cards (the storage tests and conversations do).</summary>
internal sealed class NoLastCards : ILastCardStore
{
    public Task<LastCard?> FindAsync(string personId, CancellationToken cancellationToken = default) => Task.FromResult<LastCard?>(null);

    public Task ClearAsync(string personId, CancellationToken cancellationToken = default) => Task.CompletedTask;
}
