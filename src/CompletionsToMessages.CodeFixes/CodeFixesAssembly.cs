// Code fixes for the CTM rules are built here (see issue "Code fixes that migrate Text Completions calls").
// The project exists from the start so the package layout (analyzers + code fixes in analyzers/dotnet/cs) is
// fixed and tested before the first fixer lands.
namespace CompletionsToMessages.CodeFixes
{
    internal static class CodeFixesAssembly
    {
        public const string Name = "CompletionsToMessages.CodeFixes";
    }
}
