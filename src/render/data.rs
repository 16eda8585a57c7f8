//! Open data: downloads of every dataset (CSV and JSON, sizes shown), a Frictionless data
//! package, a DCAT-AP 3 catalogue in JSON-LD for harvesters such as CKAN, schema.org
//! `Dataset` markup on dataset pages, and the "Data" page that lists it all.

mod dcat;
pub(super) mod vocab;

use dcat::Names;

use super::address::Addresses;
use super::export::ExportTable;
use super::views::{Cell, DataTable, Generic};
use super::{Emitter, Output};
use crate::model::Council;
use crate::render::locale::Locale;
use crate::text::Shown;
use serde::Serialize;
use serde_json::{Value as Json, json};

/// The media type of a download by its label (`CSV`, `JSON`).
pub fn media_type(label: &str) -> &'static str {
    vocab::format(label).media
}

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

/// `datapackage.json`: a Frictionless data package with two resources per dataset, its CSV
/// and its JSON, each with a Table Schema (amounts described with their currency, a primary
/// key where rows have ids), a description, its source when the council names one, and
/// its licence.
pub fn datapackage(council: &Council, published: &[Published], mirror: Option<&str>) -> Output {
    let site = &council.site;
    let default = site.default_lang();
    let at = Addresses::new(council, mirror);
    let mut resources = Vec::new();
    for p in published {
        let licence = vocab::licence(p.table.licence.as_deref().unwrap_or(&site.licence));
        let licences =
            json!([{"name": licence_name(p, site), "path": licence.spdx, "title": licence.title}]);
        let description = dcat::summary(council, p);
        for d in &p.downloads {
            let csv = d.label == "CSV";
            let mut resource = json!({
                "name": if csv { p.table.name.clone() } else { format!("{}-json", p.table.name) },
                "profile": "tabular-data-resource",
                "path": d.path,
                "title": format!("{} ({})", p.table.title.key(default), d.label),
                "description": description,
                "format": if csv { "csv" } else { "json" },
                "mediatype": vocab::format(&d.label).media,
                "encoding": "utf-8",
                "bytes": d.bytes,
                "schema": p.table.schema(&site.currency, !csv),
                "licenses": licences,
            });
            if !csv {
                // Frictionless reads a JSON table whole and cannot count its bytes, so it
                // would report any size given as wrong; the catalogue gives it.
                if let Some(o) = resource.as_object_mut() {
                    o.remove("bytes");
                }
            }
            if let Some(source) = &p.table.source {
                resource["sources"] = json!([{"title": source.key(default)}]);
            }
            resources.push(resource);
        }
    }
    let mut package = json!({
        "name": council.slug,
        "id": at.name("datapackage.json"),
        "title": site.name.get("en", default).text,
        "licenses": [{"name": site.licence, "path": vocab::licence(&site.licence).spdx}],
        "resources": resources,
    });
    if let Some(home) = at.canonical() {
        package["homepage"] = json!(home);
    }
    Output {
        path: "datapackage.json".into(),
        bytes: serde_json::to_vec_pretty(&package).unwrap_or_default(),
    }
}

fn licence_name<'a>(p: &'a Published, site: &'a crate::model::Site) -> &'a str {
    p.table.licence.as_deref().unwrap_or(&site.licence)
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

/// `catalog.jsonld`: a DCAT-AP 3 catalogue with an inline context, harvestable by CKAN
/// (see [`dcat`]); `mirror` is the mirror's address on a `--base-url` build.
pub fn catalogue(council: &Council, published: &[Published], mirror: Option<&str>) -> Output {
    let doc = dcat::catalogue(council, published, mirror);
    Output {
        path: "catalog.jsonld".into(),
        bytes: serde_json::to_vec_pretty(&doc).unwrap_or_default(),
    }
}

/// The most a description may hold: Google's rules for datasets allow 5,000 characters.
const DESCRIPTION_MAX: usize = 5000;

/// What a dataset holds, whose it is, which years it covers and for whom it is published,
/// in the language of `loc`: the description its YAML gives, if any, then a sentence made
/// from its title, council, place, period, rows and licence. Always more than the title
/// (search engines want 50 characters or more), at most [`DESCRIPTION_MAX`].
pub fn about(loc: &Locale, council: &Council, p: &Published) -> String {
    let site = &council.site;
    let place = [site.district.as_ref(), site.province.as_ref()]
        .into_iter()
        .flatten()
        .map(|t| loc.text(t).text)
        .collect::<Vec<_>>()
        .join(", ");
    let council_name = if place.is_empty() {
        loc.text(&site.name).text
    } else {
        format!("{} ({place})", loc.text(&site.name).text)
    };
    let period = p.table.period.as_ref().map(|(a, b)| period_text(loc, a, b));
    let licence = p.table.licence.as_deref().unwrap_or(&site.licence);
    let rows = loc.int(p.table.rows.len() as u64);
    let args = [
        ("title", loc.text(&p.table.title).text),
        ("council", council_name),
        ("period", period.clone().unwrap_or_default()),
        ("rows", rows),
        ("licence", licence.to_string()),
    ];
    let args: Vec<(&str, &str)> = args.iter().map(|(k, v)| (*k, v.as_str())).collect();
    let key = if period.is_some() {
        "dataset_about_period"
    } else {
        "dataset_about"
    };
    let made = loc.tf(key, &args);
    let text = match p.table.description.as_ref().map(|d| loc.text(d).text) {
        Some(own) if !own.trim().is_empty() => format!("{} {made}", own.trim()),
        _ => made,
    };
    if text.chars().count() > DESCRIPTION_MAX {
        let cut: String = text.chars().take(DESCRIPTION_MAX - 1).collect();
        format!("{cut}…")
    } else {
        text
    }
}

/// A period as the Data page shows it: one year, or the first and the last.
fn period_text(loc: &Locale, first: &str, last: &str) -> String {
    if first == last {
        loc.digits(first)
    } else {
        format!("{} – {}", loc.digits(first), loc.digits(last))
    }
}

/// schema.org `Dataset` markup for the page at `page_path` that shows `p`, for search
/// engines' dataset indexes, following Google's rules for datasets: absolute `url` and
/// `contentUrl`, a description of 50 to 5,000 characters in the page's language, the
/// creator with its address, licence, place, period as an ISO 8601 interval of Gregorian
/// days, the catalogue it belongs to and the variables from its schema. `None` when the
/// council's address is not known (neither `base_url` nor `--base-url`): such a copy is not
/// on the web for a search engine to read, and its addresses could only be relative.
pub fn schema_org(emit: &Emitter, p: &Published, page_path: &str) -> Option<String> {
    let loc = emit.locale;
    let council = emit.council;
    let site = &council.site;
    let at = &emit.at;
    let base = at.canonical()?;
    let prefix = super::lang_prefix(&site.languages, loc.lang);
    let title = loc.text(&p.table.title).text;
    let name = loc.text(&site.name).text;
    let organisation = json!({"@type": "GovernmentOrganization", "name": name, "url": base});
    let currency = &site.currency;
    let mut value = json!({
        "@context": "https://schema.org",
        "@type": "Dataset",
        "@id": at.dataset(&p.table.name, &p.table.page),
        "identifier": at.dataset(&p.table.name, &p.table.page),
        "name": title,
        "description": about(loc, council, p),
        "url": at.canonical_page(&format!("{prefix}{page_path}")),
        "inLanguage": loc.lang,
        "keywords": keywords(loc, council, &title),
        "license": vocab::licence(p.table.licence.as_deref().unwrap_or(&site.licence)).spdx,
        "isAccessibleForFree": true,
        "creator": organisation,
        "publisher": organisation,
        "spatialCoverage": place(loc, council),
        "includedInDataCatalog": {
            "@type": "DataCatalog",
            "name": loc.tf("catalogue_name", &[("council", &name)]),
            "url": at.canonical_page(&format!("{prefix}data.html")),
        },
        "variableMeasured": p.table.fields.iter().map(|f| {
            let description = match &f.description {
                Some(d) => format!("{}: {d}", f.title),
                None => f.title.clone(),
            };
            let mut v = json!({"@type": "PropertyValue", "name": f.name, "description": description});
            if let Some(unit) = &f.unit {
                v["unitText"] = json!(unit);
            } else if f.kind == super::export::FieldType::Amount {
                v["unitText"] = json!(currency);
            }
            v
        }).collect::<Vec<_>>(),
        "distribution": p.downloads.iter().map(|d| json!({
            "@type": "DataDownload",
            "encodingFormat": vocab::format(&d.label).media,
            "contentUrl": at.link(&d.path),
            "contentSize": format!("{} B", d.bytes),
        })).collect::<Vec<_>>(),
    });
    if let Some((start, end)) = dcat::temporal(council, &p.table.name) {
        value["temporalCoverage"] = json!(format!("{start}/{end}"));
    }
    if let Some(day) = modified(council, &p.table.name) {
        value["dateModified"] = json!(day);
    }
    Some(json_for_html(&value))
}

/// Words a search can find the dataset by: its title, the council and where it is.
fn keywords(loc: &Locale, council: &Council, title: &str) -> Vec<String> {
    let site = &council.site;
    let mut words = vec![title.to_string(), loc.text(&site.name).text];
    for t in [
        site.kind.as_ref(),
        site.district.as_ref(),
        site.province.as_ref(),
    ]
    .into_iter()
    .flatten()
    {
        words.push(loc.text(t).text);
    }
    words.push(loc.t("open_data"));
    words.retain(|w| !w.trim().is_empty());
    words.dedup();
    words
}

/// The council's area as a schema.org `Place`: its name, and its district, province and
/// country as the address.
fn place(loc: &Locale, council: &Council) -> Json {
    let site = &council.site;
    let mut address = json!({"@type": "PostalAddress"});
    if !site.country.is_empty() {
        address["addressCountry"] = json!(site.country);
    }
    if let Some(province) = &site.province {
        address["addressRegion"] = json!(loc.text(province).text);
    }
    if let Some(district) = &site.district {
        address["addressLocality"] = json!(loc.text(district).text);
    }
    json!({"@type": "Place", "name": loc.text(&site.name).text, "address": address})
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
        let period = p.table.period.as_ref().map(|(a, b)| period_text(loc, a, b));
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
