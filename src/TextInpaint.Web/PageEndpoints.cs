using System.Reflection;

namespace TextInpaint.Web;

/// <summary>The page and its scripts, served from the assembly's embedded resources (nothing on disk, no build step).</summary>
public static class PageEndpoints
{
    private static readonly Dictionary<string, string> Types = new(StringComparer.OrdinalIgnoreCase)
    {
        [".html"] = "text/html; charset=utf-8",
        [".js"] = "text/javascript; charset=utf-8",
        [".css"] = "text/css; charset=utf-8",
        [".svg"] = "image/svg+xml",
    };

    /// <summary>Every embedded page file by its name (index.html, app.js, ...), read once.</summary>
    private static readonly Dictionary<string, (byte[] Bytes, string Type)> Files = Load();

    private static Dictionary<string, (byte[], string)> Load()
    {
        var assembly = typeof(PageEndpoints).Assembly;
        var files = new Dictionary<string, (byte[], string)>(StringComparer.Ordinal);
        foreach (var resource in assembly.GetManifestResourceNames().Where(n => n.StartsWith("page/", StringComparison.Ordinal)))
        {
            using var stream = assembly.GetManifestResourceStream(resource)!;
            using var buffer = new MemoryStream();
            stream.CopyTo(buffer);
            var name = resource["page/".Length..];
            files[name] = (buffer.ToArray(), Types.GetValueOrDefault(Path.GetExtension(name), "application/octet-stream"));
        }
        return files;
    }

    public static void Map(IEndpointRouteBuilder app)
    {
        app.MapGetAndHead("/", () => Serve("index.html")).ExcludeFromDescription();
        app.MapGetAndHead("/page/{name}", (string name) => Serve(name)).ExcludeFromDescription();
    }

    /// <summary>
    /// Maps a GET endpoint and the same handler for HEAD (answered with the GET's headers and no
    /// body, as HTTP asks), the HEAD one left out of the OpenAPI document.
    /// </summary>
    public static RouteHandlerBuilder MapGetAndHead(this IEndpointRouteBuilder app, string pattern, Delegate handler)
    {
        app.MapMethods(pattern, [HttpMethods.Head], handler).ExcludeFromDescription();
        return app.MapGet(pattern, handler);
    }

    private static IResult Serve(string name) =>
        Files.TryGetValue(name, out var file)
            ? Results.Bytes(file.Bytes, file.Type)
            : Problems.Of(StatusCodes.Status404NotFound, "not found", $"no page file '{name}'.");
}
