using ComplianceConnect.Shared.Extraction;

namespace ComplianceConnect.Shared.Tests.Extraction;

/// <summary>The nesting guard's depth and start-tag count, on markup whose tags are hard to find the ends of.</summary>
public class NestingGuardTests
{
    [Theory]
    [InlineData("<div>", 1, 1, 3)]
    [InlineData("<div title=\"a > b\">", 1, 1, 3)] // a '>' inside a quoted value does not end the tag
    [InlineData("<div title='say \"hi\" > bye' data-x=\"it's\">", 1, 1, 3)] // each quote ends only at its own kind
    [InlineData("<my-widget data:x_y=1><ns:tag>", 2, 2, 3)] // names with '-', ':' and '_'
    [InlineData("<div><br><img src=x><input/><p>text<li>item", 1, 6, 3)] // void and optional-end elements open no level
    [InlineData("<div></div><div></div><section>", 1, 3, 3)] // end tags close levels
    [InlineData("<script>if (a < b) { x = '<div><div>'; }</script><div>", 1, 2, 3)] // a script's text is not markup, and its end tag closes no level
    [InlineData("<!-- <div><div> --><div>", 1, 1, 3)] // nor is a comment
    [InlineData("a < b and 3<4 <div", 1, 1, 1)] // literal '<' in text; a tag cut off at the end still counts
    [InlineData("<div title=\"never closed>", 1, 1, 1)]
    public void Counts_the_depth_and_the_start_tags_of_unclosed_markup(string piece, int depthEach, int startTagsEach, int repeats)
    {
        // Unclosed, so each repeat nests one piece deeper (a piece cut off at its end can be given once only).
        var html = string.Concat(Enumerable.Repeat(piece, repeats));
        var depth = depthEach * repeats;

        Assert.False(NestingGuard.Exceeds(html, depth, out var startTags));
        Assert.Equal(startTagsEach * repeats, startTags);
        Assert.True(NestingGuard.Exceeds(html, depth - 1, out _));
    }
}
