using System.Diagnostics;
using System.Text.Json;

namespace K2.Lakehouse.Tests.Infrastructure;

/// <summary>
/// Runs <c>tools/iceberg-verify/verify.mjs</c> (icebird) on a metadata file and returns its JSON report, installing
/// the pinned npm packages with <c>npm ci</c> first when <c>node_modules</c> is missing.
/// </summary>
public static class IcebirdVerifier
{
    private static readonly SemaphoreSlim InstallLock = new(1, 1);

    public static async Task<JsonElement> ReadAsync(string metadataPath)
    {
        var tool = ToolDirectory();
        await EnsureInstalledAsync(tool);
        var output = await RunAsync(tool, "node", "verify.mjs", metadataPath);
        return JsonDocument.Parse(output).RootElement.Clone();
    }

    private static async Task EnsureInstalledAsync(string tool)
    {
        await InstallLock.WaitAsync();
        try
        {
            if (!Directory.Exists(Path.Combine(tool, "node_modules", "icebird")))
            {
                await RunAsync(tool, "npm", "ci", "--no-audit", "--no-fund");
            }
        }
        finally
        {
            InstallLock.Release();
        }
    }

    private static string ToolDirectory()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "K2.Orleans.sln")))
            {
                return Path.Combine(directory.FullName, "tools", "iceberg-verify");
            }
        }

        throw new InvalidOperationException("Cannot find the repository root (K2.Orleans.sln) above the test binaries.");
    }

    private static async Task<string> RunAsync(string workingDirectory, string file, params string[] arguments)
    {
        var start = new ProcessStartInfo(file)
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        Process process;
        try
        {
            process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {file}.");
        }
        catch (System.ComponentModel.Win32Exception exception)
        {
            throw new InvalidOperationException($"'{file}' is not installed; the icebird verification needs Node.js and npm.", exception);
        }

        using (process)
        {
            var output = process.StandardOutput.ReadToEndAsync();
            var error = process.StandardError.ReadToEndAsync();
            // A guard against a hung child process, not a performance expectation.
            using var guard = new CancellationTokenSource(TimeSpan.FromMinutes(5));
            await process.WaitForExitAsync(guard.Token);
            if (process.ExitCode != 0)
            {
                throw new InvalidOperationException($"{file} {string.Join(' ', arguments)} exited with {process.ExitCode}:\n{await error}\n{await output}");
            }

            return await output;
        }
    }
}
