#!/usr/bin/env python3
"""Usage: speedscope-shares.py TRACE.speedscope.json [TOP]. CPU shares from a dotnet-trace speedscope JSON (dotnet-sampled-thread-time): only stacks ending in CPU_TIME count.
Prints exclusive (the frame just above CPU_TIME), inclusive per frame, and a breakdown by pipeline stage."""
import json, sys, collections
path = sys.argv[1]; top = int(sys.argv[2]) if len(sys.argv) > 2 else 30
d = json.load(open(path))
frames = [f['name'] for f in d['shared']['frames']]
STAGES = [  # first match wins
    ('thread-pool spinning/waking (idle workers)', ['LowLevelSpinWaiter', 'LowLevelLifoSemaphore', 'WaitHandle.WaitOneNoCheck']),
    ('grain state write (checkpoints → PostgreSQL)', ['AdoNetGrainStorage', 'RelationalStorage', 'OrleansGrainStorageSerializer', 'Npgsql']),
    ('Parquet/Iceberg write + commit', ['K2.Lakehouse', 'Parquet!']),
    ('grain ingest (SymbolGrain)', ['SymbolGrain+<IngestAsync', 'SymbolGrain.IngestAsync', 'SequenceTracker', 'MessageIdWindow']),
    # The loop's code runs as continuations of its grain calls, so BatchProcessor is under most of its stacks.
    ('consumer loop: poll, decode, grain calls, buffer', ['BatchProcessor', 'BatchWork.Decode', 'TradeAvroCodec', 'ConsumerFlush.Record', 'PendingBatch', 'MarketDataConsumer']),
    ('Orleans messaging/serialization', ['Orleans.']),
    ('Kafka client (librdkafka/Confluent)', ['Confluent', 'librdkafka', 'rdkafka']),
    ('bench harness / broker', ['K2.IngestBench!', 'LocalKafkaBroker']),
    ('native (librdkafka broker+client, unresolved)', ['?!?']),
    ('GC', ['GC', 'gc_heap', 'PollGC']),
]
incl = collections.Counter(); excl = collections.Counter(); stages = collections.Counter(); busy = 0.0
for p in d['profiles']:
    stack = []; last = None
    for e in p['events']:
        t = e['at']
        if last is not None and stack and frames[stack[-1]] == 'CPU_TIME':
            dt = t - last; busy += dt
            names = [frames[s] for s in stack[:-1]]
            excl[names[-1] if names else '?'] += dt
            for n in set(names): incl[n] += dt
            stage = 'other'
            for label, keys in STAGES:
                if any(k in n for n in names for k in keys): stage = label; break
            stages[stage] += dt
        last = t
        if e['type'] == 'O': stack.append(e['frame'])
        elif stack: stack.pop()
dur = max(p['endValue'] for p in d['profiles']) - min(p['startValue'] for p in d['profiles'])
print(f"CPU time {busy/1000:.1f}s over {dur/1000:.1f}s of trace")
print("\n== CPU by stage ==")
for k, v in stages.most_common(): print(f"{100*v/busy:6.1f}%  {k}")
print("\n== exclusive ==")
for n, v in excl.most_common(top): print(f"{100*v/busy:6.2f}%  {n[:150]}")
print("\n== inclusive ==")
for n, v in incl.most_common(top*3):
    if 'AsyncStateMachineBox' in n or 'ExecutionContext' in n or n.startswith('System.Private.CoreLib!System.Threading'): continue
    print(f"{100*v/busy:6.2f}%  {n[:150]}")
