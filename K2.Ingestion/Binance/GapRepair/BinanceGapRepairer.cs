using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using K2.Contracts.Control;
using K2.Contracts.Model;
using K2.Ingestion.Binance.Configuration;
using K2.Ingestion.Binance.Diagnostics;
using K2.Ingestion.Binance.Parsing;
using K2.Kafka.Publishing;
using Microsoft.Extensions.Options;

namespace K2.Ingestion.Binance.GapRepair;

/// <summary>
/// Backfills a range of Binance trade ids through <c>GET /api/v3/historicalTrades</c>, page by page, and publishes
/// them as ordinary trades marked <c>backfilled</c>. Ids and message ids follow the live scheme, so a trade that also
/// arrived live deduplicates downstream and re-running a repair is harmless. Every call waits on the shared token
/// bucket; 429 and 418 answers are honoured by waiting their <c>Retry-After</c>.
/// </summary>
public sealed class BinanceGapRepairer(
    HttpClient http,
    BinanceSymbolResolver symbols,
    IMarketDataPublisher publisher,
    BinanceRestRateLimiter limiter,
    IOptions<BinanceFeedOptions> options,
    BinanceFeedMetrics metrics,
    TimeProvider time,
    ILogger<BinanceGapRepairer> logger)
{
    /// <summary>HTTP 418: Binance's automatic IP ban after ignoring 429s.</summary>
    private const HttpStatusCode IpBanned = (HttpStatusCode)418;

    /// <summary>How much of an error body a failure message quotes.</summary>
    private const int ProblemPreviewChars = 200;

    private readonly GapRepairOptions _options = (options ?? throw new ArgumentNullException(nameof(options))).Value.GapRepair;

    /// <summary>Answers a gap repair request from the silo's <c>k2.control.gaps</c> topic.</summary>
    public Task<GapRepairResult> RepairAsync(GapRepairRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (!string.Equals(request.Exchange, BinanceTradeMapper.Exchange, StringComparison.OrdinalIgnoreCase))
        {
            throw new ArgumentException($"Exchange {request.Exchange} is not Binance's.", nameof(request));
        }

        return RepairAsync(request.Symbol, request.FromSequence, request.ToSequence, cancellationToken);
    }

    /// <summary>Fetches and publishes trade ids <c>[fromId, toId]</c> of <paramref name="symbol"/>.</summary>
    public async Task<GapRepairResult> RepairAsync(string symbol, long fromId, long toId, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(fromId);
        ArgumentOutOfRangeException.ThrowIfLessThan(toId, fromId);
        if (!symbols.TryResolve(symbol?.ToUpperInvariant(), out var resolved))
        {
            throw new ArgumentException($"'{symbol}' is not a Binance symbol with a known quote asset.", nameof(symbol));
        }

        logger.RepairStarting(resolved.Symbol, fromId, toId);
        var page = new List<Trade>();
        var next = fromId;
        var published = 0;
        var requests = 0;
        while (next <= toId)
        {
            page.Clear();
            var limit = (int)Math.Min(_options.PageSize, toId - next + 1);
            var fetch = await FetchPageAsync(resolved, next, limit, page, cancellationToken);
            requests += fetch.Requests;
            if (fetch.Problem is { } problem)
            {
                return Finish(GapRepairOutcome.Failed, problem);
            }

            var first = next;
            var publishedFromPage = 0;
            foreach (var trade in page.Where(trade => trade.SourceSequence >= first && trade.SourceSequence <= toId))
            {
                await publisher.PublishTradeAsync(trade, cancellationToken);
                publishedFromPage++;
                next = trade.SourceSequence!.Value + 1;
            }

            published += publishedFromPage;
            metrics.TradesBackfilled(publishedFromPage);
            logger.PageFetched(resolved.Symbol, first, page.Count);
            if (next == first)
            {
                return Finish(GapRepairOutcome.Incomplete, $"Binance returned no trades from id {first} on");
            }
        }

        return Finish(GapRepairOutcome.Completed, null);

        GapRepairResult Finish(GapRepairOutcome outcome, string? problem)
        {
            if (problem is null)
            {
                logger.RepairFinished(resolved.Symbol, fromId, toId, outcome, published, requests);
            }
            else
            {
                logger.RepairFellShort(resolved.Symbol, fromId, toId, outcome, published, problem);
            }

            return new GapRepairResult(resolved.Symbol, fromId, toId, outcome, published, requests, problem);
        }
    }

    private async Task<PageFetch> FetchPageAsync(
        BinanceSymbol symbol, long fromId, int limit, List<Trade> page, CancellationToken cancellationToken)
    {
        var uri = string.Create(
            CultureInfo.InvariantCulture,
            $"/api/v3/historicalTrades?symbol={symbol.Symbol}&fromId={fromId}&limit={limit}");
        var problem = string.Empty;
        for (var attempt = 1; attempt <= _options.MaxAttemptsPerPage; attempt++)
        {
            using (var lease = await limiter.AcquireAsync(cancellationToken))
            {
                if (!lease.IsAcquired)
                {
                    return new PageFetch(attempt - 1, "the REST rate limiter refused the request");
                }
            }

            TimeSpan wait;
            try
            {
                using var response = await http.GetAsync(uri, cancellationToken);
                metrics.RestRequest((int)response.StatusCode);
                if (response.IsSuccessStatusCode)
                {
                    var body = await response.Content.ReadAsByteArrayAsync(cancellationToken);
                    var error = BinanceHistoricalTradesReader.Read(body, symbol, time.GetUtcNow(), page);
                    return new PageFetch(attempt, error is null ? null : $"historicalTrades answer unusable: {error}");
                }

                if (response.StatusCode is HttpStatusCode.TooManyRequests or IpBanned)
                {
                    wait = RetryAfter(response.Headers.RetryAfter) ?? _options.DefaultRetryAfter;
                    problem = $"HTTP {(int)response.StatusCode} with Retry-After {wait}";
                    if (wait > _options.MaxRetryAfter)
                    {
                        return new PageFetch(attempt, $"{problem}, longer than the {_options.MaxRetryAfter} a repair waits");
                    }

                    logger.Throttled((int)response.StatusCode, wait);
                }
                else if ((int)response.StatusCode >= (int)HttpStatusCode.InternalServerError)
                {
                    wait = _options.DefaultRetryAfter;
                    problem = $"HTTP {(int)response.StatusCode}";
                    logger.AttemptFailed(problem, wait);
                }
                else
                {
                    var text = await response.Content.ReadAsStringAsync(cancellationToken);
                    return new PageFetch(attempt, $"HTTP {(int)response.StatusCode}: {text[..Math.Min(text.Length, ProblemPreviewChars)]}");
                }
            }
            catch (Exception ex) when ((ex is HttpRequestException or TaskCanceledException) && !cancellationToken.IsCancellationRequested)
            {
                // A network failure, or HttpClient's own timeout (which surfaces as a cancellation).
                wait = _options.DefaultRetryAfter;
                problem = ex.Message;
                logger.AttemptFailed(problem, wait);
            }

            if (attempt < _options.MaxAttemptsPerPage)
            {
                await Task.Delay(wait, time, cancellationToken);
            }
        }

        return new PageFetch(_options.MaxAttemptsPerPage, $"gave up after {_options.MaxAttemptsPerPage} attempts; last: {problem}");
    }

    private TimeSpan? RetryAfter(RetryConditionHeaderValue? header) => header switch
    {
        { Delta: { } delta } => delta,
        { Date: { } date } => date - time.GetUtcNow() is var left && left > TimeSpan.Zero ? left : TimeSpan.Zero,
        _ => null,
    };
}
