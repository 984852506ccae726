namespace CrmBlazor.Domain.Value;

/// <summary>
/// Sums per-row contributions over fixed chunks of rows, in parallel, adding the chunks' partial
/// sums in chunk order — so a fit gives the same bits whatever the number of threads.
/// </summary>
internal static class ChunkedSum
{
    public const int ChunkSize = 8192;

    /// <summary>Chunk c covers rows [c·ChunkSize, min(n, (c+1)·ChunkSize)); <paramref name="sumChunk"/> adds into its <paramref name="width"/> slots.</summary>
    public delegate void SumChunk(int start, int end, Span<double> sums);

    public static double[] Run(int rows, int width, int? maxDegreeOfParallelism, SumChunk sumChunk)
    {
        var chunks = (rows + ChunkSize - 1) / ChunkSize;
        var partial = new double[Math.Max(chunks, 1) * width];
        if (chunks <= 1 || maxDegreeOfParallelism == 1)
        {
            for (var c = 0; c < chunks; c++) sumChunk(c * ChunkSize, Math.Min(rows, (c + 1) * ChunkSize), partial.AsSpan(c * width, width));
        }
        else
        {
            var options = new ParallelOptions { MaxDegreeOfParallelism = maxDegreeOfParallelism ?? -1 };
            Parallel.For(0, chunks, options, c => sumChunk(c * ChunkSize, Math.Min(rows, (c + 1) * ChunkSize), partial.AsSpan(c * width, width)));
        }
        var total = new double[width];
        for (var c = 0; c < chunks; c++)
            for (var k = 0; k < width; k++) total[k] += partial[c * width + k];
        return total;
    }
}
