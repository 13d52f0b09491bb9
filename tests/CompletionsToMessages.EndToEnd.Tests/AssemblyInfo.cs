using Xunit;

// The tests build projects that share obj/ and bin/ folders (the analyzer projects); running them one at a
// time avoids concurrent restores and builds of the same project. The machine has two cores anyway.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
