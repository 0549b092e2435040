using System.Net;
using System.Net.Sockets;

namespace K2.Bench;

/// <summary>A free TCP port on the loopback interface, so a benchmark never collides with defaults other processes hold.</summary>
internal static class LoopbackPort
{
    public static int Free()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
