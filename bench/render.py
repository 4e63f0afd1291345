#!/usr/bin/env python3
"""Turns benchmark result files into the tables of docs/benchmarks.md.

  render.py collect --kind overhead|peers --runs RUNS.jsonl --machine JSON --command CMD --out FILE.json
  render.py render FILE.json [--doc docs/benchmarks.md]   # overhead, peers, seed or JMH results

Each kind owns one section of the document, between <!-- BEGIN kind --> and <!-- END kind -->; rendering replaces
that section (or appends it), so the document always shows the latest run and nothing is typed in by hand.
"""
import argparse
import datetime
import json
import sys

THROUGHPUT_TARGET = 0.70   # Switchboard req/s at 64 connections >= 70% of nginx's, same run
ADDED_P50_TARGET_US = 60   # added p50 on one connection vs direct <= 60 us


def rate(run):
    wrk = run["wrk"]
    return wrk["requests"] * 1e6 / max(1, wrk["duration_us"])


def errors(run):
    return sum(v for k, v in run["wrk"].items() if k.startswith("errors_"))


def find(runs, target, stream, connections):
    for run in runs:
        if run["target"] == target and run["stream"] == stream and run["connections"] == connections:
            return run
    return None


def summarise(runs):
    """Ratios per mode: throughput vs nginx at 64 connections, added p50 vs direct on 1 connection."""
    summary = {}
    targets = sorted({r["target"] for r in runs})
    for stream in (False, True):
        mode = "stream" if stream else "plain"
        nginx64 = find(runs, "nginx", stream, 64)
        direct1 = find(runs, "direct", stream, 1)
        entry = {}
        for target in targets:
            t64, t1 = find(runs, target, stream, 64), find(runs, target, stream, 1)
            figures = {}
            if t64 and nginx64 and rate(nginx64) > 0:
                figures["throughput_vs_nginx"] = round(rate(t64) / rate(nginx64), 3)
            if t1 and direct1:
                figures["added_p50_us_1conn"] = t1["wrk"]["p50_us"] - direct1["wrk"]["p50_us"]
                figures["added_p99_us_1conn"] = t1["wrk"]["p99_us"] - direct1["wrk"]["p99_us"]
            entry[target] = figures
        sb = entry.get("switchboard", {})
        if "throughput_vs_nginx" in sb:
            sb["meets_throughput_target"] = sb["throughput_vs_nginx"] >= THROUGHPUT_TARGET
        if "added_p50_us_1conn" in sb:
            sb["meets_latency_target"] = sb["added_p50_us_1conn"] <= ADDED_P50_TARGET_US
        on64, off64 = find(runs, "switchboard", stream, 64), find(runs, "switchboard-unrecorded", stream, 64)
        on1, off1 = find(runs, "switchboard", stream, 1), find(runs, "switchboard-unrecorded", stream, 1)
        if on64 and off64 and rate(off64) > 0:
            recording = {"throughput_on_vs_off": round(rate(on64) / rate(off64), 3)}
            if on1 and off1:
                recording["added_p50_us_1conn"] = on1["wrk"]["p50_us"] - off1["wrk"]["p50_us"]
            if cpu_per_request(on64) is not None and cpu_per_request(off64) is not None:
                recording["cpu_us_per_request_on"] = round(cpu_per_request(on64), 1)
                recording["cpu_us_per_request_off"] = round(cpu_per_request(off64), 1)
                recording["added_cpu_us_per_request"] = round(cpu_per_request(on64) - cpu_per_request(off64), 1)
            entry["recording"] = recording
        summary[mode] = entry
    return summary


def cpu_per_request(run):
    """The proxy's CPU time per request in µs (gateway process, or nginx with its workers), when recorded."""
    if run.get("cpu_ticks") is None or not run["wrk"]["requests"]:
        return None
    return run["cpu_ticks"] * 1e6 / run["ticks_per_second"] / run["wrk"]["requests"]


def collect(args):
    runs = [json.loads(line) for line in open(args.runs) if line.strip()]
    result = {
        "kind": args.kind,
        "date": datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%d %H:%M UTC"),
        "command": args.command,
        "machine": json.loads(args.machine),
        "targets": {"throughput_vs_nginx_min": THROUGHPUT_TARGET, "added_p50_us_max": ADDED_P50_TARGET_US},
        "runs": runs,
        "summary": summarise(runs),
    }
    if args.peers:
        result["peers"] = json.loads(args.peers)
    with open(args.out, "w") as out:
        json.dump(result, out, indent=2)
    print(wrk_table(result))


def machine_line(machine):
    line = "%s CPUs (%s), Linux %s, %s" % (machine.get("host_cpus"), machine.get("cpu"), machine.get("kernel"),
                                          machine.get("java"))
    if machine.get("load_average_at_start"):
        line += "; load average at start %s (the machine is shared)" % machine["load_average_at_start"]
    if machine.get("load_average_at_end"):
        line += "; load average at the end %s (the machine is shared)" % machine["load_average_at_end"]
    return line


def wrk_table(result):
    runs = result["runs"]
    targets = []
    for run in runs:
        if run["target"] not in targets:
            targets.append(run["target"])
    lines = ["| target | mode | req/s (64 conn) | p50 / p99 (64 conn) | req/s (1 conn) | p50 / p99 (1 conn) "
             "| added p50, 1 conn | req/s vs nginx | proxy CPU per request (64 conn) | errors |",
             "|---|---|---|---|---|---|---|---|---|---|"]
    for stream in (False, True):
        mode = "stream" if stream else "plain"
        for target in targets:
            r64, r1 = find(runs, target, stream, 64), find(runs, target, stream, 1)
            if not r64 or not r1:
                continue
            figures = result["summary"][mode].get(target, {})
            added = figures.get("added_p50_us_1conn")
            ratio = figures.get("throughput_vs_nginx")
            cpu = cpu_per_request(r64)
            lines.append("| %s | %s | %s | %s | %s | %s | %s | %s | %s | %d |" % (
                target, mode, "{:,.0f}".format(rate(r64)), latency(r64), "{:,.0f}".format(rate(r1)), latency(r1),
                "—" if target == "direct" or added is None else "%+d µs" % added,
                "—" if ratio is None else "%.0f%%" % (100 * ratio), "—" if cpu is None else "%.1f µs" % cpu,
                errors(r64) + errors(r1)))
    verdicts = []
    for mode in ("plain", "stream"):
        sb = result["summary"][mode].get("switchboard", {})
        if "meets_throughput_target" in sb:
            verdicts.append("%s: Switchboard throughput %.0f%% of nginx (target ≥ %.0f%%: %s); added p50 on one "
                            "connection %+d µs (target ≤ %d µs: %s)" % (
                                mode, 100 * sb["throughput_vs_nginx"], 100 * THROUGHPUT_TARGET,
                                "met" if sb["meets_throughput_target"] else "missed", sb["added_p50_us_1conn"],
                                ADDED_P50_TARGET_US, "met" if sb.get("meets_latency_target") else "missed"))
        recording = result["summary"][mode].get("recording")
        if recording:
            text = "%s: recording on vs off (same run): throughput %.0f%%" % (
                mode, 100 * recording["throughput_on_vs_off"])
            if "added_p50_us_1conn" in recording:
                text += ", p50 on one connection %+d µs" % recording["added_p50_us_1conn"]
            if "added_cpu_us_per_request" in recording:
                text += ", gateway CPU %.1f → %.1f µs per request (%+.1f µs) at 64 connections" % (
                    recording["cpu_us_per_request_off"], recording["cpu_us_per_request_on"],
                    recording["added_cpu_us_per_request"])
            verdicts.append(text)
    return "\n".join(lines) + ("\n\n" + "\n".join("- " + v for v in verdicts) if verdicts else "")


def latency(run):
    wrk = run["wrk"]
    return "%s / %s" % (micros(wrk.get("p50_us", 0)), micros(wrk.get("p99_us", 0)))


def micros(us):
    return "%d µs" % us if us < 10000 else "%.1f ms" % (us / 1000.0)


def jmh_table(results):
    lines = ["| benchmark | parameters | score | ± | unit | B/op (gc.alloc.rate.norm) |", "|---|---|---|---|---|---|"]
    for entry in results:
        params = ", ".join("%s=%s" % kv for kv in sorted(entry.get("params", {}).items()))
        primary = entry["primaryMetric"]
        alloc = entry.get("secondaryMetrics", {}).get("·gc.alloc.rate.norm") or \
            entry.get("secondaryMetrics", {}).get("gc.alloc.rate.norm")
        error = primary.get("scoreError")
        lines.append("| %s | %s | %.1f | %s | %s | %s |" % (
            entry["benchmark"].replace("dev.switchboard.bench.jmh.", ""), params or "—", primary["score"],
            "%.1f" % error if isinstance(error, (int, float)) else "—", primary.get("scoreUnit", ""),
            "%.0f" % alloc["score"] if alloc else "—"))
    return "\n".join(lines)


def seed_table(result):
    lines = ["| metric | direct | Switchboard |", "|---|---|---|"]
    for row in result["table"]:
        lines.append("| %s | %s | %s |" % (row["metric"], row["direct"], row["switchboard"]))
    return "\n".join(lines)


def section(path):
    data = json.load(open(path))
    if isinstance(data, list):
        return "jmh", ("Command: `bench/jmh.sh` (JMH 1.37, `-prof gc`), results in `bench/results/jmh.json`.\n\n"
                       + jmh_table(data))
    kind = data["kind"]
    head = "Run %s on %s.\n\nCommand: `%s`\n\n" % (data["date"], machine_line(data["machine"]), data["command"])
    if kind == "seed":
        notes = "".join("- %s\n" % note for note in data.get("notes", []))
        return kind, head + seed_table(data) + ("\n\n" + notes if notes else "")
    peers = data.get("peers")
    extra = ""
    if peers:
        extra = "\n\nPeers: " + "; ".join("%s: %s" % kv for kv in peers.items())
    return kind, head + wrk_table(data) + extra


def render(args):
    kind, body = section(args.file)
    print(body)
    if not args.doc:
        return
    begin, end = "<!-- BEGIN %s -->" % kind, "<!-- END %s -->" % kind
    try:
        text = open(args.doc).read()
    except FileNotFoundError:
        text = "# Benchmarks\n"
    block = "%s\n%s\n%s" % (begin, body, end)
    if begin in text and end in text:
        text = text[:text.index(begin)] + block + text[text.index(end) + len(end):]
    else:
        text = text.rstrip("\n") + "\n\n" + block + "\n"
    with open(args.doc, "w") as out:
        out.write(text)
    print("updated the %s section of %s" % (kind, args.doc), file=sys.stderr)


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = parser.add_subparsers(dest="action", required=True)
    c = sub.add_parser("collect")
    c.add_argument("--kind", required=True)
    c.add_argument("--runs", required=True)
    c.add_argument("--machine", required=True)
    c.add_argument("--command", required=True)
    c.add_argument("--peers")
    c.add_argument("--out", required=True)
    r = sub.add_parser("render")
    r.add_argument("file")
    r.add_argument("--doc")
    args = parser.parse_args()
    collect(args) if args.action == "collect" else render(args)


if __name__ == "__main__":
    main()
