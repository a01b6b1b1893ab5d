namespace TextInpaint;

/// <summary>A long job stopped on request after saving its state; the message says where and how to go on.</summary>
public sealed class JobStoppedException(string message) : OperationCanceledException(message);
