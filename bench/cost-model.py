#!/usr/bin/env python3
"""K2's cost model (docs/cost-model.md): what running K2 costs on Azure at a given sustained trade rate.

Every figure is derived from the measured inputs below (docs/benchmarks.md) and the list prices below; the script
prints the derivation as a Markdown table and checks its own arithmetic (per-trade cost x trades = monthly total,
component sums, capacity bounds), so the document cannot drift from the numbers it claims.

    python3 bench/cost-model.py                 # the table in docs/cost-model.md
    python3 bench/cost-model.py --rates 50000   # any other rate(s), trades/s
"""
import argparse
import math

# --- Measured on the 2-core development machine (docs/benchmarks.md); replace with your own run's figures. ---
MEASURED = {
    # End-to-end ingest (Kafka backlog -> grains -> committed Iceberg), trades/s on 2 cores that also ran the broker.
    "ingest_trades_per_s": 75_968,
    "ingest_cores": 2,
    # Feed side: idempotent acks=all produce of Avro trades, trades/s on the same 2 cores (broker included).
    "produce_trades_per_s": 142_473,
    "produce_cores": 2,
    # Iceberg data files: Parquet bytes per trade (zstd, K2's default level), from the same run's table.
    "parquet_bytes_per_trade": 21.7,
    # 1-minute bar sidecars next to the data files (docs/lakehouse.md): 50.2 MiB for the 20M-trade query table's
    # 474.4 MiB of data files, an upper bound (its files span ~50 minutes each; a 5 s flush file holds fewer bars).
    "bar_sidecar_bytes_per_trade": 2.6,
    # Kafka record value: Avro single-object trade message (TradeAvroCodec) of a Binance trade, 2-entry vendor_data.
    "kafka_value_bytes_per_trade": 166,
    # Silo memory (bench/K2.MemoryBench, session 12): a busy symbol grain holds 86.3 B per hot trade (its window's
    # slots) plus its full message-id ring and lookup table (98 KB) and ~40 KB besides; the rest of a silo process
    # (runtime, consumer, flush buffers) was ~435 MiB of the 507 MiB peak with 2,000 symbols of 300 trades each.
    "hot_trade_bytes": 86.3,
    "symbol_fixed_bytes": 138_000,
    "silo_base_rss_mib": 435,
    # PostgreSQL: grain-state writes through K2's k2_orleans_write_grain_state, pgbench with 8 clients on the 2 cores
    # (the client included): 5,030 writes/s of 1 KB, 1,052 of 64 KB (a busy symbol's state once its ring is full).
    # Steady state is the 64 KB case, so per vCore: 1,052 / 2.
    "pg_state_writes_per_s": 1_052,
    "pg_cores": 2,
}

# --- Prices: pay-as-you-go list prices, USD, West Europe, as published on azure.microsoft.com/pricing (check the
# calculator on the day; this machine cannot reach it). One month = 730 hours. ---
PRICES = {
    "aca_vcpu_second": 0.000024,  # Container Apps consumption plan, active vCPU-second
    "aca_gib_second": 0.000003,  # Container Apps consumption plan, GiB-second
    "aca_gib_per_vcpu": 2,  # consumption profile allocation ratio (0.5 vCPU : 1 GiB)
    "aca_max_vcpu_per_replica": 4,
    "pg_gp_vcore_hour": 0.089,  # PostgreSQL flexible server, General Purpose Dsv5, per vCore-hour
    "pg_storage_gib_month": 0.115,
    "blob_hot_gib_month": 0.0184,  # Blob storage hot LRS, first 50 TB
    "blob_write_per_10k": 0.065,  # hot tier write operations
    "eh_standard_tu_hour": 0.03,  # Event Hubs Standard throughput unit (1 MB/s or 1,000 events/s ingress)
    "eh_standard_per_million_events": 0.028,
    "eh_standard_max_tu": 40,
    "eh_premium_pu_hour": 1.233,  # Event Hubs Premium processing unit (no per-event charge)
    "eh_premium_mb_s_per_pu": 5,  # Microsoft's sizing guidance: roughly 5-10 MB/s ingress per PU; the low end
    "eh_premium_max_pu": 16,
    "eh_dedicated_cu_hour": 6.849,  # Event Hubs Dedicated capacity unit
    "eh_dedicated_mb_s_per_cu": 100,  # assumption: ~100 MB/s ingress per CU with fan-out to one consumer group
}

HOURS_PER_MONTH = 730
SECONDS_PER_MONTH = HOURS_PER_MONTH * 3600
MIB = 1024 * 1024

# --- Design assumptions (K2's defaults, docs/architecture.md). ---
DESIGN = {
    "target_cpu_utilisation": 0.6,  # headroom for replay after a silo loss, compaction, bursts
    "min_silos": 2,
    "api_vcpus": 2,  # two 1-vCPU API replicas: query load is sized separately from ingest
    "flush_age_s": 5,  # K2:Flush:MaxAge: one data file per silo per table per flush
    "flush_max_trades": 200_000,  # K2:Flush:MaxTrades: a silo taking more than 40,000 trades/s flushes more often
    "metadata_files_per_commit": 3,  # manifest, manifest list, metadata JSON
    "retention_days": 30,  # Iceberg history kept in hot blob storage for the storage line
    "kafka_retention_days": 7,
    "pg_vcores_floor": 2,
    "pg_storage_gib": 128,
    # K2:HotWindow: a symbol keeps at most MaxTrades trades, none older than MaxAge, and at most its even share of
    # the silo's MaxSiloTrades.
    "hot_window_max_trades": 10_000,
    "hot_window_max_age_s": 900,
    "hot_window_max_silo_trades": 2_000_000,
}

# Active symbols at each rate (an assumption: flow concentrates on the liquid instruments; ~50,000 is every listed
# equity and crypto pair of the large venues together). Drives grain memory and PostgreSQL checkpoint writes.
ACTIVE_SYMBOLS = {10_000: 1_000, 1_000_000: 10_000, 10_000_000: 50_000}


def cost(rate):
    m, p, d = MEASURED, PRICES, DESIGN
    rows = []

    per_core_ingest = m["ingest_trades_per_s"] / m["ingest_cores"]
    silo_vcpu = max(d["min_silos"], math.ceil(rate / (per_core_ingest * d["target_cpu_utilisation"])))
    per_core_produce = m["produce_trades_per_s"] / m["produce_cores"]
    feed_vcpu = max(1, math.ceil(rate / (per_core_produce * d["target_cpu_utilisation"])))
    vcpu_month = (p["aca_vcpu_second"] + p["aca_gib_per_vcpu"] * p["aca_gib_second"]) * SECONDS_PER_MONTH
    rows.append(("silos (Container Apps)", f"{rate:,} / ({per_core_ingest:,.0f} trades/s/core x {d['target_cpu_utilisation']}) -> {silo_vcpu:,} vCPU x ${vcpu_month:,.2f}", silo_vcpu * vcpu_month))
    rows.append(("feed handlers (Container Apps)", f"{rate:,} / ({per_core_produce:,.0f} x {d['target_cpu_utilisation']}) -> {feed_vcpu:,} vCPU x ${vcpu_month:,.2f}", feed_vcpu * vcpu_month))
    rows.append(("API (Container Apps)", f"{d['api_vcpus']} vCPU x ${vcpu_month:,.2f}", d["api_vcpus"] * vcpu_month))

    ingress_mb_s = rate * m["kafka_value_bytes_per_trade"] / 1e6
    standard_tu = max(math.ceil(ingress_mb_s), math.ceil(rate / 1000))
    if standard_tu <= p["eh_standard_max_tu"]:
        events = rate * SECONDS_PER_MONTH / 1e6
        kafka = standard_tu * p["eh_standard_tu_hour"] * HOURS_PER_MONTH + events * p["eh_standard_per_million_events"]
        how = f"Standard: {standard_tu} TU (max of {ingress_mb_s:,.1f} MB/s and {rate:,}/1,000 events/s) x ${p['eh_standard_tu_hour']} x 730 h + {events:,.0f} M events x ${p['eh_standard_per_million_events']}"
    elif ingress_mb_s <= p["eh_premium_mb_s_per_pu"] * p["eh_premium_max_pu"]:
        pu = max(1, math.ceil(ingress_mb_s / p["eh_premium_mb_s_per_pu"]))
        pu = 1 << (pu - 1).bit_length()  # sold in 1, 2, 4, 8, 16
        kafka = pu * p["eh_premium_pu_hour"] * HOURS_PER_MONTH
        how = f"Premium: {ingress_mb_s:,.1f} MB/s / {p['eh_premium_mb_s_per_pu']} MB/s per PU -> {pu} PU x ${p['eh_premium_pu_hour']} x 730 h"
    else:
        cu = math.ceil(ingress_mb_s / p["eh_dedicated_mb_s_per_cu"])
        kafka = cu * p["eh_dedicated_cu_hour"] * HOURS_PER_MONTH
        how = f"Dedicated: {ingress_mb_s:,.0f} MB/s / {p['eh_dedicated_mb_s_per_cu']} MB/s per CU -> {cu} CU x ${p['eh_dedicated_cu_hour']} x 730 h"
    rows.append(("Kafka (Event Hubs)", how, kafka))

    gib_per_day = rate * 86_400 * (m["parquet_bytes_per_trade"] + m["bar_sidecar_bytes_per_trade"]) / (1024 ** 3)
    stored_gib = gib_per_day * d["retention_days"]
    silos = math.ceil(silo_vcpu / p["aca_max_vcpu_per_replica"])
    # Per flush and silo: each table's data file and metadata files, plus the trades file's bar sidecar.
    files_per_flush = 2 * (1 + d["metadata_files_per_commit"]) + 1
    # A flush is due at the age or at MaxTrades buffered, whichever comes first for one silo's share of the rate.
    flush_s = min(d["flush_age_s"], d["flush_max_trades"] / (rate / silos))
    files_per_month = silos * files_per_flush * SECONDS_PER_MONTH / flush_s
    blob = stored_gib * p["blob_hot_gib_month"] + files_per_month / 10_000 * p["blob_write_per_10k"]
    rows.append(("Iceberg warehouse (Blob hot LRS)", f"{gib_per_day:,.1f} GiB/day x {d['retention_days']} days = {stored_gib:,.0f} GiB x ${p['blob_hot_gib_month']} + {files_per_month / 1e6:,.2f} M writes ({silos} silo replicas x (2 tables x {1 + d['metadata_files_per_commit']} files + 1 bar sidecar) per {flush_s:,.2f} s)", blob))

    # One checkpoint write per active symbol per flush and one catalog commit per silo per table per flush:
    # PostgreSQL grows with the symbol count and the flush age, not with the trade rate.
    symbols = ACTIVE_SYMBOLS.get(rate, max(1_000, rate // 200))
    writes = symbols / flush_s + silos * 2 / flush_s
    pg_writes_per_vcore = m["pg_state_writes_per_s"] / m["pg_cores"]
    pg_vcores = max(d["pg_vcores_floor"], 2 * math.ceil(writes / pg_writes_per_vcore / d["target_cpu_utilisation"] / 2))
    pg = pg_vcores * p["pg_gp_vcore_hour"] * HOURS_PER_MONTH + d["pg_storage_gib"] * p["pg_storage_gib_month"]
    rows.append(("PostgreSQL (flexible server, GP)", f"{symbols:,} symbols / {flush_s:,.2f} s + {silos * 2} commits / {flush_s:,.2f} s = {writes:,.0f} writes/s / ({pg_writes_per_vcore:,.0f} per vCore x {d['target_cpu_utilisation']}) -> {pg_vcores} vCores x ${p['pg_gp_vcore_hour']} x 730 h + {d['pg_storage_gib']} GiB x ${p['pg_storage_gib_month']}", pg))

    # Memory check: the silos' allocation (2 GiB per vCPU) must hold every replica's base and the symbols' state at
    # its steady state (each symbol's share of the rate, evenly: a full hot window by age, count or the silo's bound
    # shared among its symbols; a full ring).
    hot_trades = min(d["hot_window_max_trades"], rate / symbols * d["hot_window_max_age_s"], d["hot_window_max_silo_trades"] / (symbols / silos))
    symbol_bytes = hot_trades * m["hot_trade_bytes"] + m["symbol_fixed_bytes"]
    rss_gib = (symbols * symbol_bytes / MIB + silos * m["silo_base_rss_mib"]) / 1024
    assert rss_gib <= silo_vcpu * p["aca_gib_per_vcpu"], f"{rss_gib:.0f} GiB of silo state exceed the silos' memory"

    total = sum(r[2] for r in rows)
    trades_per_month = rate * SECONDS_PER_MONTH
    per_million = total / (trades_per_month / 1e6)
    # The arithmetic checks itself: the per-trade figure times the volume is the monthly total.
    assert math.isclose(per_million * trades_per_month / 1e6, total, rel_tol=1e-9)
    assert silo_vcpu * per_core_ingest * d["target_cpu_utilisation"] >= rate or silo_vcpu == d["min_silos"]
    return rows, total, per_million, trades_per_month


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--rates", type=int, nargs="*", default=[10_000, 1_000_000, 10_000_000])
    args = parser.parse_args()
    for rate in args.rates:
        rows, total, per_million, trades = cost(rate)
        print(f"### {rate:,} trades/s ({trades / 1e9:,.1f} billion trades a month)\n")
        print("| component | derivation | USD/month |")
        print("|---|---|---:|")
        for name, how, usd in rows:
            print(f"| {name} | {how} | {usd:,.0f} |")
        print(f"| **total** | | **{total:,.0f}** |")
        print(f"\nPer million trades: ${total:,.2f} / {trades / 1e6:,.0f} M = **${per_million:,.4f}** "
              f"(check: ${per_million:,.4f} x {trades / 1e6:,.0f} M = ${per_million * trades / 1e6:,.0f}).\n")


if __name__ == "__main__":
    main()
