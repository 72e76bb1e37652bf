using System.Threading.Channels;
using ComplianceConnect.Api.Infrastructure;
using ComplianceConnect.Shared;
using ComplianceConnect.Shared.Contracts;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;

namespace ComplianceConnect.Api.Features.ImportExport;

/// <summary>Settings bound from the <c>Import</c> configuration section.</summary>
public sealed class ImportOptions
{
    public const string Section = "Import";

    /// <summary>The largest upload (256 MiB: a million contact rows with room to spare).</summary>
    public long MaxUploadBytes { get; set; } = 256L * 1024 * 1024;

    /// <summary>Rows per committed chunk: each holds the organization's audit chain head only for its own short transaction.</summary>
    public int ChunkSize { get; set; } = 5000;

    /// <summary>
    /// Where uploads wait for the worker; they are deleted when the job ends. A folder of the instance's own (the run
    /// command uses <c>.local/imports</c>) keeps the files of jobs a restart cut off, and the next start goes on with
    /// them. Without one, uploads wait in the system's temporary folder, which other programs share, so a restart
    /// ends its jobs as failed instead.
    /// </summary>
    public string? SpoolDirectory { get; set; }
}

/// <summary>A queued import: the worker opens its units of work for this organization.</summary>
public sealed record ImportWork(Guid OrganizationId, Guid JobId, string Path);

/// <summary>The spooled uploads: named by organization and job, so a restart can tell whose file a job's is.</summary>
public static class ImportSpool
{
    private const string Prefix = "cc-import-";

    public static string PathFor(ImportOptions options, Guid organization, Guid job) =>
        Path.Combine(options.SpoolDirectory ?? Path.GetTempPath(), $"{Prefix}{organization:N}-{job:N}.csv");

    /// <summary>The jobs whose files are still in the instance's own spool folder at start-up, oldest first.</summary>
    public static IReadOnlyList<ImportWork> LeftOver(ImportOptions options)
    {
        if (options.SpoolDirectory is not { } directory || !Directory.Exists(directory))
        {
            return [];
        }

        var left = new List<ImportWork>();
        foreach (var path in Directory.EnumerateFiles(directory, Prefix + "*.csv"))
        {
            var name = Path.GetFileNameWithoutExtension(path.AsSpan());
            if (name.Length == Prefix.Length + 32 + 1 + 32 && name[Prefix.Length + 32] == '-'
                && Guid.TryParseExact(name.Slice(Prefix.Length, 32), "N", out var organization)
                && Guid.TryParseExact(name[(Prefix.Length + 33)..], "N", out var job))
            {
                left.Add(new ImportWork(organization, job, path));
            }
        }

        // Job ids are version 7: ordered by the time the upload came.
        return [.. left.OrderBy(w => w.JobId.ToString("N"), StringComparer.Ordinal)];
    }
}

/// <summary>The in-process queue between the upload and the worker.</summary>
public sealed class ImportQueue
{
    private readonly Channel<ImportWork> _channel = Channel.CreateUnbounded<ImportWork>(new UnboundedChannelOptions { SingleReader = true });

    public ChannelReader<ImportWork> Reader => _channel.Reader;

    public void Enqueue(ImportWork work) => _channel.Writer.TryWrite(work);
}

public static class ImportApi
{
    public static IServiceCollection AddImports(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<ImportOptions>().Bind(configuration.GetSection(ImportOptions.Section));
        services.AddSingleton<ImportQueue>();
        services.AddScoped<ImportRunner>();
        services.AddHostedService<ImportWorker>();

        // The Salesforce pull asks the suppression list before it creates anyone (registered before its TryAdd fallback).
        services.AddScoped<Salesforce.ISuppressionList, Erasure.SuppressionListForSync>();
        return services;
    }

    public static IEndpointRouteBuilder MapImportApi(this IEndpointRouteBuilder app)
    {
        var max = app.ServiceProvider.GetRequiredService<IOptions<ImportOptions>>().Value.MaxUploadBytes;
        var group = app.MapGroup(ApiRoutes.Imports).WithTags("Import").RequireAuthorization().WithChannel(Channels.Import);
        group.MapPost("/", Start)
            .WithMetadata(new RequestSizeLimitAttribute(max));
        group.MapGet("/", Recent);
        group.MapGet("/{id:guid}", Get);
        return app;
    }

    /// <summary>
    /// Takes a CSV (a <c>text/csv</c> body, or the first file of a <c>multipart/form-data</c> body),
    /// spools it to disk as it arrives (never whole in memory), checks the whole file, and queues
    /// the job: 202 with its progress address. A file the import cannot read answers 400
    /// <c>import_file_invalid</c> and writes nothing.
    /// </summary>
    public static async Task<Results<Accepted<ImportJobDto>, ValidationProblem, ProblemHttpResult>> Start(
        HttpRequest request, AppDbContext db, CurrentUser user, ImportQueue queue, IOptions<ImportOptions> options, TimeProvider clock,
        bool? updateExisting, string? fileName, CancellationToken ct)
    {
        // Checked here rather than declared with Accepts(): routing would answer 415 before the
        // caller is authenticated, telling anyone what the endpoint takes.
        var type = request.ContentType ?? "";
        if (!type.StartsWith("text/csv", StringComparison.OrdinalIgnoreCase) && !type.StartsWith("multipart/form-data", StringComparison.OrdinalIgnoreCase))
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status415UnsupportedMediaType, title: "Unsupported media type",
                detail: "Send the CSV as a text/csv body or as a file in a multipart/form-data body.");
        }

        var settings = options.Value;
        var job = new ImportJob
        {
            Status = ImportStatus.Queued,
            UpdateExisting = updateExisting ?? false,
            CreatedBy = user.UserId!.Value,
            CreatedAt = clock.GetUtcNow(),
        };
        var path = ImportSpool.PathFor(settings, user.OrganizationId!.Value, job.Id);
        var queued = false;
        try
        {
            var (body, partName) = await OpenFileAsync(request, ct);
            if (body is null)
            {
                return Problems.Validation("file", ValidationCodes.ImportFileInvalid, "Send the CSV as a text/csv body or as a file in a multipart/form-data body.");
            }

            if (!await SpoolAsync(body, path, settings.MaxUploadBytes, ct))
            {
                // A body without a Content-Length (chunked) is only found too large while it streams.
                // (The server's own limit usually stops it first; this answers the same way as StrictInput does.)
                var message = $"Must be at most {settings.MaxUploadBytes} bytes ({settings.MaxUploadBytes / (1024 * 1024)} MiB). Nothing was imported.";
                return TypedResults.Problem(statusCode: StatusCodes.Status413PayloadTooLarge, title: "The request is not valid.", extensions: new Dictionary<string, object?>
                {
                    ["errors"] = new Dictionary<string, string[]> { ["body"] = [message] },
                    ["codes"] = new Dictionary<string, string[]> { ["body"] = [ValidationCodes.BodyTooLarge] },
                });
            }

            try
            {
                job.TotalRows = await ImportFile.CheckAsync(path, ct);
            }
            catch (InvalidImportFileException e)
            {
                return Problems.Validation("file", ValidationCodes.ImportFileInvalid, e.Message + " Nothing was imported.");
            }

            job.FileName = TextValue.OrNull(fileName ?? partName) is { } name ? Path.GetFileName(name)[..Math.Min(Path.GetFileName(name).Length, 255)] : null;
            db.ImportJobs.Add(job);
            await db.SaveChangesAsync(ct);

            // The worker runs in units of work of its own: hand it the job once this request's unit of work has committed it.
            request.HttpContext.Response.OnStarting(() =>
            {
                queue.Enqueue(new ImportWork(job.OrganizationId, job.Id, path));
                return Task.CompletedTask;
            });
            queued = true;
            return TypedResults.Accepted(ApiRoutes.Import(job.Id), job.ToDto([]));
        }
        catch (Exception e) when (e is IOException or InvalidDataException && !ct.IsCancellationRequested)
        {
            // A multipart body that ends before its closing boundary, or one the reader cannot parse.
            return Problems.Validation("file", ValidationCodes.ImportFileInvalid, "The upload is incomplete or not a well-formed multipart body. Nothing was imported.");
        }
        finally
        {
            if (!queued)
            {
                File.Delete(path);
            }
        }
    }

    /// <summary>The organization's latest imports, newest first (without their reports), so a rep who left can find theirs again.</summary>
    public static async Task<Ok<List<ImportJobDto>>> Recent(AppDbContext db, CancellationToken ct)
    {
        var jobs = await db.ImportJobs.AsNoTracking().OrderByDescending(j => j.CreatedAt).ThenByDescending(j => j.Id).Take(RecentJobs).ToListAsync(ct);
        return TypedResults.Ok(jobs.Select(j => j.ToDto([])).ToList());
    }

    public const int RecentJobs = 20;

    public static async Task<Results<Ok<ImportJobDto>, NotFound>> Get(Guid id, AppDbContext db, CancellationToken ct)
    {
        var job = await db.ImportJobs.AsNoTracking().SingleOrDefaultAsync(j => j.Id == id, ct);
        if (job is null)
        {
            return TypedResults.NotFound();
        }

        var problems = await db.ImportProblems.AsNoTracking().Where(p => p.JobId == id)
            .OrderBy(p => p.Row).ThenBy(p => p.Ordinal).Take(ImportJobDto.MaxProblemsShown)
            .Select(p => new ImportProblemDto(p.Row, p.Column, p.Code, p.Message))
            .ToListAsync(ct);
        return TypedResults.Ok(job.ToDto(problems));
    }

    private static async Task<(Stream? Body, string? FileName)> OpenFileAsync(HttpRequest request, CancellationToken ct)
    {
        if (!MediaTypeHeaderValue.TryParse(request.ContentType, out var type) || !type.MediaType.Equals("multipart/form-data", StringComparison.OrdinalIgnoreCase))
        {
            return (request.Body, null);
        }

        var boundary = HeaderUtilities.RemoveQuotes(type.Boundary).Value;
        if (string.IsNullOrEmpty(boundary))
        {
            return (null, null);
        }

        var reader = new MultipartReader(boundary, request.Body);
        while (await reader.ReadNextSectionAsync(ct) is { } section)
        {
            if (ContentDispositionHeaderValue.TryParse(section.ContentDisposition, out var disposition) && disposition.IsFileDisposition())
            {
                return (section.Body, (disposition.FileNameStar.HasValue ? disposition.FileNameStar : disposition.FileName).Value?.Trim('"'));
            }
        }

        return (null, null);
    }

    /// <summary>Copies the upload to disk as it arrives; false when it grows past the limit.</summary>
    private static async Task<bool> SpoolAsync(Stream body, string path, long max, CancellationToken ct)
    {
        await using var file = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.None, 64 * 1024, FileOptions.Asynchronous);
        var buffer = new byte[64 * 1024];
        long total = 0;
        int read;
        while ((read = await body.ReadAsync(buffer, ct)) > 0)
        {
            total += read;
            if (total > max)
            {
                return false;
            }

            await file.WriteAsync(buffer.AsMemory(0, read), ct);
        }

        return true;
    }
}
