using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using DriftBoard.Storage;
using DriftBoard.Storage.Users;
using DriftBoard.Web.Security;
using DriftBoard.Web.Tests.TestSupport;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.SignalR.Client;

namespace DriftBoard.Web.Tests.Postmortems.Faults;

/// <summary>
/// The real DriftBoard.Web as a child process (<c>dotnet DriftBoard.Web.dll --urls http://127.0.0.1:PORT</c>) over a database
/// file given through <c>DRIFTBOARD_DB</c>, without the demo seeding. <see cref="Kill"/> ends it as a crash or an OOM kill would:
/// no shutdown, no flush. <see cref="StartAsync"/> after a kill runs a new process on the same port and file.
/// </summary>
public sealed class WebAppProcess : IDisposable
{
    private static readonly TimeSpan StartPatience = TimeSpan.FromMinutes(2);

    private readonly string _databasePath;
    private readonly Queue<string> _lastOutput = new();
    private Process? _process;

    public WebAppProcess(string databasePath)
    {
        _databasePath = databasePath;
        Port = FreePort();
    }

    public int Port { get; }

    public Uri BaseAddress => new($"http://127.0.0.1:{Port}");

    /// <summary>The last lines the process wrote (for failure messages).</summary>
    public string LastOutput
    {
        get { lock (_lastOutput) return string.Join('\n', _lastOutput); }
    }

    /// <summary>
    /// DriftBoard.Web.dll as built beside this test project: the test project references the web project, so the build that
    /// built these tests built it too, in the same configuration (…/tests/DriftBoard.Web.Tests/bin/Debug/net10.0/ →
    /// …/src/DriftBoard.Web/bin/Debug/net10.0/DriftBoard.Web.dll), else the copy in the test output folder.
    /// </summary>
    public static string WebDll()
    {
        var output = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
        var framework = output.Name;
        var configuration = output.Parent?.Name ?? throw new InvalidOperationException($"unexpected test output folder {output}");
        for (var folder = output; folder is not null; folder = folder.Parent)
        {
            var candidate = Path.Combine(folder.FullName, "src", "DriftBoard.Web", "bin", configuration, framework, "DriftBoard.Web.dll");
            if (File.Exists(candidate)) return candidate;
        }
        // A build with --output puts everything in one folder: the copy beside the tests is runnable too.
        var beside = Path.Combine(output.FullName, "DriftBoard.Web.dll");
        if (File.Exists(beside) && File.Exists(Path.ChangeExtension(beside, ".runtimeconfig.json"))) return beside;
        throw new FileNotFoundException($"DriftBoard.Web.dll ({configuration}/{framework}) not found above {output}; build the web project");
    }

    /// <summary>Starts the process and returns once it answers HTTP.</summary>
    public async Task StartAsync()
    {
        if (_process is { HasExited: false }) throw new InvalidOperationException("the server is already running");
        var dll = WebDll();
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = Path.GetDirectoryName(dll)!,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in new[] { dll, "--urls", BaseAddress.ToString().TrimEnd('/') }) start.ArgumentList.Add(arg);
        start.Environment[DatabaseLocation.EnvironmentVariable] = _databasePath;
        start.Environment["DriftBoard__SeedDemoWhenEmpty"] = "false";
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        start.Environment["Logging__LogLevel__Default"] = "Warning";
        var process = Process.Start(start) ?? throw new InvalidOperationException("dotnet did not start");
        process.OutputDataReceived += (_, e) => Remember(e.Data);
        process.ErrorDataReceived += (_, e) => Remember(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        _process = process;

        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        var deadline = DateTime.UtcNow + StartPatience;
        while (true)
        {
            if (process.HasExited) throw new InvalidOperationException($"the web app exited with {process.ExitCode}:\n{LastOutput}");
            try
            {
                using var response = await http.GetAsync(new Uri(BaseAddress, AuthenticationSetup.LoginPath));
                if (response.StatusCode == HttpStatusCode.OK) return;
            }
            catch (HttpRequestException) { }
            catch (TaskCanceledException) { }
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"the web app did not answer within {StartPatience}:\n{LastOutput}");
            await Task.Delay(100);
        }
    }

    /// <summary>Kills the process and its children at once (SIGKILL): nothing runs after this, no shutdown hook, no flush.</summary>
    public void Kill()
    {
        if (_process is null) return;
        if (!_process.HasExited) _process.Kill(entireProcessTree: true);
        _process.WaitForExit();
        _process.Dispose();
        _process = null;
    }

    /// <summary>
    /// Signs in through the real form and returns the session cookie as a Cookie header value. By hand, not with a cookie
    /// container: the cookies are Secure and this is plain http on loopback, where a container would not send them back.
    /// </summary>
    public async Task<string> SessionCookieAsync(UserRole role)
    {
        using var http = new HttpClient(new HttpClientHandler { UseCookies = false, AllowAutoRedirect = false }) { BaseAddress = BaseAddress };
        var loginPath = $"{AuthenticationSetup.LoginPath}?ReturnUrl=%2F";
        using var form = await http.GetAsync(loginPath);
        var token = TestUsers.AntiforgeryField().Match(await form.Content.ReadAsStringAsync());
        Assert.True(token.Success, "the sign-in page has no antiforgery token");
        using var post = new HttpRequestMessage(HttpMethod.Post, loginPath)
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["__RequestVerificationToken"] = WebUtility.HtmlDecode(token.Groups[1].Value),
                ["_handler"] = "login",
                ["Input.UserName"] = TestUsers.NameOf(role),
                ["Input.Password"] = TestUsers.Password,
            }),
        };
        post.Headers.Add("Cookie", string.Join("; ", CookiePairs(form)));
        using var response = await http.SendAsync(post);
        var session = CookiePairs(response).SingleOrDefault(c => c.StartsWith(AuthenticationSetup.CookieName + "=", StringComparison.Ordinal));
        Assert.True(session is not null, $"signing in as {TestUsers.NameOf(role)} answered {(int)response.StatusCode} without a session cookie");
        return session;
    }

    /// <summary>A SignalR connection to the co-editing hub over WebSockets, carrying <paramref name="sessionCookie"/>.</summary>
    public HubConnection HubConnection(string hubPath, string sessionCookie) =>
        new HubConnectionBuilder()
            .WithUrl(new Uri(BaseAddress, hubPath), options =>
            {
                options.Transports = HttpTransportType.WebSockets;
                options.Headers["Cookie"] = sessionCookie;
            })
            .Build();

    private static IEnumerable<string> CookiePairs(HttpResponseMessage response) =>
        response.Headers.TryGetValues("Set-Cookie", out var cookies) ? cookies.Select(c => c.Split(';')[0]) : [];

    private void Remember(string? line)
    {
        if (line is null) return;
        lock (_lastOutput)
        {
            _lastOutput.Enqueue(line);
            while (_lastOutput.Count > 40) _lastOutput.Dequeue();
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public void Dispose() => Kill();
}
