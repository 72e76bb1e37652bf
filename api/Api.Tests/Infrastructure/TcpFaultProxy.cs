using System.Net;
using System.Net.Sockets;

namespace ComplianceConnect.Api.Tests.Infrastructure;

/// <summary>
/// A TCP proxy on 127.0.0.1 in front of the shared PostgreSQL, so a test host can see the database
/// go down or hang without anyone stopping the real server. <see cref="Refuse"/> closes every
/// connection and stops listening (connection refused); <see cref="Hang"/> keeps every socket open
/// but forwards no more bytes, new connections included; <see cref="Forward"/> restores service
/// with fresh connections only (the byte streams of a hang are broken for good).
/// </summary>
public sealed class TcpFaultProxy : IAsyncDisposable
{
    private enum Mode { Forward, Refuse, Hang }

    private readonly IPEndPoint _target;
    private readonly CancellationTokenSource _stopped = new();
    private readonly Lock _gate = new();
    private readonly HashSet<Socket> _open = [];
    private TcpListener? _listener;
    private volatile Mode _mode = Mode.Forward;

    public TcpFaultProxy(string targetHost, int targetPort)
    {
        _target = new IPEndPoint(Dns.GetHostAddresses(targetHost).First(a => a.AddressFamily == AddressFamily.InterNetwork), targetPort);
        Port = Listen(0);
    }

    /// <summary>The port the API under test connects to.</summary>
    public int Port { get; }

    public void Forward()
    {
        lock (_gate)
        {
            _mode = Mode.Forward;
            CloseAll();
            if (_listener is null)
            {
                Listen(Port);
            }
        }
    }

    public void Refuse()
    {
        lock (_gate)
        {
            _mode = Mode.Refuse;
            _listener?.Stop();
            _listener = null;
            CloseAll();
        }
    }

    public void Hang()
    {
        lock (_gate)
        {
            _mode = Mode.Hang;
        }
    }

    private int Listen(int port)
    {
        var listener = new TcpListener(IPAddress.Loopback, port);
        listener.Server.SetSocketOption(SocketOptionLevel.Socket, SocketOptionName.ReuseAddress, true);
        listener.Start();
        _listener = listener;
        _ = AcceptAsync(listener);
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private async Task AcceptAsync(TcpListener listener)
    {
        while (!_stopped.IsCancellationRequested)
        {
            Socket client;
            try
            {
                client = await listener.AcceptSocketAsync(_stopped.Token);
            }
            catch (Exception e) when (e is SocketException or ObjectDisposedException or OperationCanceledException or InvalidOperationException)
            {
                return; // stopped listening
            }

            _ = RelayAsync(client);
        }
    }

    private async Task RelayAsync(Socket client)
    {
        var server = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        lock (_gate)
        {
            _open.Add(client);
            _open.Add(server);
        }

        try
        {
            await server.ConnectAsync(_target, _stopped.Token);
            await Task.WhenAny(PumpAsync(client, server), PumpAsync(server, client));
        }
        catch (Exception e) when (e is SocketException or ObjectDisposedException or OperationCanceledException)
        {
            // A socket closed by Refuse/Forward or by either end: nothing left to relay.
        }
        finally
        {
            lock (_gate)
            {
                _open.Remove(client);
                _open.Remove(server);
            }

            client.Dispose();
            server.Dispose();
        }
    }

    private async Task PumpAsync(Socket from, Socket to)
    {
        var buffer = new byte[16 * 1024];
        try
        {
            while (true)
            {
                var read = await from.ReceiveAsync(buffer, SocketFlags.None, _stopped.Token);
                if (read == 0)
                {
                    return;
                }

                if (_mode == Mode.Forward)
                {
                    await to.SendAsync(buffer.AsMemory(0, read), SocketFlags.None, _stopped.Token);
                }
            }
        }
        catch (Exception e) when (e is SocketException or ObjectDisposedException or OperationCanceledException)
        {
        }
    }

    private void CloseAll()
    {
        foreach (var socket in _open)
        {
            socket.Dispose();
        }

        _open.Clear();
    }

    public ValueTask DisposeAsync()
    {
        _stopped.Cancel();
        lock (_gate)
        {
            _listener?.Stop();
            _listener = null;
            CloseAll();
        }

        _stopped.Dispose();
        return ValueTask.CompletedTask;
    }
}
