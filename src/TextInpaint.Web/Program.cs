using TextInpaint.Web;

await TextInpaintServer.Build(args).RunAsync();

/// <summary>The entry point, named for the in-memory test host.</summary>
public partial class Program;
