namespace ConsistencyApp.Services;

/// <summary>Sign-in cookies; where their keys live (PersistKeysToFileSystem) is decided in Program.cs.</summary>
public static class AuthSetup
{
    public static IServiceCollection AddAppAuthentication(this IServiceCollection services)
    {
        services.AddAuthentication("cookies").AddCookie("cookies");
        return services;
    }
}
