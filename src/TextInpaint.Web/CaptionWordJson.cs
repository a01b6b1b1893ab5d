namespace TextInpaint.Web;

public sealed record CaptionWordJson(string Word, string State);
