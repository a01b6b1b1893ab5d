using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using TextInpaint.Data.SynthBirds;
using TextInpaint.Inference;
using TextInpaint.Text;

namespace TextInpaint.Web;

public sealed record CaptionWordJson(string Word, string State);
