using System.Globalization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;
using Microsoft.OpenApi;
using TextInpaint.Imaging;
using TextInpaint.Inference;
using TextInpaint.Text;

namespace TextInpaint.Web;

/// <summary>The square of the image the model saw, in the image's pixels.</summary>
public sealed record WindowJson(int X, int Y, int Side);
