#!/usr/bin/env python3
"""Where intake's CPU goes, from a JFR recording of the engine (execution samples).

    jfr print --events jdk.ExecutionSample --stack-depth 200 engine.jfr > samples.txt
    python3 benchmarks/jfr-intake-profile.py samples.txt

Each sample is put in the first category (in the order below) one of whose patterns appears
anywhere in its stack, so a category counts the time spent in or under that code. Then the most
frequent leaf frames. Record with, for example,
ENGINE_JAVA_OPTS="-XX:StartFlightRecording=filename=engine.jfr,settings=profile,jdk.ExecutionSample#period=2ms"
benchmarks/intake-wrk.sh 30 10
"""
import collections
import re
import sys

CATEGORIES = [
    ("engine start (config, OpenAPI document, deploy)", r"dev\.contactrouter\.Main\.|RouterConfig\.load|yaml|FileResolverImpl"),
    ("writer: snapshot record tree", r"core\.RoutingDomain\.snapshot\(|engine\.Snapshots\.takeIfDue"),
    ("worker: snapshot encoding", r"SnapshotFormat\.(encode|parts)|HashChain\.digest\(java\.util\.List|SnapshotInRounds\$Unsorted"),
    ("durable: report aggregates follower (reads the journal back)", r"PgReportAggregates|ReportAggregatesVerticle"),
    ("writer: gauges", r"RouterMetrics\.observe"),
    ("writer: notices", r"engine\.Notices\.of"),
    ("writer: journal append (event format, hash chain)", r"MemoryJournal\.append|JournalHead\.chain|StoredEvent\.of"),
    ("durable: journal append (PostgreSQL client)", r"PgJournal\.append|pgclient|sqlclient"),
    ("writer: committed fold, publish, replies", r"DomainVerticle\.lambda\$flush"),
    ("writer: decide (core)", r"core\.RoutingDomain\.handle"),
    ("writer: other", r"engine\.DomainInbox|engine\.DomainVerticle"),
    ("API: reply view and response", r"Requests\.reply|Requests\.json|ViewJson"),
    ("API: spec from body", r"SpecJson\.contact"),
    ("API: body decoding and validation", r"RequestValidation\.validate|api\.schema"),
    ("API: key check (SHA-256)", r"KeyRing\."),
    ("API: event bus to and from the writer", r"DomainClient|eventbus"),
    ("API: other (gate, routing)", r"dev\.contactrouter\.api"),
    ("HTTP: body handler", r"BodyHandlerImpl"),
    ("HTTP: server metrics (Micrometer)", r"micrometer"),
    ("HTTP: Vert.x Web routing", r"vertx\.ext\.web"),
    ("HTTP: Netty and Vert.x core", r"netty|vertx\.core\.http|vertx\.core\.net"),
    ("GC, JIT and other", r".*"),
]


def main(path):
    text = open(path, encoding="utf-8").read()
    counts, leaves, n = collections.Counter(), collections.Counter(), 0
    for sample in text.split("jdk.ExecutionSample {")[1:]:
        m = re.search(r"stackTrace = \[(.*?)\n\s*\]", sample, re.S)
        if not m:
            continue
        stack = m.group(1)
        frames = [re.sub(r"\s+line:.*", "", f.strip()) for f in stack.strip().split("\n")
                  if f.strip() and f.strip() != "..."]
        if not frames:
            continue
        n += 1
        leaves[frames[0]] += 1
        for name, pattern in CATEGORIES:
            if re.search(pattern, stack):
                counts[name] += 1
                break
    start = counts.pop(CATEGORIES[0][0], 0)
    n -= start
    print(f"{n} samples while serving ({start} more during start, left out)\n\n| share | where |\n|---:|---|")
    for name, c in counts.most_common():
        print(f"| {100 * c / n:.1f}% | {name} |")
    print("\nTop leaf frames:\n")
    for frame, c in leaves.most_common(20):
        print(f"    {100 * c / n:5.1f}%  {frame}")


if __name__ == "__main__":
    main(sys.argv[1])
