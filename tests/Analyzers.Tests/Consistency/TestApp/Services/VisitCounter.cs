namespace ConsistencyApp.Services;

/// <summary>A singleton (Program.cs registers it) whose private map only grows.</summary>
public sealed class VisitCounter
{
    private readonly Dictionary<string, int> _visits = new();

    public int Count(string path)
    {
        _visits.TryGetValue(path, out var count);
        _visits[path] = count + 1;
        return count + 1;
    }
}
