using TextInpaint.Cli;

return await CommandLine.RunAsync(args);
