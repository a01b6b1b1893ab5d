using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;
using TextInpaint.Baselines;
using TextInpaint.Imaging;

namespace TextInpaint.Web;

/// <summary>A classical inpainting method, which reads no text.</summary>
public sealed record ClassicalMethodJson(string Name, string Description);
