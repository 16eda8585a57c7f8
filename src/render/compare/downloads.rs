//! The comparison as files for computers: `comparison.csv`, `comparison.json` and
//! `sectors.csv`. Missing figures are empty cells and `null`, never 0.

use super::{Group, Row, calendar_name, fiscal_label};
use crate::numbers::Amount;
use crate::render::Output;
use crate::render::index::english;

fn csv_field(s: &str) -> String {
    if s.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", s.replace('"', "\"\""))
    } else {
        s.to_string()
    }
}

/// A figure for the downloads: two decimals at most, no grouping; empty when missing.
fn plain(v: Option<f64>) -> String {
    v.filter(|v| v.is_finite()).map_or_else(String::new, |v| {
        let s = format!("{v:.2}");
        s.trim_end_matches('0').trim_end_matches('.').to_string()
    })
}

fn json_number(s: &str) -> serde_json::Value {
    if s.is_empty() {
        return serde_json::Value::Null;
    }
    serde_json::from_str::<serde_json::Number>(s)
        .map_or(serde_json::Value::Null, serde_json::Value::Number)
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
    let mut json_groups = Vec::new();
    for g in groups {
        let mut councils = Vec::new();
        for r in &g.rows {
            let rec = record(g, r);
            csv.push_str(
                &rec.iter()
                    .map(|(_, v)| csv_field(v))
                    .collect::<Vec<_>>()
                    .join(","),
            );
            csv.push('\n');
            let mut obj = serde_json::Map::new();
            for (k, v) in &rec {
                let value = if TEXT_COLUMNS.contains(k) {
                    if v.is_empty() {
                        serde_json::Value::Null
                    } else {
                        serde_json::Value::String(v.clone())
                    }
                } else {
                    json_number(v)
                };
                obj.insert((*k).to_string(), value);
            }
            let budget = g
                .fiscal_year
                .and_then(|fy| r.council.figures.years.get(&fy))
                .and_then(|y| y.budget.as_ref());
            let mut sectors = serde_json::Map::new();
            for (key, (label, allocated)) in budget.map(|b| &b.sectors).into_iter().flatten() {
                let share = plain(r.sector_shares.get(key).copied());
                sectors_csv.push_str(
                    &[
                        r.council.country.clone(),
                        g.fiscal_year
                            .map(|fy| fiscal_label(&g.country, fy))
                            .unwrap_or_default(),
                        r.council.slug.clone(),
                        english(r.council),
                        label.clone(),
                        allocated.plain(),
                        share.clone(),
                    ]
                    .iter()
                    .map(|v| csv_field(v))
                    .collect::<Vec<_>>()
                    .join(","),
                );
                sectors_csv.push('\n');
                let mut entry = serde_json::Map::new();
                entry.insert("allocated".into(), json_number(&allocated.plain()));
                entry.insert("share_percent".into(), json_number(&share));
                sectors.insert(label.clone(), serde_json::Value::Object(entry));
            }
            obj.insert(
                "sectors".into(),
                if budget.is_some() {
                    serde_json::Value::Object(sectors)
                } else {
                    serde_json::Value::Null
                },
            );
            councils.push(serde_json::Value::Object(obj));
        }
        json_groups.push(serde_json::json!({
            "country": g.country,
            "calendar": calendar_name(g.calendar),
            "fiscal_year": g.fiscal_year.map(|fy| fiscal_label(&g.country, fy)),
            "currency": g.currency,
            "councils": councils,
        }));
    }
    let json = serde_json::to_string_pretty(&serde_json::json!({ "groups": json_groups }))
        .unwrap_or_default();
    vec![
        Output {
            path: "comparison.csv".into(),
            bytes: csv.into_bytes(),
        },
        Output {
            path: "comparison.json".into(),
            bytes: format!("{json}\n").into_bytes(),
        },
        Output {
            path: "sectors.csv".into(),
            bytes: sectors_csv.into_bytes(),
        },
    ]
}
