//! The comparison as files for computers: `comparison.csv`, `comparison.json` and
//! `sectors.csv`. Missing figures are empty cells and `null`, never 0.

use super::{Group, Row, calendar_name, fiscal_label};
use crate::numbers::Amount;
use crate::render::Output;
use crate::render::index::english;
use serde::Serialize;
use serde::ser::{SerializeMap, Serializer};
use std::collections::BTreeMap;

fn csv_field(s: &str) -> std::borrow::Cow<'_, str> {
    if s.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", s.replace('"', "\"\"")).into()
    } else {
        s.into()
    }
}

/// A figure for the downloads: two decimals at most, no grouping; empty when missing.
fn plain(v: Option<f64>) -> String {
    v.filter(|v| v.is_finite()).map_or_else(String::new, |v| {
        let s = format!("{v:.2}");
        s.trim_end_matches('0').trim_end_matches('.').to_string()
    })
}

/// A figure in JSON: its CSV form as a JSON number (whole numbers exact), `null` when empty.
struct JsonNumber<'a>(&'a str);

impl Serialize for JsonNumber<'_> {
    fn serialize<S: Serializer>(&self, ser: S) -> Result<S::Ok, S::Error> {
        match serde_json::from_str::<serde_json::Number>(self.0) {
            Ok(n) if !self.0.is_empty() => n.serialize(ser),
            _ => ser.serialize_none(),
        }
    }
}

/// A text column in JSON: `null` when empty.
struct JsonText<'a>(&'a str);

impl Serialize for JsonText<'_> {
    fn serialize<S: Serializer>(&self, ser: S) -> Result<S::Ok, S::Error> {
        if self.0.is_empty() {
            ser.serialize_none()
        } else {
            ser.serialize_str(self.0)
        }
    }
}

#[derive(Serialize)]
struct JsonSector<'a> {
    allocated: JsonNumber<'a>,
    share_percent: JsonNumber<'a>,
}

/// One council in `comparison.json`: the CSV record's columns in name order, with its
/// sectors (`null` when it reports no budget for the year).
struct JsonCouncil<'a> {
    record: &'a [(&'static str, String)],
    sectors: Option<BTreeMap<&'a str, JsonSector<'a>>>,
}

impl Serialize for JsonCouncil<'_> {
    fn serialize<S: Serializer>(&self, ser: S) -> Result<S::Ok, S::Error> {
        let mut entries: Vec<&(&'static str, String)> = self.record.iter().collect();
        entries.sort_by_key(|(k, _)| *k);
        let mut map = ser.serialize_map(Some(entries.len() + 1))?;
        let mut sectors_done = false;
        for (k, v) in entries {
            if !sectors_done && *k > "sectors" {
                map.serialize_entry("sectors", &self.sectors)?;
                sectors_done = true;
            }
            if TEXT_COLUMNS.contains(k) {
                map.serialize_entry(k, &JsonText(v))?;
            } else {
                map.serialize_entry(k, &JsonNumber(v))?;
            }
        }
        if !sectors_done {
            map.serialize_entry("sectors", &self.sectors)?;
        }
        map.end()
    }
}

#[derive(Serialize)]
struct JsonGroup<'a> {
    calendar: &'static str,
    councils: Vec<JsonCouncil<'a>>,
    country: &'a str,
    currency: &'a str,
    fiscal_year: Option<String>,
}

#[derive(Serialize)]
struct Json<'a> {
    groups: Vec<JsonGroup<'a>>,
}

const CSV_COLUMNS: &[&str] = &[
    "country",
    "calendar",
    "fiscal_year",
    "slug",
    "name",
    "name_en",
    "province",
    "district",
    "currency",
    "population",
    "census_year",
    "budget_allocated",
    "budget_per_person",
    "budget_spent",
    "execution_rate",
    "complaints_received",
    "complaints_resolved",
    "complaints_within_service_level_rate",
    "projects_total",
    "projects_completed",
];

/// One council's record for the downloads, as (column, value) with values in CSV form.
fn record(g: &Group, r: &Row) -> Vec<(&'static str, String)> {
    let c = r.council;
    let en = |t: Option<&crate::text::Text>| {
        t.map(|t| t.get("en", &c.default_lang).text)
            .unwrap_or_default()
    };
    let amount = |a: Option<Amount>| a.map(Amount::plain).unwrap_or_default();
    let values = vec![
        c.country.clone(),
        calendar_name(g.calendar).to_string(),
        g.fiscal_year
            .map(|fy| fiscal_label(&g.country, fy))
            .unwrap_or_default(),
        c.slug.clone(),
        c.name.get(&c.default_lang, &c.default_lang).text,
        english(c),
        en(c.province.as_ref()),
        en(c.district.as_ref()),
        g.currency.clone(),
        r.population.map(|p| p.to_string()).unwrap_or_default(),
        c.figures
            .census_year
            .map(|y| y.to_string())
            .unwrap_or_default(),
        amount(r.allocated),
        plain(r.per_person),
        amount(r.spent),
        plain(r.execution),
        r.grievances
            .map(|x| x.received.to_string())
            .unwrap_or_default(),
        r.grievances
            .map(|x| x.resolved.to_string())
            .unwrap_or_default(),
        plain(r.sla),
        r.projects.map(|p| p.total.to_string()).unwrap_or_default(),
        r.projects
            .map(|p| p.completed.to_string())
            .unwrap_or_default(),
    ];
    CSV_COLUMNS.iter().copied().zip(values).collect()
}

/// Columns of [`record`] that are text in JSON; every other one is a number or `null`.
const TEXT_COLUMNS: &[&str] = &[
    "country",
    "calendar",
    "fiscal_year",
    "slug",
    "name",
    "name_en",
    "province",
    "district",
    "currency",
];

pub(super) fn downloads(groups: &[Group]) -> Vec<Output> {
    let mut csv = CSV_COLUMNS.join(",");
    csv.push('\n');
    let mut sectors_csv =
        String::from("country,fiscal_year,slug,name_en,sector,allocated,share_percent\n");
    // Every council's record and sector figures, in CSV form, kept for the JSON.
    let mut records: Vec<Vec<Download>> = Vec::new();
    for g in groups {
        let fiscal_year = g
            .fiscal_year
            .map(|fy| fiscal_label(&g.country, fy))
            .unwrap_or_default();
        let mut councils = Vec::new();
        for r in &g.rows {
            let rec = record(g, r);
            for (i, (_, v)) in rec.iter().enumerate() {
                if i > 0 {
                    csv.push(',');
                }
                csv.push_str(&csv_field(v));
            }
            csv.push('\n');
            let budget = g
                .fiscal_year
                .and_then(|fy| r.council.figures.years.get(&fy))
                .and_then(|y| y.budget.as_ref());
            let sectors = budget.map(|b| {
                b.sectors
                    .iter()
                    .map(|(key, (label, allocated))| SectorFigures {
                        label: label.clone(),
                        allocated: allocated.plain(),
                        share: plain(r.sector_shares.get(key).copied()),
                    })
                    .collect::<Vec<_>>()
            });
            for sector in sectors.iter().flatten() {
                let fields = [
                    &r.council.country,
                    &fiscal_year,
                    &r.council.slug,
                    &english(r.council),
                    &sector.label,
                    &sector.allocated,
                    &sector.share,
                ];
                for (i, v) in fields.iter().enumerate() {
                    if i > 0 {
                        sectors_csv.push(',');
                    }
                    sectors_csv.push_str(&csv_field(v));
                }
                sectors_csv.push('\n');
            }
            councils.push(Download { rec, sectors });
        }
        records.push(councils);
    }
    let json = Json {
        groups: groups
            .iter()
            .zip(&records)
            .map(|(g, councils)| JsonGroup {
                calendar: calendar_name(g.calendar),
                councils: councils
                    .iter()
                    .map(|Download { rec, sectors }| JsonCouncil {
                        record: rec,
                        sectors: sectors.as_ref().map(|list| {
                            list.iter()
                                .map(|s| {
                                    (
                                        s.label.as_str(),
                                        JsonSector {
                                            allocated: JsonNumber(&s.allocated),
                                            share_percent: JsonNumber(&s.share),
                                        },
                                    )
                                })
                                .collect()
                        }),
                    })
                    .collect(),
                country: &g.country,
                currency: &g.currency,
                fiscal_year: g.fiscal_year.map(|fy| fiscal_label(&g.country, fy)),
            })
            .collect(),
    };
    let mut json = serde_json::to_string_pretty(&json).unwrap_or_default();
    json.push('\n');
    vec![
        Output {
            path: "comparison.csv".into(),
            bytes: csv.into_bytes(),
        },
        Output {
            path: "comparison.json".into(),
            bytes: json.into_bytes(),
        },
        Output {
            path: "sectors.csv".into(),
            bytes: sectors_csv.into_bytes(),
        },
    ]
}

/// One council's figures in the downloads, in CSV form: its record and its sectors.
struct Download {
    rec: Vec<(&'static str, String)>,
    sectors: Option<Vec<SectorFigures>>,
}

/// One sector of a council's budget in the downloads, in CSV form.
struct SectorFigures {
    label: String,
    allocated: String,
    share: String,
}
