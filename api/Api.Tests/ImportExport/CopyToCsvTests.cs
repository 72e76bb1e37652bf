using ComplianceConnect.Api.Features.ImportExport;

namespace ComplianceConnect.Api.Tests.ImportExport;

/// <summary>The export's LF-to-CRLF pass over COPY's CSV, which arrives in pieces that may split a cell anywhere.</summary>
public sealed class CopyToCsvTests
{
    // Two records as COPY writes them: a quoted cell with a line break, one with doubled quotes ending in a line
    // break, an empty quoted cell, and a cell of a single escaped quote.
    private const string FromCopy = "a,\"x\ny\",\"say \"\"hi\"\"\n\"\nb,\"\",\"\"\"\"\n";
    private const string Expected = "a,\"x\ny\",\"say \"\"hi\"\"\n\"\r\nb,\"\",\"\"\"\"\r\n";

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(7)]
    [InlineData(1000)]
    public void Record_ends_become_CRLF_and_line_breaks_inside_quoted_cells_stay_wherever_the_pieces_split(int pieceLength)
    {
        Assert.Equal(Expected, InPieces(FromCopy, pieceLength));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(13)]
    [InlineData(4096)]
    public void Long_runs_of_plain_text_between_the_breaks_come_through_whole(int pieceLength)
    {
        // Records far longer than a vector register, so the search skips whole runs of text between breaks and quotes.
        var records = Enumerable.Range(0, 300).Select(i =>
            $"Åsa-Lovisa Öberg-Lindqvist {i},\"Storgatan {i}\nvåning {i % 7}\",{new string('x', i % 90)},\"\"\"{i}\"\"\",{i}").ToArray();
        var fromCopy = string.Concat(records.Select(r => r + "\n"));
        var expected = string.Concat(records.Select(r => r + "\r\n"));

        Assert.Equal(expected, InPieces(fromCopy, pieceLength));
    }

    /// <summary>
    /// Passes <paramref name="fromCopy"/> through the pass as UTF-8 bytes in pieces of <paramref name="pieceLength"/>
    /// bytes (short pieces end inside a character: Å and ö are two bytes each); it must end outside quotes.
    /// </summary>
    private static string InPieces(string fromCopy, int pieceLength)
    {
        var bytes = System.Text.Encoding.UTF8.GetBytes(fromCopy);
        var quoted = false;
        var written = new MemoryStream();
        var output = new byte[2 * pieceLength];
        for (var at = 0; at < bytes.Length; at += pieceLength)
        {
            var piece = bytes.AsSpan(at, Math.Min(pieceLength, bytes.Length - at));
            written.Write(output, 0, CsvExportResult.ToCrLf(piece, output, ref quoted));
        }

        Assert.False(quoted);
        return System.Text.Encoding.UTF8.GetString(written.ToArray());
    }
}
