using Microsoft.Extensions.Configuration;

namespace Microsoft.Extensions.Hosting;

/// <summary>Applies <see cref="ThreadPoolOptions"/> to the process's thread pool.</summary>
public static class ThreadPoolFloor
{
    /// <summary>
    /// Raises the pool's minimum worker threads to <see cref="ThreadPoolOptions.MinWorkerThreads"/> from
    /// <paramref name="configuration"/>; returns the minimum in force afterwards. The pool is process-wide, so this runs
    /// once at start-up, before the host starts its services.
    /// </summary>
    public static int Apply(IConfiguration configuration)
    {
        var options = configuration.GetSection(ThreadPoolOptions.SectionName).Get<ThreadPoolOptions>() ?? new ThreadPoolOptions();
        System.ComponentModel.DataAnnotations.Validator.ValidateObject(options, new(options), validateAllProperties: true);
        ThreadPool.GetMinThreads(out var workers, out var completionPorts);
        if (options.MinWorkerThreads > workers && !ThreadPool.SetMinThreads(options.MinWorkerThreads, completionPorts))
        {
            throw new InvalidOperationException($"The thread pool refused {options.MinWorkerThreads} minimum worker threads ({ThreadPoolOptions.SectionName}:MinWorkerThreads).");
        }

        ThreadPool.GetMinThreads(out workers, out _);
        return workers;
    }
}
