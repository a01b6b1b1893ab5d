namespace TextInpaint.Storage;

/// <summary>
/// How a model folder's config file is read (<see cref="MmflFolder"/>, <see cref="DamsmFolder"/>,
/// <see cref="DetailFolder"/>): each failure is one line naming the folder or the file.
/// </summary>
internal static class ConfigFiles
{
    /// <summary>
    /// Reads <paramref name="fileName"/> of <paramref name="folder"/> as a <typeparamref name="T"/> whose
    /// <paramref name="header"/> must give the kind <paramref name="format"/> and a format version from
    /// <paramref name="firstVersion"/> to <paramref name="currentVersion"/>.
    /// </summary>
    /// <param name="noFolder">The message after the folder's name when it does not exist.</param>
    /// <param name="what">What the file should be, for the message when its kind differs ("a DAMSM config").</param>
    public static T Read<T>(string folder, string fileName, string noFolder, string what, string format, Func<T, (string Kind, int Version)> header,
        int firstVersion, int currentVersion)
    {
        if (!Directory.Exists(folder))
            throw new UserInputException($"{folder}: {noFolder}.");
        var path = Path.Combine(folder, fileName);
        var config = ModelFiles.LoadJson<T>(path);
        var (kind, version) = header(config);
        if (kind != format)
            throw new UserInputException($"{path}: not {what} (kind '{kind}').");
        if (version < firstVersion || version > currentVersion)
            throw new UserInputException($"{path}: format version {version}; this build reads "
                + (firstVersion == currentVersion ? $"version {currentVersion}." : $"versions {firstVersion} to {currentVersion}."));
        return config;
    }

    /// <summary>Stops with one line naming the file, the field and its range when <paramref name="ok"/> is false.</summary>
    public static void Require(bool ok, string path, string field, object? value, string range)
    {
        if (!ok) throw new UserInputException($"{path}: '{field}' is {value ?? "missing"}; expected {range}.");
    }
}
