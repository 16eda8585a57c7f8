//! The comparison as files for computers: `comparison.csv`, `comparison.json` and
//! `sectors.csv`. Missing figures are empty cells and `null`, never 0.

use super::groups::{Group, Row, calendar_name, fiscal_label};
use crate::numbers::Amount;
use crate::render::Output;
use crate::render::csv_file::push_line as push_csv_line;
use crate::render::index::english;
use crate::render::json::Lines;

/// A figure for the downloads: two decimals at most, no grouping; empty when missing.
fn plain(v: Option<f64>) -> String {
    v.filter(|v| v.is_finite()).map_or_else(String::new, |v| {
        let s = format!("{v:.2}");
        s.trim_end_matches('0').trim_end_matches('.').to_string()
    })
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

/// `comparison.csv`, `comparison.json` and `sectors.csv`: every council of every group.
pub(super) fn downloads(groups: &[Group]) -> Vec<Output> {
    let mut files = Files::new(groups.iter().map(|g| g.rows.len()).sum());
    files.json.open(b'{');
    files.json.key("groups");
    files.json.open(b'[');
    for g in groups {
        files.group(g);
    }
    files.json.close(b']');
    files.json.close(b'}');
    files.finish()
}

/// The downloads as they are written, group after group.
struct Files {
    csv: String,
    sectors_csv: String,
    json: Lines,
    /// A council's members in `comparison.json` are its record's columns in name order,
    /// with `sectors` in its place among them, before the member at `sectors_at`.
    members: Vec<usize>,
    sectors_at: usize,
}

impl Files {
    /// The files with their CSV heads, for `rows` councils in all.
    fn new(rows: usize) -> Files {
        let mut csv = String::with_capacity(256 * rows);
        push_csv_line(&mut csv, CSV_COLUMNS.iter().copied());
        let mut sectors_csv = String::with_capacity(4 * csv.capacity());
        push_csv_line(
            &mut sectors_csv,
            [
                "country",
                "fiscal_year",
                "slug",
                "name_en",
                "sector",
                "allocated",
                "share_percent",
            ],
        );
        let mut members: Vec<usize> = (0..CSV_COLUMNS.len()).collect();
        members.sort_by_key(|&i| CSV_COLUMNS[i]);
        let sectors_at = members
            .iter()
            .position(|&i| CSV_COLUMNS[i] > "sectors")
            .unwrap_or(members.len());
        Files {
            csv,
            sectors_csv,
            json: Lines::new(),
            members,
            sectors_at,
        }
    }

    /// One group: its councils' lines and its object in `comparison.json`.
    fn group(&mut self, g: &Group) {
        let fiscal_year = g
            .fiscal_year
            .map(|fy| fiscal_label(&g.country, fy))
            .unwrap_or_default();
        self.json.element();
        self.json.open(b'{');
        self.json.key("calendar");
        self.json.string(calendar_name(g.calendar));
        self.json.key("councils");
        self.json.open(b'[');
        for r in &g.rows {
            self.council(g, r, &fiscal_year);
        }
        let json = &mut self.json;
        json.close(b']');
        json.key("country");
        json.string(&g.country);
        json.key("currency");
        json.string(&g.currency);
        json.key("fiscal_year");
        json.text(&fiscal_year);
        json.close(b'}');
    }

    /// One council: its line of `comparison.csv`, its sectors' lines of `sectors.csv` and
    /// its object in `comparison.json`.
    fn council(&mut self, g: &Group, r: &Row, fiscal_year: &str) {
        let rec = record(g, r);
        push_csv_line(&mut self.csv, rec.iter().map(|(_, v)| v.as_str()));
        let budget = g
            .fiscal_year
            .and_then(|fy| r.council.figures.years.get(&fy))
            .and_then(|y| y.budget.as_ref());
        let sectors: Option<Vec<SectorFigures>> = budget.map(|b| {
            b.sectors
                .iter()
                .map(|(key, (label, allocated))| SectorFigures {
                    label: label.as_str(),
                    allocated: allocated.plain(),
                    share: plain(r.sector_shares.get(key).copied()),
                })
                .collect()
        });
        let name_en = english(r.council);
        for sector in sectors.iter().flatten() {
            push_csv_line(
                &mut self.sectors_csv,
                [
                    r.council.country.as_str(),
                    fiscal_year,
                    &r.council.slug,
                    &name_en,
                    sector.label,
                    &sector.allocated,
                    &sector.share,
                ],
            );
        }
        let json = &mut self.json;
        json.element();
        json.open(b'{');
        for (n, &i) in self.members.iter().enumerate() {
            if n == self.sectors_at {
                json_sectors(json, sectors.as_deref());
            }
            let (key, value) = &rec[i];
            json.key(key);
            if TEXT_COLUMNS.contains(key) {
                json.text(value);
            } else {
                json.number(value);
            }
        }
        if self.sectors_at == self.members.len() {
            json_sectors(json, sectors.as_deref());
        }
        json.close(b'}');
    }

    fn finish(mut self) -> Vec<Output> {
        self.json.out.push(b'\n');
        vec![
            Output {
                path: "comparison.csv".into(),
                bytes: self.csv.into_bytes(),
            },
            Output {
                path: "comparison.json".into(),
                bytes: self.json.out,
            },
            Output {
                path: "sectors.csv".into(),
                bytes: self.sectors_csv.into_bytes(),
            },
        ]
    }
}

/// A council's `sectors` member: each sector by label, `null` without a budget for the year.
fn json_sectors(json: &mut Lines, sectors: Option<&[SectorFigures]>) {
    json.key("sectors");
    let Some(sectors) = sectors else {
        json.null();
        return;
    };
    let mut by_label: Vec<&SectorFigures> = sectors.iter().collect();
    by_label.sort_by_key(|s| s.label);
    json.open(b'{');
    for s in by_label {
        json.key(s.label);
        json.open(b'{');
        json.key("allocated");
        json.number(&s.allocated);
        json.key("share_percent");
        json.number(&s.share);
        json.close(b'}');
    }
    json.close(b'}');
}

/// One sector of a council's budget in the downloads, in CSV form.
struct SectorFigures<'a> {
    label: &'a str,
    allocated: String,
    share: String,
}
