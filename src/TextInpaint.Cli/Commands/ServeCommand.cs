using System.CommandLine;
using Microsoft.Extensions.Hosting;
using TextInpaint.Web;
using TextInpaint.Storage;

namespace TextInpaint.Cli.Commands;

/// <summary>`textinpaint serve`: the interactive page and the HTTP API, with the model loaded once.</summary>
public static class ServeCommand
{
    public static Command Create()
    {
        var urls = new Option<string>("--urls")
        {
            Description = "Where to listen (loopback by default: the page is for this machine).",
            DefaultValueFactory = _ => TextInpaintServer.DefaultUrl,
        };
        var model = new Option<string>("--model")
        {
            Description = $"Model folder (default: the shipped {DefaultModel.RelativePath}).",
            DefaultValueFactory = _ => DefaultModel.Folder(),
        };
        var device = new Option<string>("--device")
        {
            Description = "cpu, or cuda where a CUDA build of TorchSharp is installed.",
            DefaultValueFactory = _ => "cpu",
        };
        var threads = CommonOptions.Threads();
        var command = new Command("serve",
            $"Serve the interactive page: paint the hole, type the sentence, see what each word did. Stops with Ctrl-C after the fill in flight. "
                + $"Limits are set as --{ServerOptions.Section}:NAME VALUE (e.g. --{ServerOptions.Section}:QueueCapacity 32).")
        {
            urls, model, device, threads,
        };
        // The server's own settings (--TextInpaint:QueueCapacity 32) go through to it; any other unknown token is still an error.
        command.TreatUnmatchedTokensAsErrors = false;
        command.SetAction(async (parse, ct) =>
        {
            var folder = parse.GetValue(model)!;
            if (!ModelFolder.Exists(folder))
                throw new UserInputException($"{folder}: not a model folder (no model.json or detail.json); give one with --model.");
            var addresses = parse.GetValue(urls)!;
            TextInpaintServer.CheckUrls(addresses);
            var settings = ServerSettings(parse.UnmatchedTokens);
            CommonOptions.Apply(parse, threads);
            await using var app = TextInpaintServer.Build(["--urls", addresses, "--TextInpaint:Model", folder, "--TextInpaint:Device",
                parse.GetValue(device)!, .. settings]);
            try
            {
                await app.StartAsync(ct);
            }
            catch (IOException e)
            {
                throw new UserInputException($"--urls {addresses}: cannot listen there ({e.Message.Split('\n')[0].Trim()}).", e);
            }
            parse.InvocationConfiguration.Output.WriteLine($"TextInpaint is at {string.Join(", ", app.Urls)} (model {folder}); Ctrl-C stops it.");
            await app.WaitForShutdownAsync(ct);
            return 0;
        });
        return command;
    }

    /// <summary>The tokens left over by the parser, as pairs --TextInpaint:NAME VALUE (or --TextInpaint:NAME=VALUE) for the server's configuration.</summary>
    private static List<string> ServerSettings(IReadOnlyList<string> tokens)
    {
        var prefix = $"--{ServerOptions.Section}:";
        var settings = new List<string>();
        for (int i = 0; i < tokens.Count; i++)
        {
            if (!tokens[i].StartsWith(prefix, StringComparison.OrdinalIgnoreCase))
                throw new UserInputException($"serve: unrecognised argument '{tokens[i]}'; see textinpaint serve --help.");
            settings.Add(tokens[i]);
            if (!tokens[i].Contains('='))
            {
                if (i + 1 >= tokens.Count)
                    throw new UserInputException($"{tokens[i]}: give a value, e.g. {prefix}QueueCapacity 32.");
                settings.Add(tokens[++i]);
            }
        }
        return settings;
    }
}
