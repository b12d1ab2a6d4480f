using System;
using System.Collections.Generic;

namespace HerokuAnalyzers.Tasks.Reporting
{
    /// <summary>A check that threw instead of reporting: which check, on which file, and why.</summary>
    internal sealed class CheckFailure
    {
        public CheckFailure(string check, string file, Exception exception)
        {
            Check = check;
            File = file;
            Exception = exception;
        }

        /// <summary>What could not run, e.g. "HK4003" or "heroku.yml checks".</summary>
        public string Check { get; }

        public string File { get; }

        public Exception Exception { get; }

        public override string ToString() => Check + " on " + File + ": " + Exception.GetType().Name + ": " + Exception.Message;
    }

    /// <summary>
    /// Runs each check on its own, so that a bug in one rule or one file's checks cannot hide the findings
    /// of the others: an exception becomes a <see cref="CheckFailure"/> the task reports (an error in the
    /// gate and in HerokuStrict). <see cref="Throwing"/> lets exceptions through, for tests that must see them.
    /// </summary>
    internal sealed class CheckGuard
    {
        private readonly List<CheckFailure>? _failures;

        public CheckGuard(List<CheckFailure> failures)
        {
            _failures = failures;
        }

        private CheckGuard()
        {
        }

        /// <summary>No isolation: the first exception propagates (hostile-input tests and the fuzz runner count them).</summary>
        public static CheckGuard Throwing { get; } = new CheckGuard();

        /// <summary>Test seam: called with each check's name before it runs, so tests can make one check fail.</summary>
        internal Action<string>? BeforeCheck { get; set; }

        public IReadOnlyList<CheckFailure> Failures => _failures ?? (IReadOnlyList<CheckFailure>)Array.Empty<CheckFailure>();

        public void Run(string check, string file, Action action)
        {
            if (_failures == null)
            {
                action();
                return;
            }

            try
            {
                BeforeCheck?.Invoke(check);
                action();
            }
            catch (Exception ex) when (!(ex is OutOfMemoryException))
            {
                _failures.Add(new CheckFailure(check, file, ex));
            }
        }

        /// <summary>Runs <paramref name="load"/>; on failure records it and returns null, so the checks that need the result are skipped and reported as not run.</summary>
        public T? Load<T>(string check, string file, Func<T> load)
            where T : class
        {
            T? result = null;
            Run(check, file, () => result = load());
            return result;
        }
    }
}
