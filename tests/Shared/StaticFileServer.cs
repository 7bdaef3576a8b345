using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;

namespace EcgBeats.TestSupport;

/// <summary>
/// A small HTTP server on 127.0.0.1 that serves a folder, with range requests, and can misbehave
/// on purpose: drop the connection part-way through a file, or serve a file with a byte changed.
/// </summary>
internal sealed class StaticFileServer : IDisposable
{
    private readonly string _root;
    private readonly HttpListener _listener = new();
    private readonly Task _loop;
    private int _dropsLeft;

    public StaticFileServer(string root)
    {
        _root = Path.GetFullPath(root);
        for (int attempt = 0; ; attempt++)
        {
            int port = FreePort();
            _listener.Prefixes.Clear();
            _listener.Prefixes.Add($"http://127.0.0.1:{port}/");
            try { _listener.Start(); BaseUrl = new Uri($"http://127.0.0.1:{port}/"); break; }
            catch (HttpListenerException) when (attempt < 5) { }
        }
        _loop = Task.Run(ServeAsync);
    }

    public Uri BaseUrl { get; private set; } = null!;

    /// <summary>Every request: "NAME" or "NAME from=N" for a range request.</summary>
    public ConcurrentQueue<string> Requests { get; } = new();

    /// <summary>When set, this file's response stops after <see cref="DropAfterBytes"/> bytes (<see cref="Drops"/> times).</summary>
    public string? DropFile { get; set; }

    public long DropAfterBytes { get; set; }

    public int Drops { get => _dropsLeft; set => _dropsLeft = value; }

    /// <summary>When set, this file is served as an endless body (no length announced).</summary>
    public string? EndlessFile { get; set; }

    /// <summary>When set, this file's response sends <see cref="StallAfterBytes"/> bytes, then nothing (<see cref="Stalls"/> times).</summary>
    public string? StallFile { get; set; }

    public long StallAfterBytes { get; set; }

    private int _stallsLeft;

    public int Stalls { get => _stallsLeft; set => _stallsLeft = value; }

    /// <summary>When set, this file's response sends <see cref="StallAfterBytes"/> bytes, then one byte every <see cref="TrickleEvery"/> (once).</summary>
    public string? TrickleFile { get; set; }

    public TimeSpan TrickleEvery { get; set; } = TimeSpan.FromMilliseconds(300);

    private int _trickles = 1;

    /// <summary>When set, a request for this name is redirected (302) to <see cref="RedirectTo"/>.</summary>
    public string? RedirectFile { get; set; }

    /// <summary>Where <see cref="RedirectFile"/> is redirected, as the Location header says it.</summary>
    public string RedirectTo { get; set; } = "";

    /// <summary>When set, this file is served with one byte changed.</summary>
    public string? CorruptFile { get; set; }

    private static int FreePort()
    {
        var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        int port = ((IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();
        return port;
    }

    private async Task ServeAsync()
    {
        while (_listener.IsListening)
        {
            HttpListenerContext context;
            try { context = await _listener.GetContextAsync(); }
            catch (Exception e) when (e is HttpListenerException or ObjectDisposedException or InvalidOperationException) { return; }
            _ = Task.Run(() => Handle(context));
        }
    }

    private async Task Handle(HttpListenerContext context)
    {
        var response = context.Response;
        try
        {
            string name = Uri.UnescapeDataString(context.Request.Url!.AbsolutePath.TrimStart('/'));
            string path = Path.GetFullPath(Path.Combine(_root, name));
            string? range = context.Request.Headers["Range"];
            Requests.Enqueue(range is null ? name : $"{name} from={range["bytes=".Length..].TrimEnd('-')}");
            if (name == RedirectFile)
            {
                response.StatusCode = 302;
                response.Headers["Location"] = RedirectTo;
                response.Close();
                return;
            }
            if (!path.StartsWith(_root + Path.DirectorySeparatorChar, StringComparison.Ordinal) || !File.Exists(path))
            {
                response.StatusCode = 404;
                response.Close();
                return;
            }
            if (name == EndlessFile)
            {
                response.SendChunked = true;
                var chunk = new byte[65536];
                while (true) await response.OutputStream.WriteAsync(chunk);
            }
            byte[] content = await File.ReadAllBytesAsync(path);
            if (name == CorruptFile) content[content.Length / 2] ^= 0x5A;
            long from = 0;
            if (range is not null && long.TryParse(range["bytes=".Length..].TrimEnd('-'), out from))
            {
                if (from >= content.Length)
                {
                    response.StatusCode = 416;
                    response.Close();
                    return;
                }
                response.StatusCode = 206;
                response.Headers["Content-Range"] = $"bytes {from}-{content.Length - 1}/{content.Length}";
            }
            response.ContentLength64 = content.Length - from;
            if (name == StallFile && Interlocked.Decrement(ref _stallsLeft) >= 0)
            {
                int sent = (int)Math.Min(StallAfterBytes, content.Length - from);
                await response.OutputStream.WriteAsync(content.AsMemory((int)from, sent));
                await response.OutputStream.FlushAsync();
                await Task.Delay(TimeSpan.FromMinutes(5));
                response.Abort();
                return;
            }
            if (name == TrickleFile && Interlocked.Decrement(ref _trickles) >= 0)
            {
                int sent = (int)Math.Min(StallAfterBytes, content.Length - from);
                await response.OutputStream.WriteAsync(content.AsMemory((int)from, sent));
                await response.OutputStream.FlushAsync();
                for (int k = 0; k < 200 && from + sent + k < content.Length; k++)
                {
                    await Task.Delay(TrickleEvery);
                    await response.OutputStream.WriteAsync(content.AsMemory((int)(from + sent + k), 1));
                    await response.OutputStream.FlushAsync();
                }
                response.Abort();
                return;
            }
            if (name == DropFile && Interlocked.Decrement(ref _dropsLeft) >= 0)
            {
                int sent = (int)Math.Min(DropAfterBytes, content.Length - from);
                await response.OutputStream.WriteAsync(content.AsMemory((int)from, sent));
                await response.OutputStream.FlushAsync();
                response.Abort();
                return;
            }
            await response.OutputStream.WriteAsync(content.AsMemory((int)from));
            response.Close();
        }
        catch (Exception e) when (e is HttpListenerException or IOException or ObjectDisposedException)
        {
            // The client went away; nothing to do.
        }
    }

    public void Dispose()
    {
        _listener.Stop();
        _listener.Close();
        try { _loop.Wait(TimeSpan.FromSeconds(5)); } catch (AggregateException) { }
    }
}
