using K2.Silo.Integrity;
using Orleans.Core;

namespace K2.Silo.Grains;

/// <summary>Opens a grain's message-id ring base rows (see <see cref="MessageIdRingBases"/>).</summary>
internal interface IMessageIdRingBaseRows
{
    /// <summary>Storage for the grain state row <paramref name="name"/>, not read yet.</summary>
    IStorage<MessageIdRingBase> OpenRingBase(string name);
}
