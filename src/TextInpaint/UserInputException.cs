namespace TextInpaint;

/// <summary>
/// A problem with what the user gave us (a file, a folder, an option): its message names the
/// thing and the problem, and is shown as it is, without a stack trace.
/// </summary>
public sealed class UserInputException(string message, Exception? inner = null) : Exception(message, inner);
