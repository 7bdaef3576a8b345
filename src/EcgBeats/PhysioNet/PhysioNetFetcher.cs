using System.Net;
using System.Net.Http.Headers;
using EcgBeats.Io;

namespace EcgBeats.PhysioNet;

/// <summary>What to download and how hard to try.</summary>
/// <param name="BaseUrl">The database's folder on the server, ending in <c>/</c>.</param>
/// <param name="Destination">The local folder; created when missing.</param>
/// <param name="Records">Only these records (null: every record in <c>RECORDS</c>).</param>
/// <param name="MaxAttempts">Tries per file before it counts as failed (transient errors only).</param>
/// <param name="RetryDelay">Wait before the first retry; doubled each time.</param>
/// <param name="MaxFileBytes">No file may be longer (bytes; the checksum list has no sizes, so this is a generous cap:
/// MIT-BIH's largest file is 1.9 MB). A longer body is cut off, deleted and reported as failed.</param>
/// <param name="StallTimeout">A body that sends no byte for this long is dropped and resumed (default 60 s).</param>
public sealed record FetchOptions(
    Uri BaseUrl,
    string Destination,
    IReadOnlyList<string>? Records = null,
    int MaxAttempts = 5,
    TimeSpan? RetryDelay = null,
    long MaxFileBytes = FetchOptions.DefaultMaxFileBytes,
    TimeSpan? StallTimeout = null)
{
    /// <summary>The default cap on one file: 1 GiB.</summary>
    public const long DefaultMaxFileBytes = 1L << 30;

    /// <summary>The fewest bytes a body must bring per stall timeout (<see cref="FetchOptions.StallTimeout"/>) not to be dropped as trickling.</summary>
    public const int StallBytes = 1024;

    /// <summary>The cap on the text lists (<c>RECORDS</c>, <c>SHA256SUMS</c>): 16 MiB.</summary>
    public const long MaxListBytes = 16L << 20;

    /// <summary>PhysioNet's MIT-BIH Arrhythmia Database 1.0.0.</summary>
    public static readonly Uri MitBihArrhythmia = new("https://physionet.org/files/mitdb/1.0.0/");

    /// <summary>Each record's files, in download order.</summary>
    public static readonly IReadOnlyList<string> RecordExtensions = [".hea", ".dat", ".atr"];
}

/// <summary>Progress of one file.</summary>
/// <param name="File">The file's name.</param>
/// <param name="Index">Its position in the download list, from 0.</param>
/// <param name="Count">Files in the list.</param>
/// <param name="Bytes">Bytes of this file on disk so far.</param>
/// <param name="Length">The file's length when the server said, else null.</param>
/// <param name="Status">What is happening to it.</param>
public sealed record FetchProgress(string File, int Index, int Count, long Bytes, long? Length, FetchStatus Status);

/// <summary>The state of a file in a fetch.</summary>
public enum FetchStatus
{
    /// <summary>Bytes are arriving.</summary>
    Downloading,
    /// <summary>A transient failure; it will be tried again from where it stopped.</summary>
    Retrying,
    /// <summary>Downloaded and verified.</summary>
    Done,
    /// <summary>Already present with the right checksum: not downloaded again.</summary>
    AlreadyPresent,
    /// <summary>Given up on (bad checksum, or too many failures).</summary>
    Failed,
}

/// <summary>The outcome of a fetch.</summary>
/// <param name="Downloaded">Files downloaded and verified in this run.</param>
/// <param name="AlreadyPresent">Files that were already complete and verified.</param>
/// <param name="Failures">File name -> why it failed. Empty when everything verified.</param>
public sealed record FetchResult(int Downloaded, int AlreadyPresent, IReadOnlyDictionary<string, string> Failures)
{
    /// <summary>True when every file is present and verified.</summary>
    public bool Succeeded => Failures.Count == 0;
}

/// <summary>
/// Downloads a PhysioNet database (its <c>RECORDS</c> list, its SHA-256 sums and each record's
/// files), verifies every file's SHA-256, resumes partial files with HTTP range requests,
/// retries transient failures, and never leaves a partial file under its final name
/// (downloads go to <c>NAME.part</c>, renamed once verified).
/// </summary>
public sealed class PhysioNetFetcher(HttpClient http)
{
    /// <summary>The suffix of files still downloading.</summary>
    public const string PartialSuffix = ".part";

    /// <summary>Redirects followed for one request (as browsers and curl's default of 50 bound them; 10 is plenty for a mirror).</summary>
    public const int MaxRedirects = 10;

    /// <summary>
    /// An HTTP client for fetching: a 2-minute timeout, and redirects left to the fetcher, which follows http and https ones
    /// and refuses any other by its URL (.NET's own redirect handling said "Invalid URI" for <c>file://</c>, naming nothing).
    /// </summary>
    public static HttpClient CreateHttpClient() =>
        new(new SocketsHttpHandler { AllowAutoRedirect = false }) { Timeout = TimeSpan.FromMinutes(2) };

    /// <summary>A redirect the fetcher will not follow (another scheme, a loop): the file's failure, not a transient one.</summary>
    private sealed class RedirectRefusedException(string message) : Exception(message);

    /// <summary>
    /// Sends a GET for <paramref name="url"/>, following http and https redirects (at most <see cref="MaxRedirects"/>); a
    /// redirect elsewhere is refused naming both URLs.
    /// </summary>
    private async Task<HttpResponseMessage> GetAsync(Uri url, RangeHeaderValue? range, CancellationToken cancel)
    {
        var at = url;
        for (int hop = 0; ; hop++)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, at);
            if (range is not null) request.Headers.Range = range;
            HttpResponseMessage response;
            try { response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancel); }
            catch (UriFormatException e)
            {
                // A client made elsewhere, following redirects itself, fails this way on a Location it cannot read.
                throw new RedirectRefusedException($"{url}: the server redirects to a location that could not be followed ({e.Message}); fetch follows http and https redirects only");
            }
            int status = (int)response.StatusCode;
            if (status is not (301 or 302 or 303 or 307 or 308)) return response;
            string? location = response.Headers.Location?.OriginalString;
            response.Dispose();
            if (location is null) throw new RedirectRefusedException($"{url}: the server answers HTTP {status} (a redirect) without saying where to");
            if (!Uri.TryCreate(at, location, out var next) || next.Scheme is not ("http" or "https"))
                throw new RedirectRefusedException($"{url}: the server redirects to '{Quote.Short(location)}', which is not an http or https URL; fetch follows only those");
            if (hop == MaxRedirects) throw new RedirectRefusedException($"{url}: more than {MaxRedirects} redirects (the last to {next})");
            at = next;
        }
    }

    /// <summary>Fetches the database; failures of single files are reported in the result, not thrown.</summary>
    /// <exception cref="HttpRequestException">The file list or checksum list could not be had.</exception>
    /// <exception cref="InvalidInputException">The server's <c>RECORDS</c> or checksum list names a file outside the
    /// database's folder (a separator, <c>..</c>, a root, a control character); nothing is written then.</exception>
    public async Task<FetchResult> FetchAsync(FetchOptions options, IProgress<FetchProgress>? progress = null, CancellationToken cancel = default)
    {
        string recordsText = await GetTextAsync(options, "RECORDS", cancel);
        string[] lines = recordsText.Split('\n');
        // Names from a server become paths: every one must stay in the destination, checked before anything is written.
        var recordsUrl = new Uri(options.BaseUrl, "RECORDS");
        for (int i = 0; i < lines.Length; i++)
            if (lines[i].Trim() is { Length: > 0 } name && SafeNames.WhyNotRecordName(name) is { } why)
                throw new InvalidInputException($"{recordsUrl}, line {i + 1}: '{Quote.Short(name)}' is not a plain record name ({why}); nothing was downloaded");
        // Each record once: a list of 20,000 repeated lines had every file checked 60,001 times.
        var records = lines.Select(l => l.Trim()).Where(l => l.Length > 0).Distinct(StringComparer.Ordinal).ToList();
        var sums = await GetSumsAsync(options, cancel);
        Directory.CreateDirectory(options.Destination);
        if (options.Records is { } wanted)
        {
            var unknown = wanted.Except(records).ToList();
            if (unknown.Count > 0)
                throw new InvalidInputException($"not in the database's RECORDS list: {string.Join(", ", unknown)}");
            records = records.Where(wanted.Contains).ToList();
        }
        var files = new List<string> { "RECORDS" };
        files.AddRange(records.SelectMany(r => FetchOptions.RecordExtensions.Select(e => r + e)));

        var failures = new Dictionary<string, string>();
        int downloaded = 0, present = 0;
        for (int i = 0; i < files.Count; i++)
        {
            cancel.ThrowIfCancellationRequested();
            string name = files[i];
            if (!sums.TryGetValue(name, out string? expected))
            {
                failures[name] = "no SHA-256 listed for it in the database's checksum file";
                progress?.Report(new FetchProgress(name, i, files.Count, 0, null, FetchStatus.Failed));
                continue;
            }
            string final = Path.Combine(options.Destination, name);
            if (File.Exists(final) && Sha256Sums.OfFile(final) == expected)
            {
                present++;
                progress?.Report(new FetchProgress(name, i, files.Count, new FileInfo(final).Length, new FileInfo(final).Length, FetchStatus.AlreadyPresent));
                continue;
            }
            string? failure = await DownloadVerifiedAsync(options, name, expected, i, files.Count, progress, cancel);
            if (failure is null) downloaded++;
            else failures[name] = failure;
        }
        return new FetchResult(downloaded, present, failures);
    }

    private async Task<IReadOnlyDictionary<string, string>> GetSumsAsync(FetchOptions options, CancellationToken cancel)
    {
        // PhysioNet serves SHA256SUMS.txt; a plain mirror of the files may call it SHA256SUMS.
        foreach (string name in new[] { "SHA256SUMS.txt", "SHA256SUMS" })
        {
            string? text = await GetTextAsync(options, name, cancel, notFoundIsNull: true);
            if (text is null) continue;
            string source = new Uri(options.BaseUrl, name).ToString();
            var sums = Sha256Sums.Parse(text, source);
            // Subfolder entries (PhysioNet lists x_mitdb/..., mitdbdir/...) are never downloaded; escaping ones are refused.
            foreach (string file in sums.Keys)
                if (SafeNames.WhyNotRelative(file) is { } why)
                    throw new InvalidInputException($"{source}: '{Quote.Short(file)}' is not a file inside the database's folder ({why}); nothing was downloaded");
            return sums;
        }
        throw new HttpRequestException($"{options.BaseUrl}: neither SHA256SUMS.txt nor SHA256SUMS exists there", null, HttpStatusCode.NotFound);
    }

    private async Task<string> GetTextAsync(FetchOptions options, string name, CancellationToken cancel) =>
        (await GetTextAsync(options, name, cancel, notFoundIsNull: false))!;

    private async Task<string?> GetTextAsync(FetchOptions options, string name, CancellationToken cancel, bool notFoundIsNull)
    {
        var url = new Uri(options.BaseUrl, name);
        for (int attempt = 1; ; attempt++)
        {
            try
            {
                using var response = await GetAsync(url, null, cancel);
                if (notFoundIsNull && response.StatusCode == HttpStatusCode.NotFound) return null;
                if (IsTransient(response.StatusCode) && attempt < options.MaxAttempts) { await DelayAsync(options, attempt, cancel); continue; }
                if (!response.IsSuccessStatusCode)
                    throw new HttpRequestException($"{url}: HTTP {(int)response.StatusCode} {Io.Quote.Short(response.ReasonPhrase ?? "")}", null, response.StatusCode);
                using var text = new MemoryStream();
                try
                {
                    await using var body = await response.Content.ReadAsStreamAsync(cancel);
                    await CopyBoundedAsync(body, text, FetchOptions.MaxListBytes, 0, options, url, null, cancel);
                }
                catch (FileTooLongException e) { throw new HttpRequestException(e.Message); }
                return new System.Text.UTF8Encoding(false).GetString(text.GetBuffer(), 0, (int)text.Length);
            }
            catch (RedirectRefusedException e)
            {
                throw new HttpRequestException(e.Message);
            }
            catch (Exception e) when (IsTransient(e, cancel) && attempt < options.MaxAttempts)
            {
                await DelayAsync(options, attempt, cancel);
            }
        }
    }

    private async Task<string?> DownloadVerifiedAsync(FetchOptions options, string name, string expected, int index, int count,
        IProgress<FetchProgress>? progress, CancellationToken cancel)
    {
        string final = Path.Combine(options.Destination, name);
        string partial = final + PartialSuffix;
        // A planted link at either name would have the download appended to, or renamed over, whatever it points at.
        foreach (string target in new[] { partial, final })
            if (Io.FileKinds.Of(target) is Io.FileKind.SymbolicLink or Io.FileKind.Special)
            {
                progress?.Report(new FetchProgress(name, index, count, 0, null, FetchStatus.Failed));
                return $"{target}: is a symbolic link or special file; fetch never writes through or over one (remove it)";
            }
        // One more full try after a bad checksum: a resumed file may have been stitched from two versions.
        for (int pass = 0; pass < 2; pass++)
        {
            string? failure = await DownloadToPartialAsync(options, name, partial, index, count, progress, cancel);
            if (failure is not null)
            {
                progress?.Report(new FetchProgress(name, index, count, PartialLength(partial), null, FetchStatus.Failed));
                return failure;
            }
            string actual = Sha256Sums.OfFile(partial);
            if (actual == expected)
            {
                File.Move(partial, final, overwrite: true);
                progress?.Report(new FetchProgress(name, index, count, new FileInfo(final).Length, new FileInfo(final).Length, FetchStatus.Done));
                return null;
            }
            File.Delete(partial);
            if (pass == 1)
            {
                progress?.Report(new FetchProgress(name, index, count, 0, null, FetchStatus.Failed));
                return $"bad checksum: SHA-256 is {actual}, the database lists {expected}";
            }
        }
        return null;
    }

    private async Task<string?> DownloadToPartialAsync(FetchOptions options, string name, string partial, int index, int count,
        IProgress<FetchProgress>? progress, CancellationToken cancel)
    {
        var url = new Uri(options.BaseUrl, name);
        string? lastError = null;
        for (int attempt = 1; attempt <= options.MaxAttempts; attempt++)
        {
            long have = PartialLength(partial);
            try
            {
                using var response = await GetAsync(url, have > 0 ? new RangeHeaderValue(have, null) : null, cancel);
                if (response.StatusCode == HttpStatusCode.RequestedRangeNotSatisfiable && have > 0)
                    return null; // the partial file already holds everything; the checksum decides
                if (IsTransient(response.StatusCode))
                {
                    lastError = $"HTTP {(int)response.StatusCode} {Io.Quote.Short(response.ReasonPhrase ?? "")}";
                    progress?.Report(new FetchProgress(name, index, count, have, null, FetchStatus.Retrying));
                    await DelayAsync(options, attempt, cancel);
                    continue;
                }
                if (!response.IsSuccessStatusCode)
                    return $"{url}: HTTP {(int)response.StatusCode} {Io.Quote.Short(response.ReasonPhrase ?? "")}";
                bool resumed = response.StatusCode == HttpStatusCode.PartialContent;
                if (!resumed) have = 0;
                long? length = response.Content.Headers.ContentLength is { } n ? n + have : null;
                if (length > options.MaxFileBytes)
                {
                    File.Delete(partial);
                    return $"{url}: the server announces {length:N0} bytes, more than the {options.MaxFileBytes:N0} allowed for one file";
                }
                try
                {
                    await using var file = new FileStream(partial, resumed ? FileMode.Append : FileMode.Create, FileAccess.Write, FileShare.None);
                    await using var body = await response.Content.ReadAsStreamAsync(cancel);
                    long start = have;
                    have = await CopyBoundedAsync(body, file, options.MaxFileBytes, have, options, url,
                        bytes => progress?.Report(new FetchProgress(name, index, count, start + bytes, length, FetchStatus.Downloading)), cancel);
                }
                catch (FileTooLongException e)
                {
                    File.Delete(partial);
                    return e.Message;
                }
                if (length is { } expectedLength && have < expectedLength)
                    throw new IOException($"connection closed after {have} of {expectedLength} bytes");
                return null;
            }
            catch (RedirectRefusedException e)
            {
                return e.Message;
            }
            catch (Exception e) when (IsTransient(e, cancel))
            {
                lastError = e.Message;
                progress?.Report(new FetchProgress(name, index, count, PartialLength(partial), null, FetchStatus.Retrying));
                if (attempt < options.MaxAttempts) await DelayAsync(options, attempt, cancel);
            }
        }
        return $"gave up after {options.MaxAttempts} attempts: {lastError}";
    }

    /// <summary>A body went past its cap: not transient, the partial file is deleted.</summary>
    private sealed class FileTooLongException(string message) : Exception(message);

    /// <summary>
    /// Copies <paramref name="body"/> to <paramref name="to"/> while the total (starting at <paramref name="have"/> bytes)
    /// stays within <paramref name="limit"/>, dropping the connection when no byte arrives for the stall timeout.
    /// </summary>
    /// <returns>The total bytes, <paramref name="have"/> included.</returns>
    private static async Task<long> CopyBoundedAsync(Stream body, Stream to, long limit, long have, FetchOptions options, Uri url,
        Action<long>? report, CancellationToken cancel)
    {
        var stall = options.StallTimeout ?? TimeSpan.FromSeconds(60);
        var buffer = new byte[81920];
        long copied = 0;
        // A body that trickles (a byte every 20 s) never waits a whole stall timeout for one read: it must also bring
        // FetchOptions.StallBytes per stall timeout, or it is dropped (and resumed) like a stalled one.
        var window = System.Diagnostics.Stopwatch.StartNew();
        long windowStart = 0;
        while (true)
        {
            if (window.Elapsed >= stall)
            {
                if (copied - windowStart < FetchOptions.StallBytes)
                    throw new IOException($"{url}: {copied - windowStart:N0} bytes in {window.Elapsed.TotalSeconds:0.#} s after {have + windowStart:N0} bytes (trickling; at least {FetchOptions.StallBytes:N0} bytes per {stall.TotalSeconds:0.#} s expected)");
                window.Restart();
                windowStart = copied;
            }
            int read;
            using (var stalled = CancellationTokenSource.CreateLinkedTokenSource(cancel))
            {
                stalled.CancelAfter(stall);
                try { read = await body.ReadAsync(buffer, stalled.Token); }
                catch (OperationCanceledException) when (!cancel.IsCancellationRequested)
                {
                    throw new IOException($"{url}: no data for {stall.TotalSeconds:0.#} s after {have + copied:N0} bytes (stalled)");
                }
            }
            if (read == 0) return have + copied;
            if (have + copied + read > limit)
                throw new FileTooLongException($"{url}: longer than the {limit:N0} bytes allowed for one file; stopped and deleted");
            await to.WriteAsync(buffer.AsMemory(0, read), cancel);
            copied += read;
            report?.Invoke(copied);
        }
    }

    private static long PartialLength(string partial) => File.Exists(partial) ? new FileInfo(partial).Length : 0;

    private static bool IsTransient(HttpStatusCode status) =>
        status is HttpStatusCode.RequestTimeout or HttpStatusCode.TooManyRequests || (int)status >= 500;

    private static bool IsTransient(Exception e, CancellationToken cancel) =>
        e is HttpRequestException or IOException || (e is TaskCanceledException && !cancel.IsCancellationRequested);

    private static Task DelayAsync(FetchOptions options, int attempt, CancellationToken cancel) =>
        Task.Delay((options.RetryDelay ?? TimeSpan.FromSeconds(1)) * Math.Pow(2, attempt - 1), cancel);
}
