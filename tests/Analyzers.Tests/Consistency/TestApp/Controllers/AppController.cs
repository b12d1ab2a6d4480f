using Microsoft.AspNetCore.Mvc;

namespace ConsistencyApp.Controllers;

/// <summary>The app's controller base: actions of controllers in other files deriving from it are request handlers.</summary>
public abstract class AppController : ControllerBase
{
}
