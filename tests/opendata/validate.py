#!/usr/bin/env python3
"""Validates the open-data files of built portals with the tools harvesters use.

    python3 tests/opendata/validate.py SITES_DIR

- every datapackage.json passes `frictionless validate`;
- every catalog.jsonld parses with rdflib as JSON-LD, and has one dcat:Dataset per resource;
- every feed.xml parses with feedparser without errors and has entries where decisions exist.
Exits non-zero on the first kind of failure, after reporting all of them.
"""
import json
import pathlib
import subprocess
import sys

import feedparser
import rdflib

DCAT = rdflib.Namespace("http://www.w3.org/ns/dcat#")

# The frictionless command of this interpreter's environment (a virtual environment's bin/),
# else the one on PATH.
_beside = pathlib.Path(sys.executable).with_name("frictionless")
FRICTIONLESS = str(_beside) if _beside.exists() else "frictionless"


def main(sites: pathlib.Path) -> int:
    failures = []
    packages = sorted(sites.glob("*/datapackage.json"))
    if not packages:
        print(f"no datapackage.json under {sites}")
        return 1
    for package in packages:
        council = package.parent
        run = subprocess.run(
            [FRICTIONLESS, "validate", "--json", str(package)],
            capture_output=True,
            text=True,
        )
        report = json.loads(run.stdout or "{}")
        if not report.get("valid"):
            errors = [
                f"{task.get('name')}: {err.get('message')}"
                for task in report.get("tasks", [])
                for err in task.get("errors", [])
            ]
            failures.append(f"{package}: frictionless: {errors[:5] or run.stderr[-500:]}")
        resources = json.loads(package.read_text())["resources"]

        graph = rdflib.Graph()
        graph.parse(council / "catalog.jsonld", format="json-ld")
        datasets = set(graph.subjects(rdflib.RDF.type, DCAT.Dataset))
        if len(datasets) != len(resources):
            failures.append(
                f"{council}/catalog.jsonld: {len(datasets)} datasets for {len(resources)} resources"
            )
        distributions = set(graph.objects(None, DCAT.distribution))
        if len(distributions) != 2 * len(resources):
            failures.append(f"{council}/catalog.jsonld: {len(distributions)} distributions")

        for feed in sorted(council.glob("**/feed.xml")):
            parsed = feedparser.parse(str(feed))
            if parsed.bozo:
                failures.append(f"{feed}: {parsed.bozo_exception}")
            elif (council / "decisions.html").exists() and not parsed.entries:
                failures.append(f"{feed}: no entries")
        print(f"ok {council.name}: {len(resources)} resources, catalogue and feeds valid")
    for f in failures:
        print("FAIL", f)
    failed = len({f.split(": ")[0] for f in failures})
    print(f"{len(packages) - failed} passed, {failed} failed")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main(pathlib.Path(sys.argv[1] if len(sys.argv) > 1 else "sites")))
