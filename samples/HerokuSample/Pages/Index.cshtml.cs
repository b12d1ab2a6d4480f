using Microsoft.AspNetCore.Mvc.RazorPages;

namespace HerokuSample.Pages;

public sealed class IndexModel : PageModel
{
    public string Message { get; private set; } = "";

    public void OnGet()
    {
        // Waits for a slow dependency on the request thread (HK1002).
        Thread.Sleep(2000);
        Message = "Welcome";
    }
}
