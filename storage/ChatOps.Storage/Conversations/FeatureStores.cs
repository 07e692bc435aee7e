using ChatOps.Core.Circulars;
using ChatOps.Core.Meetings;
using ChatOps.Core.Supervision;
using ChatOps.Storage.Circulars;
using ChatOps.Storage.Meetings;
using ChatOps.Storage.Supervision;

namespace ChatOps.Storage.Conversations;

/// <summary>
/// The feature stores of a unit of work (meetings, circulars, supervision): each is made on the unit's own connection
/// and transaction (<see cref="UnitOfWork.Session"/>), so a feature's rows, the dialog state, the audit line and the
/// outbox messages commit together. The one place a core <see cref="IUnitOfWork"/> is taken back to storage's own; a
/// unit of work from elsewhere is refused.
/// </summary>
internal sealed class FeatureStores : IMeetingStoreFactory, ICircularStoreFactory, ISupervisionStoreFactory
{
    public IMeetingStore For(IUnitOfWork work) => new MeetingStore(SessionOf(work, "meeting"));

    ICircularStore ICircularStoreFactory.For(IUnitOfWork work) => new CircularStore(SessionOf(work, "circular"));

    ISupervisionStore ISupervisionStoreFactory.For(IUnitOfWork work) => new SupervisionStore(SessionOf(work, "supervision"));

    /// <summary>The session of storage's own unit of work.</summary>
    public static Session SessionOf(IUnitOfWork work, string feature) => work is UnitOfWork own
        ? own.Session
        : throw new ArgumentException($"The {feature} store needs a unit of work of ChatOps.Storage (got {work?.GetType().Name ?? "null"}).", nameof(work));
}
