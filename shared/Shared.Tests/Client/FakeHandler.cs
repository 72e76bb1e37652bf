using System.Net;
using System.Text;

namespace ComplianceConnect.Shared.Tests.Client;

/// <summary>Records each request as sent and answers with the next queued response (or throws the queued exception).</summary>
public sealed class FakeHandler : HttpMessageHandler
{
    private readonly Queue<Func<HttpResponseMessage>> _answers = new();

    public List<Sent> Requests { get; } = [];

    public FakeHandler Answer(HttpStatusCode status, string body = "", string mediaType = "application/json")
    {
        _answers.Enqueue(() => new HttpResponseMessage(status) { Content = new StringContent(body, Encoding.UTF8, mediaType) });
        return this;
    }

    public FakeHandler Fail(Exception exception)
    {
        _answers.Enqueue(() => throw exception);
        return this;
    }

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        Requests.Add(new Sent(
            request.Method,
            request.RequestUri!.AbsoluteUri,
            request.Headers.Authorization?.ToString(),
            request.Headers.TryGetValues("X-Client", out var client) ? string.Join(",", client) : null,
            request.Content?.Headers.ContentType?.MediaType,
            request.Content is null ? null : await request.Content.ReadAsStringAsync(cancellationToken)));
        return _answers.Dequeue()();
    }

    public sealed record Sent(HttpMethod Method, string Uri, string? Authorization, string? Client, string? MediaType, string? Body);
}
