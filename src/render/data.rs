//! Open data: downloads of every dataset (CSV and JSON, sizes shown), a Frictionless data
//! package, a DCAT-AP 3 catalogue in JSON-LD for harvesters such as CKAN, schema.org
//! `Dataset` markup on dataset pages, and the "Data" page that lists it all.

mod dcat;
mod vocab;

use super::export::ExportTable;
use super::views::{Cell, DataTable, Generic};
use super::{Emitter, Output};
use crate::model::Council;
use crate::render::locale::Locale;
use crate::text::Shown;
use serde::Serialize;
use serde_json::{Value as Json, json};

/// A download link with its format and size, e.g. "CSV, 12 KB".
#[derive(Debug, Clone, Serialize)]
pub struct Download {
    pub label: String,
    /// Path relative to the council folder.
    pub path: String,
    pub bytes: u64,
}

/// One dataset's published files and where its page is.
#[derive(Debug, Clone)]
pub struct Published {
    pub table: ExportTable,
    pub downloads: Vec<Download>,
}

pub fn size_text(loc: &Locale, bytes: u64) -> String {
    if bytes >= 1024 * 1024 {
        format!("{} MB", loc.decimal(bytes as f64 / 1_048_576.0, 1))
    } else {
        format!("{} KB", loc.int(bytes.div_ceil(1024).max(1)))
    }
}

/// Serialises JSON for embedding inside an HTML `<script type="application/ld+json">`:
/// `<` is escaped so no content can close the element.
pub fn json_for_html(value: &Json) -> String {
    serde_json::to_string(value)
        .unwrap_or_default()
        .replace('<', "\\u003c")
        .replace('>', "\\u003e")
        .replace('&', "\\u0026")
}

/// Writes the CSV and JSON of every dataset; returns them with their download links.
pub fn publish(tables: Vec<ExportTable>, out: &mut Vec<Output>) -> Vec<Published> {
    tables
        .into_iter()
        .map(|table| {
            let csv = table.to_csv();
            let json = table.to_json();
            let downloads = vec![
                Download {
                    label: "CSV".into(),
                    path: table.csv_path(),
                    bytes: csv.len() as u64,
                },
                Download {
                    label: "JSON".into(),
                    path: table.json_path(),
                    bytes: json.len() as u64,
                },
            ];
            out.push(Output {
                path: table.csv_path(),
                bytes: csv,
            });
            out.push(Output {
                path: table.json_path(),
                bytes: json,
            });
            Published { table, downloads }
        })
        .collect()
}

/// `datapackage.json`: a Frictionless data package with a Table Schema per resource.
pub fn datapackage(council: &Council, published: &[Published]) -> Output {
    let site = &council.site;
    let default = site.default_lang();
    let resources: Vec<Json> = published
        .iter()
        .map(|p| {
            let csv = &p.downloads[0];
            json!({
                "name": p.table.name,
                "path": csv.path,
                "title": p.table.title.key(default),
                "format": "csv",
                "mediatype": "text/csv",
                "encoding": "utf-8",
                "bytes": csv.bytes,
                "schema": p.table.schema(),
                "licenses": [{"name": p.table.licence.as_deref().unwrap_or(&site.licence)}],
            })
        })
        .collect();
    let mut package = json!({
        "name": council.slug,
        "title": site.name.get("en", default).text,
        "licenses": [{"name": site.licence}],
        "resources": resources,
    });
    if let Some(home) = &site.base_url {
        package["homepage"] = json!(home);
    }
    Output {
        path: "datapackage.json".into(),
        bytes: serde_json::to_vec_pretty(&package).unwrap_or_default(),
    }
}

/// The day a dataset was last updated (see `Council::updated`), as an ISO 8601 Gregorian
/// date for machine-readable metadata.
fn modified(council: &Council, name: &str) -> Option<String> {
    let day = council.updated.get(name)?;
    council
        .site
        .calendar
        .to_gregorian(*day)
        .map(|g| g.to_string())
}

fn licence_uri(spdx: &str) -> String {
    format!("https://spdx.org/licenses/{spdx}")
}

/// `catalog.jsonld`: a DCAT-AP 3 catalogue with an inline context, harvestable by CKAN
/// (see [`dcat`]); `mirror` is the mirror's address on a `--base-url` build.
pub fn catalogue(council: &Council, published: &[Published], mirror: Option<&str>) -> Output {
    let doc = dcat::catalogue(council, published, mirror);
    Output {
        path: "catalog.jsonld".into(),
        bytes: serde_json::to_vec_pretty(&doc).unwrap_or_default(),
    }
}

/// schema.org `Dataset` for a dataset page, for search engines' dataset indexes.
pub fn schema_org(emit: &Emitter, p: &Published, page_path: &str) -> String {
    let loc = emit.locale;
    let site = &emit.council.site;
    let root = emit.root(page_path);
    let url = |path: &str| match &site.base_url {
        Some(b) => format!("{b}{path}"),
        None => format!("{root}{path}"),
    };
    let title = loc.text(&p.table.title).text;
    let value = json!({
        "@context": "https://schema.org",
        "@type": "Dataset",
        "name": title,
        "description": p.table.description.as_ref().map_or_else(|| format!("{title} — {}", loc.text(&site.name).text), |d| loc.text(d).text),
        "license": licence_uri(&site.licence),
        "inLanguage": loc.lang,
        "creator": {"@type": "GovernmentOrganization", "name": loc.text(&site.name).text},
        "temporalCoverage": p.table.period.as_ref().map(|(a, b)| format!("{a}/{b}")),
        "dateModified": modified(emit.council, &p.table.name),
        "distribution": p.downloads.iter().map(|d| json!({
            "@type": "DataDownload",
            "encodingFormat": if d.label == "CSV" { "text/csv" } else { "application/json" },
            "contentUrl": url(&d.path),
            "contentSize": format!("{} B", d.bytes),
        })).collect::<Vec<_>>(),
    });
    json_for_html(&value)
}

/// The "Data" page: every dataset with its period, last update, licence and downloads.
pub fn render_page(
    emit: &mut Emitter,
    published: &[Published],
    extras: &[Download],
) -> Result<(), crate::diagnostics::Diagnostic> {
    let loc = emit.locale;
    let path = "data.html";
    let heading = loc.t("data");
    let view = Generic {
        heading: Shown {
            text: heading.clone(),
            lang: None,
        },
        intro: vec![
            loc.t("data_intro"),
            loc.tf("data_licence", &[("licence", &emit.council.site.licence)]),
        ],
        tables: vec![
            datasets_table(emit, path, published),
            files_table(loc, &emit.root(path), extras),
        ],
        ..Generic::default()
    };
    emit.page(path, "dataset.html", &heading, &view)
}

/// Every dataset: its page, period, last update and downloads with their sizes.
fn datasets_table(emit: &Emitter, path: &str, published: &[Published]) -> DataTable {
    let loc = emit.locale;
    let mut table = DataTable::new(
        "datasets",
        loc.t("datasets"),
        &[
            (loc.t("dataset"), false),
            (loc.t("period"), false),
            (loc.t("last_update"), false),
            (loc.t("downloads"), false),
        ],
    );
    for p in published {
        let title = loc.text(&p.table.title);
        let updated = emit
            .council
            .updated
            .get(&p.table.name)
            .map(|d| loc.date(*d))
            .unwrap_or_default();
        let downloads = p
            .downloads
            .iter()
            .map(|d| format!("{} ({})", d.label, size_text(loc, d.bytes)))
            .collect::<Vec<_>>()
            .join(" · ");
        let period = p.table.period.as_ref().map(|(a, b)| {
            if a == b {
                loc.digits(a)
            } else {
                format!("{} – {}", loc.digits(a), loc.digits(b))
            }
        });
        table.rows.push(vec![
            Cell {
                text: title.text,
                lang: title.lang,
                href: Some(emit.href(path, &p.table.page)),
                ..Cell::default()
            },
            Cell::text(period.unwrap_or_default()),
            Cell::text(updated),
            Cell::text(downloads),
        ]);
    }
    table
}

/// The files for computers (data package, catalogue, feeds) with their sizes; `root` leads
/// from the page to the council folder.
fn files_table(loc: &Locale, root: &str, extras: &[Download]) -> DataTable {
    let mut files = DataTable::new(
        "machine",
        loc.t("machine_readable"),
        &[(loc.t("file"), false), (loc.t("size"), false)],
    );
    for d in extras {
        files.rows.push(vec![
            Cell {
                text: d.label.clone(),
                href: Some(format!("{root}{}", d.path)),
                ..Cell::default()
            },
            Cell::text(size_text(loc, d.bytes)),
        ]);
    }
    files
}
