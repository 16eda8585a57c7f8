//! Every dataset as a normalised table, written as CSV and JSON for download, with a Table
//! Schema (Frictionless) for each. Column names follow the content format, so a download
//! can be dropped back into a council folder: `title`, `title:en`, `allocated`, …
//! Amounts are plain numbers, dates are `YYYY-MM-DD` in the council's calendar, with an
//! `…_ad` column in the Gregorian calendar where the council uses Bikram Sambat.

use super::csv_file;
use super::json::Pretty;
use crate::calendar::{Calendar, Date};
use crate::model::Council;
use crate::model::datasets::{Kind, Value};
use crate::model::files::Target;
use crate::numbers::Amount;
use crate::text::Text;
use serde_json::{Value as Json, json};

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FieldType {
    String,
    Number,
    Integer,
    Date,
}

impl FieldType {
    fn name(self) -> &'static str {
        match self {
            FieldType::String => "string",
            FieldType::Number => "number",
            FieldType::Integer => "integer",
            FieldType::Date => "date",
        }
    }
}

#[derive(Clone, Debug)]
pub struct Field {
    pub name: String,
    pub kind: FieldType,
    pub title: String,
}

/// One dataset, normalised. `None` cells are "not reported".
#[derive(Clone, Debug)]
pub struct ExportTable {
    /// File stem: `budget`, `tax-rates`, `datasets-schools`…
    pub name: String,
    pub title: Text,
    pub description: Option<Text>,
    /// The page that shows this data, relative to a language folder.
    pub page: String,
    pub fields: Vec<Field>,
    pub rows: Vec<Vec<Option<String>>>,
    /// First and last date or fiscal year covered, as written.
    pub period: Option<(String, String)>,
    /// Licence of this dataset when it differs from the council's.
    pub licence: Option<String>,
}

impl ExportTable {
    fn new(name: &str, title: Text, page: &str) -> Self {
        ExportTable {
            name: name.to_string(),
            title,
            description: None,
            page: page.to_string(),
            fields: Vec::new(),
            rows: Vec::new(),
            period: None,
            licence: None,
        }
    }

    fn field(&mut self, name: &str, kind: FieldType) {
        self.fields.push(Field {
            name: name.to_string(),
            kind,
            title: name.replace(['_', ':'], " "),
        });
    }

    /// A text column plus one `name:<lang>` column per council language.
    fn text_fields(&mut self, name: &str, languages: &[String]) {
        self.field(name, FieldType::String);
        for lang in languages.iter().skip(1) {
            self.field(&format!("{name}:{lang}"), FieldType::String);
        }
    }

    pub fn csv_path(&self) -> String {
        format!("data/{}.csv", self.name)
    }

    pub fn json_path(&self) -> String {
        format!("data/{}.json", self.name)
    }

    /// The table as CSV, formulas neutralised (see [`csv_file::neutralise`]).
    pub fn to_csv(&self) -> Vec<u8> {
        let mut out = String::new();
        csv_file::push_line(&mut out, self.fields.iter().map(|f| f.name.as_str()));
        for row in &self.rows {
            csv_file::push_line(&mut out, row.iter().map(|c| c.as_deref().unwrap_or("")));
        }
        out.into_bytes()
    }

    /// The rows as a JSON array of objects, keys in byte order (as a JSON object map sorts
    /// them), numbers as numbers; a figure that does not read as one stays a string.
    pub fn to_json(&self) -> Vec<u8> {
        // Each name once, the last column of that name giving the value, in byte order.
        let mut order: Vec<usize> = (0..self.fields.len()).collect();
        order.sort_by(|&a, &b| {
            self.fields[a]
                .name
                .cmp(&self.fields[b].name)
                .then(b.cmp(&a))
        });
        order.dedup_by(|later, first| self.fields[*later].name == self.fields[*first].name);
        let mut json = Pretty::new();
        json.open(b'[');
        for row in &self.rows {
            json.element();
            json.open(b'{');
            for &i in &order {
                let (field, Some(cell)) = (&self.fields[i], row.get(i)) else {
                    continue;
                };
                json.key(&field.name);
                match (cell.as_deref(), field.kind) {
                    (None, _) => json.null(),
                    (Some(c), FieldType::Number) => match c.parse::<f64>() {
                        Ok(n) if n.is_finite() => json.float(n),
                        _ => json.string(c),
                    },
                    (Some(c), FieldType::Integer) => match c.parse::<i64>() {
                        Ok(n) => json.integer(n),
                        Err(_) => json.string(c),
                    },
                    (Some(c), _) => json.string(c),
                }
            }
            json.close(b'}');
        }
        json.close(b']');
        json.out
    }

    /// Frictionless Table Schema.
    pub fn schema(&self) -> Json {
        json!({
            "fields": self.fields.iter().map(|f| json!({
                "name": f.name,
                "type": f.kind.name(),
                "title": f.title,
            })).collect::<Vec<_>>(),
            "missingValues": [""],
        })
    }
}

/// Writes a text cell group: default-language value, then each other language.
fn text_cells(row: &mut Vec<Option<String>>, text: Option<&Text>, languages: &[String]) {
    let default = languages.first().map_or("", String::as_str);
    row.push(
        text.map(|t| t.key(default).to_string())
            .filter(|s| !s.is_empty()),
    );
    for lang in languages.iter().skip(1) {
        row.push(text.and_then(|t| {
            let shown = t.get(lang, default);
            (!shown.is_fallback() && !shown.text.is_empty()).then_some(shown.text)
        }));
    }
}

fn amount(a: Option<Amount>) -> Option<String> {
    a.map(Amount::plain)
}

fn date(d: Option<Date>) -> Option<String> {
    d.map(|d| d.to_string())
}

fn date_ad(cal: Calendar, d: Option<Date>) -> Option<String> {
    d.and_then(|d| cal.to_gregorian(d)).map(|d| d.to_string())
}

fn date_fields(t: &mut ExportTable, name: &str, cal: Calendar) {
    if cal == Calendar::BikramSambat {
        // BS dates are not ISO dates: typed as text, with the Gregorian date beside them.
        t.field(name, FieldType::String);
        t.field(&format!("{name}_ad"), FieldType::Date);
    } else {
        t.field(name, FieldType::Date);
    }
}

fn date_cells(row: &mut Vec<Option<String>>, cal: Calendar, d: Option<Date>) {
    row.push(date(d));
    if cal == Calendar::BikramSambat {
        row.push(date_ad(cal, d));
    }
}

fn title(en: &str, key: &str, strings_default: &crate::render::locale::Strings) -> Text {
    let mut t = Text::default();
    t.set("en", en);
    if let Some(s) = strings_default.get(key) {
        t.set_plain(s);
    }
    t
}

/// All datasets of a council, normalised. `strings` are the default language's interface
/// strings, for dataset titles.
pub fn tables(council: &Council, strings: &crate::render::locale::Strings) -> Vec<ExportTable> {
    let site = &council.site;
    let langs = &site.languages;
    let cal = site.calendar;
    let fy_label = |fy: crate::calendar::FiscalYear| fy.label(site.fiscal_year_style);
    let mut out = Vec::new();

    if let Some(b) = &council.budget {
        let mut t = ExportTable::new("budget", title("Budget", "budget", strings), "budget.html");
        t.field("fiscal_year", FieldType::String);
        t.field("type", FieldType::String);
        t.text_fields("sector", langs);
        t.text_fields("programme", langs);
        t.text_fields("source", langs);
        t.field("code", FieldType::String);
        t.field("ward", FieldType::Integer);
        for name in ["allocated", "revised", "spent"] {
            t.field(name, FieldType::Number);
        }
        for l in &b.lines {
            let mut row = vec![
                Some(fy_label(l.fiscal_year)),
                Some(match l.flow {
                    crate::model::budget::Flow::Expenditure => "expenditure".into(),
                    crate::model::budget::Flow::Revenue => "revenue".into(),
                }),
            ];
            text_cells(&mut row, Some(&l.sector), langs);
            text_cells(&mut row, l.programme.as_ref(), langs);
            text_cells(&mut row, l.source.as_ref(), langs);
            row.push(l.code.clone());
            row.push(l.ward.map(|w| w.to_string()));
            row.push(amount(Some(l.allocated)));
            row.push(amount(l.revised));
            row.push(amount(l.spent));
            t.rows.push(row);
        }
        let years: Vec<String> = b.years.iter().map(|y| fy_label(y.fiscal_year)).collect();
        t.period = years
            .last()
            .zip(years.first())
            .map(|(a, b)| (a.clone(), b.clone()));
        out.push(t);
    }
    if let Some(r) = &council.tax_rates {
        let mut t = ExportTable::new(
            "tax-rates",
            title("Tax rates", "tax_rates", strings),
            "tax-rates.html",
        );
        t.text_fields("tax", langs);
        t.text_fields("category", langs);
        t.field("rate", FieldType::Number);
        t.text_fields("unit", langs);
        t.field("fiscal_year", FieldType::String);
        t.text_fields("basis", langs);
        t.text_fields("notes", langs);
        for tax in &r.taxes {
            for rate in &tax.rates {
                let mut row = Vec::new();
                text_cells(&mut row, Some(&tax.tax), langs);
                text_cells(&mut row, rate.category.as_ref(), langs);
                row.push(amount(Some(rate.rate)));
                let unit = if rate.percent && rate.unit.is_none() {
                    Some(Text::plain("%"))
                } else {
                    rate.unit.clone()
                };
                text_cells(&mut row, unit.as_ref(), langs);
                row.push(rate.fiscal_year.map(fy_label));
                text_cells(&mut row, rate.basis.as_ref(), langs);
                text_cells(&mut row, rate.notes.as_ref(), langs);
                t.rows.push(row);
            }
        }
        out.push(t);
    }
    if let Some(d) = &council.decisions {
        let mut t = ExportTable::new(
            "decisions",
            title("Decisions", "decisions", strings),
            "decisions.html",
        );
        date_fields(&mut t, "date", cal);
        t.field("ref", FieldType::String);
        t.text_fields("title", langs);
        t.text_fields("body", langs);
        t.text_fields("summary", langs);
        t.text_fields("status", langs);
        t.field("document", FieldType::String);
        for x in &d.items {
            let mut row = Vec::new();
            date_cells(&mut row, cal, Some(x.date));
            row.push(x.reference.clone());
            text_cells(&mut row, Some(&x.title), langs);
            text_cells(&mut row, x.body.as_ref(), langs);
            text_cells(&mut row, x.summary.as_ref(), langs);
            text_cells(&mut row, x.status.as_ref(), langs);
            row.push(x.document.as_ref().map(|t| match t {
                Target::Url(u) => u.clone(),
                Target::File { path, .. } => path.clone(),
            }));
            t.rows.push(row);
        }
        t.period = d
            .items
            .last()
            .zip(d.items.first())
            .map(|(a, b)| (a.date.to_string(), b.date.to_string()));
        out.push(t);
    }
    if let Some(s) = &council.services {
        let mut t = ExportTable::new(
            "services",
            title("Services", "services", strings),
            "services.html",
        );
        t.text_fields("category", langs);
        t.text_fields("service", langs);
        t.text_fields("office", langs);
        t.field("fee", FieldType::Number);
        t.text_fields("time", langs);
        t.text_fields("documents", langs);
        t.text_fields("contact", langs);
        t.text_fields("notes", langs);
        for c in &s.categories {
            for x in &c.services {
                let mut row = Vec::new();
                text_cells(&mut row, Some(&c.name), langs);
                text_cells(&mut row, Some(&x.name), langs);
                text_cells(&mut row, x.office.as_ref(), langs);
                row.push(amount(x.fee));
                text_cells(&mut row, x.time.as_ref(), langs);
                let default = langs.first().map_or("", String::as_str);
                let mut docs = Text::default();
                if !x.documents.is_empty() {
                    docs.set_plain(
                        &x.documents
                            .iter()
                            .map(|d| d.key(default))
                            .collect::<Vec<_>>()
                            .join("; "),
                    );
                    for lang in langs.iter().skip(1) {
                        let parts: Vec<String> = x
                            .documents
                            .iter()
                            .map(|d| d.get(lang, default))
                            .filter(|s| !s.is_fallback())
                            .map(|s| s.text)
                            .collect();
                        if parts.len() == x.documents.len() {
                            docs.set(lang, &parts.join("; "));
                        }
                    }
                }
                text_cells(&mut row, (!docs.is_empty()).then_some(&docs), langs);
                text_cells(&mut row, x.contact.as_ref(), langs);
                text_cells(&mut row, x.notes.as_ref(), langs);
                t.rows.push(row);
            }
        }
        out.push(t);
    }
    if let Some(g) = &council.grievances {
        let mut t = ExportTable::new(
            "grievances",
            title("Complaints", "complaints", strings),
            "complaints.html",
        );
        t.field("period", FieldType::String);
        t.text_fields("category", langs);
        for name in ["received", "resolved", "resolved_within_sla", "pending"] {
            t.field(name, FieldType::Integer);
        }
        for r in &g.rows {
            let mut row = vec![Some(format!("{:04}-{:02}", r.period.year, r.period.month))];
            text_cells(&mut row, r.category.as_ref(), langs);
            row.push(Some(r.received.to_string()));
            row.push(Some(r.resolved.to_string()));
            row.push(r.within_sla.map(|v| v.to_string()));
            row.push(r.pending.map(|v| v.to_string()));
            t.rows.push(row);
        }
        let periods: Vec<String> = g
            .months
            .iter()
            .map(|(p, _)| format!("{:04}-{:02}", p.year, p.month))
            .collect();
        t.period = periods
            .first()
            .zip(periods.last())
            .map(|(a, b)| (a.clone(), b.clone()));
        out.push(t);
    }
    if let Some(p) = &council.projects {
        let mut t = ExportTable::new(
            "projects",
            title("Projects", "projects", strings),
            "projects.html",
        );
        t.text_fields("project", langs);
        t.text_fields("status", langs);
        t.field("ward", FieldType::Integer);
        t.text_fields("sector", langs);
        t.field("fiscal_year", FieldType::String);
        t.field("budget", FieldType::Number);
        t.field("spent", FieldType::Number);
        t.field("progress", FieldType::Integer);
        date_fields(&mut t, "start", cal);
        date_fields(&mut t, "end", cal);
        t.text_fields("contractor", langs);
        for x in &p.items {
            let mut row = Vec::new();
            text_cells(&mut row, Some(&x.name), langs);
            text_cells(&mut row, Some(&x.status), langs);
            row.push(x.ward.map(|w| w.to_string()));
            text_cells(&mut row, x.sector.as_ref(), langs);
            row.push(x.fiscal_year.map(fy_label));
            row.push(amount(x.budget));
            row.push(amount(x.spent));
            row.push(x.progress.map(|v| v.to_string()));
            date_cells(&mut row, cal, x.start);
            date_cells(&mut row, cal, x.end);
            text_cells(&mut row, x.contractor.as_ref(), langs);
            t.rows.push(row);
        }
        out.push(t);
    }
    if let Some(d) = &council.documents {
        let mut t = ExportTable::new(
            "documents",
            title("Documents", "documents", strings),
            "documents.html",
        );
        t.field("file", FieldType::String);
        t.text_fields("title", langs);
        date_fields(&mut t, "date", cal);
        t.text_fields("kind", langs);
        t.text_fields("description", langs);
        t.field("bytes", FieldType::Integer);
        for x in &d.items {
            let (file, bytes) = match &x.target {
                Target::Url(u) => (u.clone(), None),
                Target::File { path, bytes } => (path.clone(), Some(bytes.to_string())),
            };
            let mut row = vec![Some(file)];
            text_cells(&mut row, Some(&x.title), langs);
            date_cells(&mut row, cal, x.date);
            text_cells(&mut row, x.kind.as_ref(), langs);
            text_cells(&mut row, x.description.as_ref(), langs);
            row.push(bytes);
            t.rows.push(row);
        }
        out.push(t);
    }
    for ds in &council.datasets {
        let mut t = ExportTable::new(
            &format!("datasets-{}", ds.name),
            ds.title.clone(),
            &format!("datasets/{}.html", ds.name),
        );
        t.description = ds.description.clone();
        t.licence = ds.licence.clone();
        for c in &ds.columns {
            let kind = match c.kind {
                Kind::Number => FieldType::Number,
                Kind::Date if cal == Calendar::Gregorian => FieldType::Date,
                _ => FieldType::String,
            };
            t.fields.push(Field {
                name: c.name.clone(),
                kind,
                title: c
                    .title
                    .key(langs.first().map_or("", String::as_str))
                    .to_string(),
            });
        }
        for row in &ds.rows {
            t.rows.push(
                row.iter()
                    .map(|v| match v {
                        Value::Empty => None,
                        Value::Number(a) => Some(a.plain()),
                        Value::Text(s) => Some(s.clone()),
                    })
                    .collect(),
            );
        }
        out.push(t);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn csv_and_json_agree() {
        let mut t = ExportTable::new("x", Text::plain("X"), "x.html");
        t.field("name", FieldType::String);
        t.field("amount", FieldType::Number);
        t.field("count", FieldType::Integer);
        t.rows.push(vec![
            Some("a, \"b\"".into()),
            Some("1234567.5".into()),
            None,
        ]);
        let csv = String::from_utf8(t.to_csv()).unwrap();
        assert_eq!(csv, "name,amount,count\n\"a, \"\"b\"\"\",1234567.5,\n");
        let json: Json = serde_json::from_slice(&t.to_json()).unwrap();
        assert_eq!(json[0]["amount"], json!(1234567.5));
        assert_eq!(json[0]["count"], Json::Null);
        assert_eq!(t.schema()["fields"][1]["type"], "number");
    }

    #[test]
    fn formulas_are_neutralised_in_csv_but_not_in_json() {
        let mut t = ExportTable::new("x", Text::plain("X"), "x.html");
        t.field("name", FieldType::String);
        t.field("amount", FieldType::Number);
        t.rows.push(vec![
            Some("=HYPERLINK(\"https://x\")".into()),
            Some("-5".into()),
        ]);
        let csv = String::from_utf8(t.to_csv()).unwrap();
        assert_eq!(csv, "name,amount\n\"'=HYPERLINK(\"\"https://x\"\")\",-5\n");
        let json: Json = serde_json::from_slice(&t.to_json()).unwrap();
        assert_eq!(json[0]["name"], json!("=HYPERLINK(\"https://x\")"));
        assert_eq!(json[0]["amount"], json!(-5.0));
    }

    /// The JSON a tree of `serde_json::Value`s gives for the same table: the written JSON
    /// must match it byte for byte, whatever the cells hold.
    fn through_values(t: &ExportTable) -> Vec<u8> {
        let rows: Vec<Json> = t
            .rows
            .iter()
            .map(|row| {
                let mut obj = serde_json::Map::new();
                for (f, cell) in t.fields.iter().zip(row) {
                    let v = match (cell, f.kind) {
                        (None, _) => Json::Null,
                        (Some(c), FieldType::Number | FieldType::Integer) => c
                            .parse::<f64>()
                            .ok()
                            .and_then(|n| {
                                if f.kind == FieldType::Integer {
                                    c.parse::<i64>().ok().map(Json::from)
                                } else {
                                    serde_json::Number::from_f64(n).map(Json::Number)
                                }
                            })
                            .unwrap_or_else(|| Json::String(c.clone())),
                        (Some(c), _) => Json::String(c.clone()),
                    };
                    obj.insert(f.name.clone(), v);
                }
                Json::Object(obj)
            })
            .collect();
        serde_json::to_vec_pretty(&rows).unwrap()
    }

    #[test]
    fn json_is_what_a_tree_of_values_gives() {
        let mut t = ExportTable::new("x", Text::plain("X"), "x.html");
        assert_eq!(t.to_json(), through_values(&t));
        for (name, kind) in [
            ("ward", FieldType::Integer),
            ("title", FieldType::String),
            ("title:en", FieldType::String),
            ("allocated", FieldType::Number),
            ("date", FieldType::Date),
            ("Zone", FieldType::String),
            ("allocated", FieldType::Integer),
        ] {
            t.field(name, kind);
        }
        let rows: &[[Option<&str>; 7]] = &[
            [
                Some("3"),
                Some("सडक \"नयाँ\"\n"),
                None,
                Some("1500"),
                Some("2081-04-15"),
                Some(""),
                Some("7"),
            ],
            [
                Some("3.5"),
                Some("a\tb\u{1}"),
                Some("x"),
                Some("0.1"),
                None,
                None,
                Some("-0"),
            ],
            [
                Some("1e3"),
                None,
                None,
                Some("inf"),
                Some("x"),
                Some("z"),
                Some("99999999999999999999"),
            ],
            [
                Some("-12"),
                None,
                None,
                Some("NaN"),
                None,
                None,
                Some("1.5"),
            ],
            [Some("abc"), None, None, Some("-0.0"), None, None, None],
            [
                None,
                None,
                None,
                Some("12345678901234567890.25"),
                None,
                None,
                Some("abc"),
            ],
        ];
        for row in rows {
            t.rows
                .push(row.iter().map(|c| c.map(str::to_string)).collect());
        }
        // A short row: only the cells it has.
        t.rows.push(vec![Some("1".into()), Some("t".into())]);
        assert_eq!(
            String::from_utf8(t.to_json()).unwrap(),
            String::from_utf8(through_values(&t)).unwrap()
        );
    }
}
