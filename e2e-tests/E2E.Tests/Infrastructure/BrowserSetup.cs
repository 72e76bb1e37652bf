using System.Security.Cryptography;
using System.Text.Json;

namespace ComplianceConnect.E2E.Tests.Infrastructure;

/// <summary>
/// Finds what the end-to-end tests need on this machine. Nothing here skips: a missing piece
/// fails the test with a sentence saying what is missing and how to get it.
/// </summary>
public static class BrowserSetup
{
    public static string ChromiumPath()
    {
        var path = Environment.GetEnvironmentVariable("CC_CHROMIUM") is { Length: > 0 } configured ? configured : "/usr/bin/chromium";
        if (!File.Exists(path))
        {
            throw new InvalidOperationException(
                $"Chromium is missing: no browser at {path}. Install Debian's package (apt-get install chromium), " +
                "set CC_CHROMIUM to a Chromium binary, or run the tests with scripts/test.sh, which installs it.");
        }

        return path;
    }

    public static string ExtensionDirectory()
    {
        var dir = Environment.GetEnvironmentVariable("CC_EXTENSION_DIR") is { Length: > 0 } configured
            ? configured
            : Path.Combine(RepositoryRoot(), "extension", "dist");
        if (!File.Exists(Path.Combine(dir, "manifest.json")))
        {
            throw new InvalidOperationException(
                $"The built extension is missing: no manifest.json in {dir}. Build it with 'dotnet publish extension/Extension -c Release' " +
                "or run the tests with scripts/test.sh.");
        }

        return Path.GetFullPath(dir);
    }

    /// <summary>Chrome derives an extension's id from its public key: SHA-256, first 16 bytes, hex digits mapped to a–p.</summary>
    public static string ExtensionId(string extensionDir)
    {
        using var manifest = JsonDocument.Parse(File.ReadAllText(Path.Combine(extensionDir, "manifest.json")));
        var key = Convert.FromBase64String(manifest.RootElement.GetProperty("key").GetString()!);
        var hash = SHA256.HashData(key);
        return string.Concat(hash.Take(16).SelectMany(b => new[] { (char)('a' + (b >> 4)), (char)('a' + (b & 0xF)) }));
    }

    public static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Extension.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("Could not find the repository root (Extension.sln) above " + AppContext.BaseDirectory);
    }
}
