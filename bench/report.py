#!/usr/bin/env python3
"""Helpers for bench/run.sh: record one timed run, edit one budget figure, count pages,
sum gzipped HTML, and turn the recorded runs into a Markdown table (medians).

    report.py record RAW --time-file F --wall S --size N --case NAME --run I [--stderr F] [--out DIR]
    report.py edit-budget FILE STEP          change the first budget line's allocated amount
    report.py edit-services FILE STEP        change the first service's fee (no figure the
                                             site index or comparison shows)
    report.py html-stats DIR                 JSON: html files, raw bytes, gzipped bytes
    report.py table RAW META OUT.md          medians, ratios and the minify figures
    report.py meta-set META KEY VALUE        record a fact about the run (machine, versions, …)

Nothing here asserts on timings: the numbers are reported, never judged pass/fail.
"""
import csv
import gzip
import io
import json
import os
import re
import statistics
import subprocess
import sys

DEVANAGARI = str.maketrans("०१२३४५६७८९", "0123456789")


# ------------------------------------------------------------------ recording

def parse_time_v(path):
    """Fields of GNU time -v output we use: user, sys (seconds), peak RSS (KiB), exit status."""
    out = {"user": None, "sys": None, "rss_kb": None, "rc": None}
    with open(path, encoding="utf-8", errors="replace") as f:
        for line in f:
            line = line.strip()
            if line.startswith("User time (seconds):"):
                out["user"] = float(line.split(":")[1])
            elif line.startswith("System time (seconds):"):
                out["sys"] = float(line.split(":")[1])
            elif line.startswith("Maximum resident set size (kbytes):"):
                out["rss_kb"] = int(line.split(":")[1])
            elif line.startswith("Exit status:"):
                out["rc"] = int(line.split(":")[1])
            elif line.startswith("Command terminated by signal"):
                out["rc"] = 128 + int(line.split()[-1])
    return out


def count_html(path):
    n = 0
    for _, _, files in os.walk(path):
        n += sum(1 for f in files if f.endswith(".html"))
    return n


def du_bytes(path):
    """Disk usage as `du -sk` reports it (blocks actually used), in bytes."""
    r = subprocess.run(["du", "-sk", path], capture_output=True, text=True, check=False)
    try:
        return int(r.stdout.split()[0]) * 1024
    except (IndexError, ValueError):
        return None


# "built 10 councils: 1716 pages, portals of 37.0 MB in all; 1930 files written, 0 removed",
# and the older "built 10 councils (1716 pages, 37.0 MB), 1930 files written, 0 removed".
KHULA_SUMMARY = re.compile(
    r"built \d+ councils?(?: \(|: )(\d+) pages, [^;)]*\)?[,;] (\d+) files? written, (\d+) removed")
KHULA_CHECK = re.compile(r"checked \d+ councils? \((\d+) pages\)")


def cmd_record(args):
    opts = {}
    it = iter(args[1:])
    for a in it:
        opts[a.lstrip("-").replace("-", "_")] = next(it)
    rec = {"size": int(opts["size"]), "case": opts["case"], "run": int(opts["run"]),
           "wall": float(opts["wall"])}
    rec.update(parse_time_v(opts["time_file"]))
    if opts.get("stderr") and os.path.exists(opts["stderr"]):
        with open(opts["stderr"], encoding="utf-8", errors="replace") as f:
            text = f.read()
        m = KHULA_SUMMARY.search(text)
        if m:
            rec["reported_pages"] = int(m.group(1))
            rec["written"] = int(m.group(2))
            rec["removed"] = int(m.group(3))
        m = KHULA_CHECK.search(text)
        if m:
            rec["reported_pages"] = int(m.group(1))
        if rec["rc"]:
            rec["error"] = text.strip().splitlines()[-1][:300] if text.strip() else ""
    if opts.get("out") and os.path.isdir(opts["out"]):
        rec["pages"] = count_html(opts["out"])
        rec["bytes"] = du_bytes(opts["out"])
    with open(args[0], "a", encoding="utf-8") as f:
        f.write(json.dumps(rec) + "\n")
    status = "" if not rec["rc"] else f"  EXIT {rec['rc']}"
    extra = f"  pages {rec['pages']}" if "pages" in rec else ""
    if "written" in rec:
        extra += f"  written {rec['written']}"
    rss = (rec["rss_kb"] or 0) / 1024
    print(f"    {rec['case']:<34} run {rec['run']}: wall {rec['wall']:.2f} s  user {rec['user']:.2f} s"
          f"  sys {rec['sys']:.2f} s  RSS {rss:.0f} MB{extra}{status}", flush=True)


SERVE_BUILT = re.compile(r"^built (.+) in ([\d.]+) (ms|s)\b", re.M)


def cmd_record_serve(args):
    """record-serve RAW --size N --case CASE --run K --log FILE: records the time of the last
    rebuild `khula serve` reported in FILE ("built SLUG in 84 ms"), as wall time."""
    opts = {}
    it = iter(args[1:])
    for a in it:
        opts[a.lstrip("-").replace("-", "_")] = next(it)
    with open(opts["log"], encoding="utf-8", errors="replace") as f:
        found = SERVE_BUILT.findall(f.read())
    if not found:
        print(f"    {opts['case']:<34} run {opts['run']}: no rebuild reported", flush=True)
        return
    _, value, unit = found[-1]
    wall = float(value) / (1000 if unit == "ms" else 1)
    rec = {"size": int(opts["size"]), "case": opts["case"], "run": int(opts["run"]),
           "wall": wall, "user": None, "sys": None, "rss_kb": None, "rc": 0}
    with open(args[0], "a", encoding="utf-8") as f:
        f.write(json.dumps(rec) + "\n")
    print(f"    {rec['case']:<34} run {rec['run']}: {wall * 1000:.0f} ms (as serve reports it)",
          flush=True)


# ------------------------------------------------------------------ content edit

def edit_first_row(path, column, new_value):
    """Replaces the `column` cell of the first data row of the CSV file at `path` with
    `new_value(old cell)`, keeping the file's byte-order mark, line ends and quoting."""
    with open(path, "rb") as f:
        raw = f.read()
    bom = raw.startswith(b"\xef\xbb\xbf")
    text = raw[3:].decode("utf-8") if bom else raw.decode("utf-8")
    eol = "\r\n" if "\r\n" in text else "\n"
    lines = text.split(eol)
    header = next(csv.reader([lines[0]]))
    col = header.index(column)
    row = next(csv.reader([lines[1]]))
    row[col] = new_value(row[col])
    buf = io.StringIO()
    csv.writer(buf, lineterminator="").writerow(row)
    lines[1] = buf.getvalue()
    data = eol.join(lines).encode("utf-8")
    with open(path, "wb") as f:
        f.write((b"\xef\xbb\xbf" if bom else b"") + data)


def cmd_edit_budget(args):
    """Sets the `allocated` cell of the first data row of budget.csv to its plain-digit value
    plus STEP."""
    path, step = args[0], int(args[1])
    edit_first_row(path, "allocated",
                   lambda cell: str(int(cell.translate(DEVANAGARI).replace(",", "")) + step))


def cmd_edit_services(args):
    """Sets the `fee` cell of the first data row of services.csv to 100 + STEP."""
    path, step = args[0], int(args[1])
    edit_first_row(path, "fee", lambda _cell: str(100 + step))


# ------------------------------------------------------------------ page weight

def html_stats(path):
    files = raw = gz = 0
    for root, _, names in os.walk(path):
        for name in sorted(names):
            if not name.endswith(".html"):
                continue
            with open(os.path.join(root, name), "rb") as f:
                data = f.read()
            files += 1
            raw += len(data)
            gz += len(gzip.compress(data, compresslevel=6, mtime=0))
    return {"files": files, "raw": raw, "gzip": gz}


def cmd_html_stats(args):
    print(json.dumps(html_stats(args[0])))


# ------------------------------------------------------------------ table

def med(values):
    values = [v for v in values if v is not None]
    return statistics.median(values) if values else None


def fmt(v, digits=2):
    if v is None:
        return "–"
    if isinstance(v, int) or (isinstance(v, float) and v.is_integer() and abs(v) >= 1000):
        return f"{int(v):,}"
    return f"{v:,.{digits}f}"


def summarise(records):
    """Median of every metric per (size, case)."""
    groups = {}
    for r in records:
        groups.setdefault((r["size"], r["case"]), []).append(r)
    out = {}
    for key, rs in groups.items():
        ok = [r for r in rs if not r.get("rc")]
        s = {"runs": len(rs), "failed": len(rs) - len(ok)}
        use = ok or rs
        for k in ("wall", "user", "sys", "rss_kb", "pages", "bytes", "written", "reported_pages"):
            s[k] = med([r.get(k) for r in use])
        s["error"] = next((r.get("error") for r in rs if r.get("rc")), None)
        out[key] = s
    return out


CASE_ORDER = ["khula build", "khula rebuild, nothing changed", "khula rebuild, one budget.csv changed",
              "khula build --site ONE", "khula build --site ONE, services.csv changed",
              "khula serve, one budget.csv changed", "khula serve, one services.csv changed", "khula check",
              "hugo", "zola", "cp -r khula output"]


def cmd_table(args):
    raw, meta_path, out_path = args
    records = []
    with open(raw, encoding="utf-8") as f:
        records = [json.loads(line) for line in f if line.strip()]
    meta = {}
    if os.path.exists(meta_path):
        with open(meta_path, encoding="utf-8") as f:
            meta = json.load(f)
    s = summarise(records)
    sizes = sorted({k[0] for k in s})
    lines = []
    add = lines.append
    add(f"## Khula benchmark — {meta.get('date', '')}")
    add("")
    for k in ("machine", "khula", "hugo", "zola", "runs"):
        if meta.get(k):
            add(f"- {k}: {meta[k]}")
    add("")
    add("Medians over the runs. *Pages* counts `.html` files in the output (every language "
        "version is a page); *written* is the number of files the build reported writing.")
    add("")
    add("| councils | what | wall s | user s | sys s | peak RSS MB | pages | written | pages/s "
        "| user ms/page | output MB |")
    add("|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
    for n in sizes:
        for case in CASE_ORDER + sorted({k[1] for k in s if k[0] == n} - set(CASE_ORDER)):
            r = s.get((n, case))
            if not r:
                continue
            pages = r["pages"] if case in ("khula build", "hugo", "zola") else None
            pps = pages / r["wall"] if pages and r["wall"] else None
            upp = 1000 * r["user"] / pages if pages and r["user"] is not None else None
            mb = r["bytes"] / 1048576 if r["bytes"] and case in ("khula build", "hugo", "zola") else None
            name = case + (f" ({r['failed']}/{r['runs']} runs failed)" if r["failed"] else "")
            add(f"| {n} | {name} | {fmt(r['wall'])} | {fmt(r['user'])} | {fmt(r['sys'])} "
                f"| {fmt(r['rss_kb'] / 1024 if r['rss_kb'] else None, 0)} | {fmt(pages, 0)} "
                f"| {fmt(r['written'], 0)} | {fmt(pps, 0)} | {fmt(upp, 3)} | {fmt(mb, 1)} |")
    add("")
    add("### Ratios (same run)")
    add("")
    add("*pages/s* and *user CPU per page* compare khula with each peer per page, since page "
        "counts differ (above 1 means khula is faster / uses more CPU per page); *user CPU, whole "
        "build* divides khula's user CPU for its clean build by the peer's for its build of the "
        "same councils (below 1 means khula used less). The last columns "
        "relate khula's other timings to its clean build, by wall time and by CPU time (user + "
        "system, steadier on a busy machine), and its wall time to `cp -r` of its own output "
        "(the I/O floor). *serve* times are those `khula serve` prints for the rebuild after a "
        "save, from the start of the build to the portal published (the short wait for further "
        "saves before it is not counted).")
    add("")
    add("| councils | khula/hugo pages/s | khula/hugo user CPU per page | khula/hugo user CPU, "
        "whole build | khula/zola pages/s | khula/zola user CPU per page | khula/zola user CPU, "
        "whole build | build wall / cp -r wall | rebuild unchanged / build "
        "(wall · CPU) | rebuild one CSV / build (wall · CPU) | --site ONE wall s (budget · services) "
        "| serve, one council rebuilt, s (budget · services) | check / build (wall · CPU) |")
    add("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|")

    def user(n, case):
        r = s.get((n, case))
        return r["user"] if r else None

    def per_page(n, case):
        r = s.get((n, case))
        if not r or not r["pages"] or not r["wall"]:
            return None, None
        return r["pages"] / r["wall"], (r["user"] or 0) / r["pages"]

    def ratio(a, b):
        return a / b if a is not None and b else None

    for n in sizes:
        k_pps, k_upp = per_page(n, "khula build")
        h_pps, h_upp = per_page(n, "hugo")
        z_pps, z_upp = per_page(n, "zola")
        kb = s.get((n, "khula build"))
        wall = kb["wall"] if kb else None

        def cpu(r):
            return (r["user"] or 0) + (r["sys"] or 0) if r else None

        def rel(case):
            r = s.get((n, case))
            if not r:
                return "–"
            return f"{fmt(ratio(r['wall'], wall))} · {fmt(ratio(cpu(r), cpu(kb)))}"

        cp = s.get((n, "cp -r khula output"))
        site = s.get((n, "khula build --site ONE"))
        services = s.get((n, "khula build --site ONE, services.csv changed"))
        served = s.get((n, "khula serve, one budget.csv changed"))
        served_services = s.get((n, "khula serve, one services.csv changed"))
        k_user = user(n, "khula build")
        add(f"| {n} | {fmt(ratio(k_pps, h_pps))} | {fmt(ratio(k_upp, h_upp))} "
            f"| {fmt(ratio(k_user, user(n, 'hugo')))} | {fmt(ratio(k_pps, z_pps))} "
            f"| {fmt(ratio(k_upp, z_upp))} | {fmt(ratio(k_user, user(n, 'zola')))} | {fmt(ratio(wall, cp['wall'] if cp else None))} "
            f"| {rel('khula rebuild, nothing changed')} | {rel('khula rebuild, one budget.csv changed')} "
            f"| {fmt(site['wall'] if site else None, 3)} · {fmt(services['wall'] if services else None, 3)} "
            f"| {fmt(served['wall'] if served else None, 3)} · "
            f"{fmt(served_services['wall'] if served_services else None, 3)} "
            f"| {rel('khula check')} |")
    errors = [(k, v["error"]) for k, v in s.items() if v["error"]]
    if errors:
        add("")
        add("Failed runs (last line of their output):")
        add("")
        for (n, case), e in sorted(errors):
            add(f"- {n} councils, {case}: `{e}`")
    mini = meta.get("minify")
    if mini:
        add("")
        add("### The `minify` feature (sample portals in content/)")
        add("")
        add("| build | HTML files | HTML bytes | gzipped bytes (gzip -6, per file) | binary bytes | cold `cargo build --release`: wall s | cold build: CPU s |")
        add("|---|---:|---:|---:|---:|---:|---:|")
        for key, label in (("off", "default"), ("on", "--features minify")):
            m = mini.get(key, {})
            add(f"| {label} | {fmt(m.get('files'), 0)} | {fmt(m.get('raw'), 0)} | {fmt(m.get('gzip'), 0)} "
                f"| {fmt(m.get('binary'), 0)} | {fmt(m.get('cold'), 0)} | {fmt(m.get('cold_cpu'), 0)} |")
        off, on = mini.get("off", {}), mini.get("on", {})
        if off.get("gzip") and on.get("gzip"):
            saving = 100 * (off["gzip"] - on["gzip"]) / off["gzip"]
            raw_saving = 100 * (off["raw"] - on["raw"]) / off["raw"]
            verdict = "on by default" if saving >= 10 else "off by default"
            add("")
            add(f"Saving: {saving:.1f} % gzipped ({raw_saving:.1f} % before compression); "
                f"binary {fmt((on.get('binary') or 0) - (off.get('binary') or 0), 0)} bytes larger"
                + (f"; cold build {on['cold'] - off['cold']:.0f} s longer wall, "
                   f"{on['cold_cpu'] - off['cold_cpu']:.0f} s more CPU" if on.get("cold_cpu") and off.get("cold_cpu") else "")
                + f". Rule: minify is on by default only if it saves ≥ 10 % gzipped → **{verdict}**.")
    text = "\n".join(lines) + "\n"
    with open(out_path, "w", encoding="utf-8") as f:
        f.write(text)
    print(text)


def cmd_meta(args):
    """meta-set META KEY VALUE: VALUE is JSON when it parses, else a string; KEY may be a.b."""
    path, key, value = args
    meta = {}
    if os.path.exists(path):
        with open(path, encoding="utf-8") as f:
            meta = json.load(f)
    try:
        value = json.loads(value)
    except ValueError:
        pass
    node = meta
    *parents, last = key.split(".")
    for k in parents:
        node = node.setdefault(k, {})
    if isinstance(value, dict) and isinstance(node.get(last), dict):
        node[last].update(value)
    else:
        node[last] = value
    with open(path, "w", encoding="utf-8") as f:
        json.dump(meta, f, indent=1)


def main():
    cmds = {"record": cmd_record, "record-serve": cmd_record_serve, "edit-budget": cmd_edit_budget,
            "edit-services": cmd_edit_services, "html-stats": cmd_html_stats,
            "table": cmd_table, "meta-set": cmd_meta}
    if len(sys.argv) < 2 or sys.argv[1] not in cmds:
        print(__doc__, file=sys.stderr)
        sys.exit(2)
    cmds[sys.argv[1]](sys.argv[2:])


if __name__ == "__main__":
    main()
