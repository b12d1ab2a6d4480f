using System.Collections.Concurrent;

namespace HerokuSample.Services;

public sealed record Invoice(int Id, decimal Amount);

/// <summary>Registered as a singleton: it lives as long as the dyno.</summary>
public sealed class InvoiceStore
{
    // Every invoice ever read stays here: on a 512 MB dyno this ends in R14 (HK2001).
    private readonly ConcurrentDictionary<int, Invoice> _seen = new();

    public Invoice? Find(int id)
    {
        if (id <= 0)
        {
            return null;
        }

        return _seen.GetOrAdd(id, key => new Invoice(key, key * 10m));
    }
}
