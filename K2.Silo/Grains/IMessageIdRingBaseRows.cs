using Orleans.Core;

namespace K2.Silo.Grains;

/// <summary>
/// Opens rows of a grain's state apart from the log's own storage: its message-id ring base rows, and a fresh look at
/// the log's main row (see <see cref="MessageIdRingBases"/>).
/// </summary>
internal interface IMessageIdRingBaseRows
{
    /// <summary>Storage for the grain state row <paramref name="name"/>, not read yet.</summary>
    IStorage<TRow> OpenRow<TRow>(string name);
}
