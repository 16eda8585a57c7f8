//! Every dataset as a normalised table, written as CSV and JSON for download, with a Table
//! Schema (Frictionless) for each. Column names follow the content format, so a download
//! can be dropped back into a council folder: `title`, `title:en`, `allocated`, …
//! Amounts are plain numbers, dates are `YYYY-MM-DD` in the council's calendar, with an
//! `…_ad` column in the Gregorian calendar where the council uses Bikram Sambat.

use super::csv_file;
use super::json::Lines;
use super::kinds::KINDS;
use super::locale::Strings;
use crate::calendar::{Calendar, Date, FiscalYear};
use crate::model::{Council, Site};
use crate::numbers::Amount;
use crate::text::Text;
use serde_json::{Value as Json, json};

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FieldType {
    String,
    Number,
    /// An amount of money in the council's currency (a number).
    Amount,
    Integer,
    Date,
}

impl FieldType {
    fn name(self) -> &'static str {
        match self {
            FieldType::String => "string",
            FieldType::Number | FieldType::Amount => "number",
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
    /// What the column means, from a dataset's data dictionary.
    pub description: Option<String>,
    /// The unit of the column's values ("km", "people"), from a data dictionary.
    pub unit: Option<String>,
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
    /// Where the data comes from, when the council says.
    pub source: Option<Text>,
    /// First and last date or fiscal year covered, as written.
    pub period: Option<(String, String)>,
    /// Licence of this dataset when it differs from the council's.
    pub licence: Option<String>,
}

impl ExportTable {
    pub(super) fn new(name: &str, title: Text, page: &str) -> Self {
        ExportTable {
            name: name.to_string(),
            title,
            description: None,
            page: page.to_string(),
            fields: Vec::new(),
            rows: Vec::new(),
            source: None,
            period: None,
            licence: None,
        }
    }

    pub(super) fn field(&mut self, name: &str, kind: FieldType) {
        self.fields.push(Field {
            name: name.to_string(),
            kind,
            title: name.replace(['_', ':'], " "),
            description: None,
            unit: None,
        });
    }

    /// A text column plus one `name:<lang>` column per council language.
    pub(super) fn text_fields(&mut self, name: &str, languages: &[String]) {
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

    /// The columns of the JSON download: each name once, the last column of that name
    /// giving the value, in byte order (as a JSON object map sorts them).
    fn json_order(&self) -> Vec<usize> {
        let mut order: Vec<usize> = (0..self.fields.len()).collect();
        order.sort_by(|&a, &b| {
            self.fields[a]
                .name
                .cmp(&self.fields[b].name)
                .then(b.cmp(&a))
        });
        order.dedup_by(|later, first| self.fields[*later].name == self.fields[*first].name);
        order
    }

    /// The rows as a JSON array of objects, keys in byte order (as a JSON object map sorts
    /// them), numbers as numbers; a figure that does not read as one stays a string.
    pub fn to_json(&self) -> Vec<u8> {
        let order = self.json_order();
        let mut json = Lines::new();
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
                    // A whole amount is written as an integer (`324500000`, as in the CSV
                    // and the comparison), exact however large; others as decimals.
                    (Some(c), FieldType::Number | FieldType::Amount) => {
                        match (c.parse::<i64>(), c.parse::<f64>()) {
                            (Ok(n), _) => json.integer(n),
                            (_, Ok(n)) if n.is_finite() => json.float(n),
                            _ => json.string(c),
                        }
                    }
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

    /// Frictionless Table Schema of the CSV download, or of the JSON download when
    /// `json` (its columns in the JSON's order). Amounts are described with `currency`;
    /// a column of ids (`ref`, `file`, `id`) that every row fills with a different value
    /// is the primary key.
    pub fn schema(&self, currency: &str, json: bool) -> Json {
        let order: Vec<usize> = if json {
            self.json_order()
        } else {
            (0..self.fields.len()).collect()
        };
        let fields: Vec<Json> = order
            .iter()
            .map(|&i| {
                let f = &self.fields[i];
                let mut field = json!({"name": f.name, "type": f.kind.name(), "title": f.title});
                let mut about: Vec<String> = f.description.iter().cloned().collect();
                if f.kind == FieldType::Amount {
                    about.push(format!("An amount in {currency}"));
                }
                if let Some(unit) = &f.unit {
                    about.push(format!("Unit: {unit}"));
                    field["unit"] = json!(unit);
                }
                if !about.is_empty() {
                    field["description"] = json!(about.join("; "));
                }
                field
            })
            .collect();
        let mut schema = json!({"fields": fields, "missingValues": [""]});
        if let Some(key) = self.primary_key() {
            schema["primaryKey"] = json!([key]);
        }
        schema
    }

    /// The column that names each row once, if any: see [`ExportTable::schema`].
    fn primary_key(&self) -> Option<&str> {
        ["ref", "id", "file"].into_iter().find(|name| {
            let Some(i) = self.fields.iter().position(|f| f.name == *name) else {
                return false;
            };
            let mut seen = std::collections::HashSet::new();
            !self.rows.is_empty()
                && self.rows.iter().all(|r| {
                    r.get(i)
                        .and_then(Option::as_deref)
                        .is_some_and(|v| seen.insert(v))
                })
        })
    }
}

/// Writes a text cell group: default-language value, then each other language.
pub(super) fn text_cells(row: &mut Vec<Option<String>>, text: Option<&Text>, languages: &[String]) {
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

pub(super) fn amount(a: Option<Amount>) -> Option<String> {
    a.map(Amount::plain)
}

fn date(d: Option<Date>) -> Option<String> {
    d.map(|d| d.to_string())
}

fn date_ad(cal: Calendar, d: Option<Date>) -> Option<String> {
    d.and_then(|d| cal.to_gregorian(d)).map(|d| d.to_string())
}

pub(super) fn date_fields(t: &mut ExportTable, name: &str, cal: Calendar) {
    if cal == Calendar::BikramSambat {
        // BS dates are not ISO dates: typed as text, with the Gregorian date beside them.
        t.field(name, FieldType::String);
        t.field(&format!("{name}_ad"), FieldType::Date);
    } else {
        t.field(name, FieldType::Date);
    }
}

pub(super) fn date_cells(row: &mut Vec<Option<String>>, cal: Calendar, d: Option<Date>) {
    row.push(date(d));
    if cal == Calendar::BikramSambat {
        row.push(date_ad(cal, d));
    }
}

fn title(en: &str, key: &str, strings_default: &Strings) -> Text {
    let mut t = Text::default();
    t.set("en", en);
    if let Some(s) = strings_default.get(key) {
        t.set_plain(s);
    }
    t
}

/// What each kind's tables need besides its rows: the council's languages, calendar and
/// way of writing fiscal years, and the interface strings of its first language (for
/// titles).
pub(super) struct Context<'a> {
    pub langs: &'a [String],
    pub cal: Calendar,
    site: &'a Site,
    strings: &'a Strings,
}

impl Context<'_> {
    /// A fiscal year as the council writes it.
    pub fn fiscal_year(&self, fy: FiscalYear) -> String {
        fy.label(self.site.fiscal_year_style)
    }

    /// An empty table named `name` (the file stem), shown on `page`, titled by the
    /// interface string `key` or, without it, by `en`.
    pub fn table(&self, name: &str, en: &str, key: &str, page: &str) -> ExportTable {
        ExportTable::new(name, title(en, key, self.strings), page)
    }
}

/// All datasets of a council, normalised, in the order of [`KINDS`]. `strings` are the
/// default language's interface strings, for dataset titles.
pub fn tables(council: &Council, strings: &Strings) -> Vec<ExportTable> {
    let site = &council.site;
    let cx = Context {
        langs: &site.languages,
        cal: site.calendar,
        site,
        strings,
    };
    KINDS
        .iter()
        .flat_map(|kind| (kind.export)(council, &cx))
        .collect()
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
        assert_eq!(t.schema("NPR", false)["fields"][1]["type"], "number");
    }

    #[test]
    fn whole_amounts_are_integers_in_json_as_in_csv() {
        let mut t = ExportTable::new("x", Text::plain("X"), "x.html");
        t.field("amount", FieldType::Number);
        for cell in ["324500000", "-5", "9007199254740993", "0.05"] {
            t.rows.push(vec![Some(cell.into())]);
        }
        let json = String::from_utf8(t.to_json()).unwrap();
        let numbers: Vec<&str> = json
            .lines()
            .filter_map(|l| l.strip_prefix("{\"amount\":"))
            .map(|l| l.trim_end_matches([',', '}']))
            .collect();
        // Written as in the CSV: no `.0`, and a whole amount beyond 2^53 stays exact.
        assert_eq!(
            numbers,
            ["324500000", "-5", "9007199254740993", "0.05"],
            "{json}"
        );
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
        assert_eq!(json[0]["amount"], json!(-5));
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
        serde_json::to_vec(&rows).unwrap()
    }

    /// A download as written, its line breaks (all between values) taken out.
    fn joined(t: &ExportTable) -> String {
        String::from_utf8(t.to_json()).unwrap().replace('\n', "")
    }

    #[test]
    fn json_is_what_a_tree_of_values_gives() {
        let mut t = ExportTable::new("x", Text::plain("X"), "x.html");
        assert_eq!(t.to_json(), b"[]");
        assert_eq!(joined(&t).as_bytes(), through_values(&t));
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
        assert_eq!(joined(&t), String::from_utf8(through_values(&t)).unwrap());
        // A record to a line, between the brackets' own lines.
        let json = String::from_utf8(t.to_json()).unwrap();
        assert_eq!(json.lines().count(), t.rows.len() + 2);
        assert!(
            json.lines()
                .skip(1)
                .take(t.rows.len())
                .all(|l| l.starts_with('{'))
        );
    }
}
