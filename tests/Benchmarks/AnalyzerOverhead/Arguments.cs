using System;
using System.Globalization;

namespace Benchmarks.AnalyzerOverhead
{
    /// <summary>Minimal "--name value" / "--flag" parsing for the harness subcommands.</summary>
    internal sealed class Arguments
    {
        private readonly string[] _args;

        public Arguments(string[] args) => _args = args;

        public string? Value(string name)
        {
            for (int i = 0; i < _args.Length - 1; i++)
            {
                if (string.Equals(_args[i], name, StringComparison.Ordinal))
                {
                    return _args[i + 1];
                }
            }

            return null;
        }

        public int Int(string name, int fallback) =>
            Value(name) is string text ? int.Parse(text.Replace("_", string.Empty, StringComparison.Ordinal).Replace(",", string.Empty, StringComparison.Ordinal), CultureInfo.InvariantCulture) : fallback;

        public bool Flag(string name) => Array.IndexOf(_args, name) >= 0;
    }
}
