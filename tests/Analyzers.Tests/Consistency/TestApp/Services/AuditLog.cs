namespace ConsistencyApp.Services;

/// <summary>A public static list that code in other files adds to; nothing removes.</summary>
public static class AuditLog
{
    public static readonly List<string> Entries = new();
}
