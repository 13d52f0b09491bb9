using System;
using System.IO;
using System.Text;

namespace Benchmarks.AnalyzerOverhead
{
    /// <summary>
    /// Writes a large, realistic, compilable C# code base (BCL only): domain records, services with LINQ, async
    /// HTTP calls, JSON reading, string-heavy formatting, parsing and switch logic, caches — with Text Completions
    /// call sites of every shape the analyzers claim (CTM001–CTM012) scattered through it (one file in
    /// <c>legacyEvery</c>, the shapes in turn). Deterministic: the same arguments write the same files.
    /// </summary>
    internal static class SyntheticCodeBase
    {
        private const int LegacyShapes = 11;

        /// <summary><c>generate --out &lt;folder&gt; [--lines n] [--legacy-every n]</c></summary>
        public static int Run(string[] args)
        {
            var command = new Arguments(args);
            string? folder = command.Value("--out");
            if (folder is null)
            {
                Console.Error.WriteLine(Program.Usage);
                return 2;
            }

            (int files, long lines, int legacy) = Generate(folder, command.Int("--lines", 300_000), command.Int("--legacy-every", 3));
            Console.WriteLine($"wrote {files} files, {lines:N0} lines, {legacy} legacy classes to {folder}");
            return 0;
        }

        public static (int Files, long Lines, int LegacyClasses) Generate(string folder, long targetLines, int legacyEvery)
        {
            if (Directory.Exists(folder))
            {
                foreach (string old in Directory.GetFiles(folder, "*.cs"))
                {
                    File.Delete(old);
                }
            }

            Directory.CreateDirectory(folder);
            File.WriteAllText(Path.Combine(folder, "LegacyClientStubs.cs"), LegacyClientStubs);
            long lines = CountLines(LegacyClientStubs);
            int files = 0;
            int legacy = 0;
            while (lines < targetLines)
            {
                var builder = new StringBuilder();
                string ns = "Synthetic.Module" + (files / 50);
                builder.Append("using System;\nusing System.Collections.Concurrent;\nusing System.Collections.Generic;\nusing System.Globalization;\nusing System.Linq;\nusing System.Text.RegularExpressions;\nusing System.Net.Http;\nusing System.Text;\nusing System.Text.Json;\nusing System.Text.Json.Nodes;\nusing System.Threading;\nusing System.Threading.Tasks;\n\n");
                builder.Append("namespace ").Append(ns).Append("\n{\n");
                switch (files % 3)
                {
                    case 0:
                        AppendDomain(builder, files);
                        break;
                    case 1:
                        AppendTextPipeline(builder, files);
                        break;
                    default:
                        AppendReporting(builder, files);
                        break;
                }

                if (files % legacyEvery == 0)
                {
                    AppendLegacy(builder, files, legacy % LegacyShapes);
                    legacy++;
                }

                builder.Append("}\n");
                string text = builder.ToString();
                File.WriteAllText(Path.Combine(folder, $"File{files:00000}.cs"), text);
                lines += CountLines(text);
                files++;
            }

            return (files, lines, legacy);
        }

        private static long CountLines(string text)
        {
            long count = 0;
            foreach (char c in text)
            {
                if (c == '\n')
                {
                    count++;
                }
            }

            return count;
        }

        private static void AppendDomain(StringBuilder b, int i)
        {
            b.Append($@"    public sealed record Order{i}(int Id, string Customer, decimal Amount, DateTime PlacedAt, IReadOnlyList<string> Tags);

    public enum Status{i} {{ Pending, Shipped, Delivered, Cancelled }}

    public interface IRepository{i}
    {{
        Task<IReadOnlyList<Order{i}>> LoadAsync(CancellationToken cancellationToken);
    }}

    public sealed class OrderService{i}
    {{
        private readonly IRepository{i} _repository;
        private readonly HttpClient _http;
        private readonly Dictionary<string, decimal> _discounts = new Dictionary<string, decimal> {{ [""gold""] = 0.1m, [""silver""] = 0.05m }};

        public OrderService{i}(IRepository{i} repository, HttpClient http)
        {{
            _repository = repository;
            _http = http;
        }}

        public async Task<string> SummaryAsync(string customer, CancellationToken cancellationToken)
        {{
            IReadOnlyList<Order{i}> orders = await _repository.LoadAsync(cancellationToken).ConfigureAwait(false);
            var recent = orders
                .Where(o => o.Customer == customer && o.PlacedAt > DateTime.UtcNow.AddDays(-30))
                .OrderByDescending(o => o.PlacedAt)
                .Select(o => new {{ o.Id, o.Amount, Label = $""#{{o.Id}} ({{o.Tags.Count}} tags)"" }})
                .ToList();
            decimal total = recent.Sum(o => o.Amount);
            var lines = new StringBuilder();
            lines.Append(""Customer: "").Append(customer).AppendLine();
            foreach (var order in recent)
            {{
                lines.AppendLine(string.Format(""{{0,-20}} {{1,10:C}}"", order.Label, order.Amount));
            }}

            lines.Append(""Total: "" + total.ToString(""C"") + "" over "" + recent.Count + "" orders"");
            return lines.ToString();
        }}

        public decimal Discount(string tier, decimal amount) => _discounts.TryGetValue(tier, out decimal rate) ? amount * rate : 0m;

        public static string Describe(Status{i} status) => status switch
        {{
            Status{i}.Pending => ""waiting for payment"",
            Status{i}.Shipped => ""on its way"",
            Status{i}.Delivered => ""delivered"",
            _ => ""cancelled"",
        }};

        public async Task<int> FetchStockAsync(string sku, CancellationToken cancellationToken)
        {{
            using HttpResponseMessage response = await _http.GetAsync($""https://inventory.example.com/v2/items/{{Uri.EscapeDataString(sku)}}"", cancellationToken).ConfigureAwait(false);
            response.EnsureSuccessStatusCode();
            using JsonDocument document = JsonDocument.Parse(await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false));
            JsonElement root = document.RootElement;
            if (root.TryGetProperty(""status"", out JsonElement status) && status.GetString() == ""discontinued"")
            {{
                return 0;
            }}

            return root.GetProperty(""quantity"").GetInt32() + root.GetProperty(""reserved"").GetInt32() * -1;
        }}

        public IEnumerable<IGrouping<string, Order{i}>> ByTag(IEnumerable<Order{i}> orders) =>
            from order in orders
            from tag in order.Tags
            group order by tag into byTag
            where byTag.Count() > 1
            select byTag;

        public string Csv(IEnumerable<Order{i}> orders)
        {{
            var header = string.Join("","", new[] {{ ""id"", ""customer"", ""amount"", ""placed"" }});
            return header + Environment.NewLine + string.Join(Environment.NewLine, orders.Select(o => $""{{o.Id}},{{o.Customer.Replace("","", "";"")}},{{o.Amount}},{{o.PlacedAt:O}}""));
        }}

        public JsonObject ToJson(Order{i} order) => new JsonObject
        {{
            [""id""] = order.Id,
            [""customer""] = order.Customer,
            [""amount""] = order.Amount,
            [""tags""] = new JsonArray(order.Tags.Select(t => (JsonNode?)JsonValue.Create(t)).ToArray()),
        }};

        public bool Validate(Order{i} order, out string error)
        {{
            if (string.IsNullOrWhiteSpace(order.Customer))
            {{
                error = ""customer is required"";
                return false;
            }}

            if (order.Amount <= 0 || order.Amount > 1_000_000m)
            {{
                error = $""amount {{order.Amount}} is out of range"";
                return false;
            }}

            error = string.Empty;
            return true;
        }}
    }}

");
        }

        private static void AppendLegacy(StringBuilder b, int i, int shape)
        {
            b.Append($"    public sealed class Assistant{i}\n    {{\n        private readonly HttpClient _http = new HttpClient {{ BaseAddress = new Uri(\"https://api.anthropic.com\") }};\n\n");
            switch (shape)
            {
                case 0:
                    b.Append($@"        public async Task<string> AskAsync(string question)
        {{
            var body = new {{ model = ""claude-2"", prompt = $""\n\nHuman: {{question}}\n\nAssistant:"", max_tokens_to_sample = 300, stop_sequences = new[] {{ ""\n\nHuman:"" }} }};
            using var request = new HttpRequestMessage(HttpMethod.Post, ""https://api.anthropic.com/v1/complete"") {{ Content = new StringContent(JsonSerializer.Serialize(body), Encoding.UTF8, ""application/json"") }};
            request.Headers.Add(""anthropic-version"", ""2023-01-01"");
            using HttpResponseMessage response = await _http.SendAsync(request);
            using JsonDocument document = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
            return document.RootElement.GetProperty(""completion"").GetString() ?? """";
        }}
");
                    break;
                case 1:
                    b.Append($@"        public Dictionary<string, object> Body(string question) => new Dictionary<string, object>
        {{
            [""model""] = ""claude-instant-1.2"",
            [""prompt""] = ""You are terse.\n\nHuman: "" + question + ""\n\nAssistant:"",
            [""max_tokens_to_sample""] = 200,
            [""temperature""] = 0.3,
        }};
");
                    break;
                case 2:
                    b.Append($@"        public JsonObject Body(string question) => new JsonObject
        {{
            [""model""] = ""claude-2.1"",
            [""prompt""] = string.Format(""\n\nHuman: {{0}}\n\nAssistant: {{{{"", question),
            [""max_tokens_to_sample""] = 500,
        }};
");
                    break;
                case 3:
                    b.Append($@"        public string Json(string question) => $""{{{{\""model\"": \""claude-2\"", \""prompt\"": \""\\n\\nHuman: {{question}}\\n\\nAssistant:\"", \""max_tokens_to_sample\"": 256}}}}"";
");
                    break;
                case 4:
                    b.Append($@"        public sealed class Request
        {{
            [System.Text.Json.Serialization.JsonPropertyName(""model"")] public string Model {{ get; set; }} = ""claude-2"";
            [System.Text.Json.Serialization.JsonPropertyName(""prompt"")] public string Prompt {{ get; set; }} = """";
            [System.Text.Json.Serialization.JsonPropertyName(""max_tokens_to_sample"")] public int MaxTokensToSample {{ get; set; }} = 300;
        }}

        public sealed class Response
        {{
            [System.Text.Json.Serialization.JsonPropertyName(""completion"")] public string Completion {{ get; set; }} = """";
            [System.Text.Json.Serialization.JsonPropertyName(""stop_reason"")] public string StopReason {{ get; set; }} = """";
        }}

        public bool Finished(Response response) => response.StopReason == ""stop_sequence"";
");
                    break;
                case 5:
                    b.Append($@"        public async IAsyncEnumerable<string> StreamAsync(System.IO.TextReader reader)
        {{
            string? line;
            string previous = """";
            while ((line = await reader.ReadLineAsync()) != null)
            {{
                if (line == ""data: [DONE]"") yield break;
                if (!line.StartsWith(""data: "", StringComparison.Ordinal)) continue;
                string text = JsonNode.Parse(line.Substring(6))![""completion""]!.GetValue<string>();
                yield return text.Substring(previous.Length);
                previous = text;
            }}
        }}
");
                    break;
                case 6:
                    b.Append($@"        public string Bedrock(string question) => JsonSerializer.Serialize(new {{ prompt = ""\n\nHuman: "" + question + ""\n\nAssistant:"", max_tokens_to_sample = 300, top_k = 250 }});

        public string ModelId => ""anthropic.claude-v2"";
");
                    break;
                case 7:
                    b.Append($@"        private const string HUMAN_PROMPT = ""\n\nHuman:"";
        private const string AI_PROMPT = ""\n\nAssistant:"";

        public string Prompt(string question)
        {{
            var builder = new StringBuilder();
            builder.Append(HUMAN_PROMPT).Append(' ').Append(question);
            builder.Append(AI_PROMPT);
            return builder.ToString();
        }}
");
                    break;
                case 8:
                    b.Append($@"        public Task<HttpResponseMessage> PostAsync(string json) => _http.PostAsync(""v1/complete"", new StringContent(json, Encoding.UTF8, ""application/json""));

        public string Model => ""claude-3-opus-20240229"";
");
                    break;
                case 9:
                    b.Append($@"        public async Task<string> LibraryAsync(Anthropic.SDK.AnthropicClient client, string question)
        {{
            var parameters = new Anthropic.SDK.Completions.SamplingParameters {{ Model = ""claude-instant-1.2"", Prompt = question, MaxTokensToSample = 256 }};
            return await client.Completions.GetClaudeCompletionAsync(parameters);
        }}
");
                    break;
                default:
                    b.Append($@"        public object Messages(string question) => new {{ model = ""claude-opus-4-8"", max_tokens = 512, messages = new[] {{ new {{ role = ""user"", content = question }} }}, temperature = 0.2 }};
");
                    break;
            }

            b.Append("    }\n\n");
        }

        private static void AppendTextPipeline(StringBuilder b, int i)
        {
            b.Append($@"    public static class TextPipeline{i}
    {{
        private static readonly Regex Words = new Regex(@""\b[\p{{L}}']+\b"", RegexOptions.Compiled | RegexOptions.CultureInvariant);
        private static readonly ConcurrentDictionary<string, int> Cache = new ConcurrentDictionary<string, int>(StringComparer.OrdinalIgnoreCase);

        public static IReadOnlyDictionary<string, int> Frequencies(string text, int minimumLength = 3)
        {{
            return Words.Matches(text)
                .Select(m => m.Value.ToLowerInvariant())
                .Where(w => w.Length >= minimumLength && !StopWords.Contains(w))
                .GroupBy(w => w)
                .OrderByDescending(g => g.Count())
                .ThenBy(g => g.Key, StringComparer.Ordinal)
                .Take(50)
                .ToDictionary(g => g.Key, g => g.Count());
        }}

        private static readonly HashSet<string> StopWords = new HashSet<string>(StringComparer.Ordinal) {{ ""the"", ""and"", ""for"", ""with"", ""that"", ""this"", ""from"" }};

        public static string Slug(string title)
        {{
            var builder = new StringBuilder(title.Length);
            bool dash = false;
            foreach (char c in title.Normalize(NormalizationForm.FormKD))
            {{
                if (char.IsLetterOrDigit(c))
                {{
                    builder.Append(char.ToLowerInvariant(c));
                    dash = false;
                }}
                else if (!dash && builder.Length > 0)
                {{
                    builder.Append('-');
                    dash = true;
                }}
            }}

            return builder.ToString().TrimEnd('-');
        }}

        public static int Score(string word) => Cache.GetOrAdd(word, w => w.Sum(c => char.IsUpper(c) ? 3 : char.IsDigit(c) ? 2 : 1));

        public static (string Key, string Value)[] ParseHeaders(string block)
        {{
            return block.Split('\n')
                .Select(line => line.Trim())
                .Where(line => line.Length > 0 && !line.StartsWith(""#"", StringComparison.Ordinal))
                .Select(line =>
                {{
                    int colon = line.IndexOf(':');
                    return colon < 0 ? (line, string.Empty) : (line.Substring(0, colon).Trim(), line.Substring(colon + 1).Trim());
                }})
                .ToArray();
        }}

        public static string Classify(string extension) => extension.ToLowerInvariant() switch
        {{
            "".cs"" or "".vb"" or "".fs"" => ""source"",
            "".json"" or "".xml"" or "".yaml"" => ""data"",
            "".png"" or "".jpg"" or "".gif"" => ""image"",
            "".md"" or "".txt"" => ""text"",
            _ => ""other"",
        }};

        public static bool TryParseMoney(string text, out decimal amount)
        {{
            string trimmed = text.Trim().TrimStart('$', '€', '£').Replace("","", string.Empty);
            return decimal.TryParse(trimmed, NumberStyles.Number, CultureInfo.InvariantCulture, out amount);
        }}

        public static async Task<List<string>> ReadLinesAsync(System.IO.TextReader reader, Func<string, bool> keep, CancellationToken cancellationToken)
        {{
            var lines = new List<string>();
            string? line;
            while ((line = await reader.ReadLineAsync(cancellationToken).ConfigureAwait(false)) != null)
            {{
                if (keep(line))
                {{
                    lines.Add(line.Length > 120 ? line.Substring(0, 117) + ""..."" : line);
                }}
            }}

            return lines;
        }}

        public static string Wrap(string text, int width)
        {{
            var result = new StringBuilder();
            int column = 0;
            foreach (string word in text.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            {{
                if (column + word.Length > width && column > 0)
                {{
                    result.AppendLine();
                    column = 0;
                }}
                else if (column > 0)
                {{
                    result.Append(' ');
                    column++;
                }}

                result.Append(word);
                column += word.Length;
            }}

            return result.ToString();
        }}

        public static string Mask(string email)
        {{
            int at = email.IndexOf('@', StringComparison.Ordinal);
            if (at <= 1)
            {{
                return email;
            }}

            return email[0] + new string('*', at - 1) + email.Substring(at);
        }}
    }}

");
        }

        private static void AppendReporting(StringBuilder b, int i)
        {
            b.Append($@"    public readonly struct Measurement{i} : IEquatable<Measurement{i}>
    {{
        public Measurement{i}(string sensor, double value, DateTimeOffset at)
        {{
            Sensor = sensor;
            Value = value;
            At = at;
        }}

        public string Sensor {{ get; }}

        public double Value {{ get; }}

        public DateTimeOffset At {{ get; }}

        public bool Equals(Measurement{i} other) => Sensor == other.Sensor && Value.Equals(other.Value) && At == other.At;

        public override bool Equals(object? obj) => obj is Measurement{i} other && Equals(other);

        public override int GetHashCode() => HashCode.Combine(Sensor, Value, At);

        public override string ToString() => $""{{Sensor}}={{Value.ToString(""F2"", CultureInfo.InvariantCulture)}} @ {{At:u}}"";
    }}

    public sealed class ReportBuilder{i}
    {{
        private readonly List<Measurement{i}> _items = new List<Measurement{i}>();
        private readonly SemaphoreSlim _gate = new SemaphoreSlim(1, 1);

        public int Count => _items.Count;

        public async Task AddAsync(IAsyncEnumerable<Measurement{i}> source, CancellationToken cancellationToken)
        {{
            await foreach (Measurement{i} item in source.WithCancellation(cancellationToken).ConfigureAwait(false))
            {{
                await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
                try
                {{
                    _items.Add(item);
                }}
                finally
                {{
                    _gate.Release();
                }}
            }}
        }}

        public IEnumerable<(string Sensor, double Min, double Max, double Mean)> Summary() =>
            _items.GroupBy(m => m.Sensor, StringComparer.Ordinal)
                .Select(g => (g.Key, g.Min(m => m.Value), g.Max(m => m.Value), g.Average(m => m.Value)))
                .OrderBy(s => s.Key, StringComparer.Ordinal);

        public string Markdown(string title)
        {{
            var builder = new StringBuilder();
            builder.Append(""# "").AppendLine(title).AppendLine();
            builder.AppendLine(""| sensor | min | max | mean |"");
            builder.AppendLine(""|---|---|---|---|"");
            foreach ((string sensor, double min, double max, double mean) in Summary())
            {{
                builder.AppendFormat(CultureInfo.InvariantCulture, ""| {{0}} | {{1:F1}} | {{2:F1}} | {{3:F2}} |"", sensor, min, max, mean).AppendLine();
            }}

            builder.AppendLine().Append(""_generated "").Append(DateTime.UtcNow.ToString(""yyyy-MM-dd"", CultureInfo.InvariantCulture)).AppendLine(""_"");
            return builder.ToString();
        }}

        public Dictionary<int, List<Measurement{i}>> ByHour() =>
            (from m in _items
             let hour = m.At.UtcDateTime.Hour
             orderby hour, m.Sensor
             group m by hour).ToDictionary(g => g.Key, g => g.ToList());

        public string Severity(double value)
        {{
            if (double.IsNaN(value))
            {{
                return ""unknown"";
            }}

            return value switch
            {{
                < 0 => ""below range"",
                < 10 => ""low"",
                < 50 => ""normal"",
                < 90 => ""high"",
                _ => ""critical"",
            }};
        }}

        public async Task<string> ExportAsync(System.IO.Stream stream, CancellationToken cancellationToken)
        {{
            var payload = new
            {{
                generated = DateTimeOffset.UtcNow,
                count = _items.Count,
                sensors = _items.Select(m => m.Sensor).Distinct().ToArray(),
                values = _items.Select(m => new {{ sensor = m.Sensor, value = m.Value, at = m.At }}).ToList(),
            }};
            await JsonSerializer.SerializeAsync(stream, payload, cancellationToken: cancellationToken).ConfigureAwait(false);
            return $""exported {{payload.count}} measurements of {{payload.sensors.Length}} sensors"";
        }}
    }}

");
        }

        /// <summary>
        /// Stand-ins for the community Anthropic.SDK 2.x types (namespace Anthropic.SDK) so the CTM010 sites compile
        /// with the BCL only, as they would against the real package.
        /// </summary>
        private const string LegacyClientStubs = @"using System.Threading.Tasks;

namespace Anthropic.SDK
{
    public sealed class AnthropicClient
    {
        public Completions.CompletionsEndpoint Completions { get; } = new Completions.CompletionsEndpoint();
    }
}

namespace Anthropic.SDK.Completions
{
    public sealed class SamplingParameters
    {
        public string Model { get; set; } = string.Empty;

        public string Prompt { get; set; } = string.Empty;

        public int MaxTokensToSample { get; set; }
    }

    public sealed class CompletionsEndpoint
    {
        public Task<string> GetClaudeCompletionAsync(SamplingParameters parameters) => Task.FromResult(parameters.Prompt);
    }
}
";
    }
}
