using System.Net;
using System.Net.Sockets;

namespace K2.ChaosTests.Harness;

public static class LoopbackPorts
{
    /// <summary>A port free at the time of asking; another process could take it first, which then fails loudly.</summary>
    public static int Free()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
