//! Checking a table's header against the columns a file declares.

use super::*;
use crate::numbers::Scale;

impl Table {
    /// Checks the header against `schema`. Returns `None` when a required column is missing.
    pub fn bind(&self, schema: Schema, open: bool, diags: &mut Diagnostics) -> Option<Binding> {
        let (placed, mut ok) = self.place_headers(schema, open, diags);
        let renamed = self.report_missing(schema, &placed, diags);
        ok &= !placed.misses_required(schema);
        if !open {
            self.report_unknown(schema, &placed.extra, &renamed, diags);
        }
        // A title's scale applies to every amount column of a file with a schema; a dataset
        // is shown as written, and told so.
        let title_scale = match &self.title_scale {
            Some((scale, _)) if !open => Some(*scale),
            Some((_, warning)) => {
                diags.push(warning.clone());
                None
            }
            None => None,
        };
        let scales = placed.scales.iter().map(|s| s.or(title_scale)).collect();
        ok.then_some(Binding {
            schema,
            index: placed.index,
            translations: placed.translations,
            extra: placed.extra,
            scales,
        })
    }

    /// Where each header cell goes: a schema column, a translation of one, or an extra column.
    /// The flag is false when a column appears twice: a schema column, a translation, or (in
    /// an `open` table, whose every column is published) any other column.
    fn place_headers(&self, schema: Schema, open: bool, diags: &mut Diagnostics) -> (Placed, bool) {
        let mut placed = Placed {
            index: vec![None; schema.columns.len()],
            translations: vec![Vec::new(); schema.columns.len()],
            extra: Vec::new(),
            scales: vec![None; schema.columns.len()],
        };
        let mut ok = true;
        for (i, header) in self.headers.iter().enumerate() {
            if header.is_empty() {
                let mut d = self.header_diagnostic(i, format!("column {} has no name", i + 1));
                d.severity = crate::diagnostics::Severity::Warning;
                diags.push(d.hint("give the column a name in the first row, or delete it"));
                continue;
            }
            let (base, lang) = match header.split_once(':') {
                Some((b, l)) => (b, Some(l)),
                None => (header.as_str(), None),
            };
            let mut found = schema.columns.iter().position(|c| c.name == base);
            if found.is_none()
                && lang.is_none()
                && let Some((c, scale)) = annotated_column(schema, header)
            {
                found = Some(c);
                placed.scales[c] = scale;
            }
            let twice = match (found, lang) {
                (Some(c), None) => placed.index[c].replace(i).is_some(),
                (Some(c), Some(lang))
                    if schema.columns[c].translatable && is_language_code(lang) =>
                {
                    let twice = placed.translations[c].iter().any(|(l, _)| l == lang);
                    placed.translations[c].push((lang.to_string(), i));
                    twice
                }
                _ => {
                    let first = placed.extra.iter().find(|(h, _)| h == header).map(|e| e.1);
                    placed.extra.push((header.clone(), i));
                    if let (true, Some(first)) = (open, first) {
                        diags.push(
                            self.header_diagnostic(
                                i,
                                format!(
                                    "column {header} appears twice (first as column {})",
                                    first + 1
                                ),
                            )
                            .hint(
                                "every column needs its own name, or one of the two would be \
                                 lost from the downloads; rename one (e.g. add _2), or delete \
                                 the repeated columns if the header block was exported twice",
                            ),
                        );
                        ok = false;
                    }
                    false
                }
            };
            if twice {
                diags.push(
                    self.header_diagnostic(i, format!("column {header} appears twice"))
                        .hint("delete or rename one of the two columns"),
                );
                ok = false;
            }
        }
        (placed, ok)
    }

    /// Reports each missing required column. One that is most likely an unknown column,
    /// misspelt, is pointed at there, and that column's index is returned so that it gets no
    /// unknown-column warning too.
    fn report_missing(
        &self,
        schema: Schema,
        placed: &Placed,
        diags: &mut Diagnostics,
    ) -> Vec<usize> {
        let mut renamed: Vec<usize> = Vec::new();
        let found: Vec<&str> = self.headers.iter().map(String::as_str).collect();
        for (c, column) in schema.columns.iter().enumerate() {
            if !placed.missing(schema, c) {
                continue;
            }
            let extra = &placed.extra;
            let near = closest(
                column.name,
                extra
                    .iter()
                    .filter(|(_, i)| !renamed.contains(i))
                    .map(|(h, _)| h.as_str()),
            )
            .and_then(|near| extra.iter().find(|(h, _)| h == near));
            let hint = format!(
                "{}; the columns found are {}",
                match near {
                    Some((h, _)) => format!("did you mean {h}? rename it to {}", column.name),
                    None => format!("add a column named {}", column.name),
                },
                if found.is_empty() {
                    "none".to_string()
                } else {
                    found.join(", ")
                }
            );
            let message = format!("required column {} is missing", column.name);
            let d = match near {
                Some((_, i)) => {
                    renamed.push(*i);
                    self.header_diagnostic(*i, message)
                }
                None => self.header_row_error(message),
            };
            diags.push(d.hint(hint));
        }
        renamed
    }

    /// Warns about each column the schema does not have (but the `renamed` ones).
    fn report_unknown(
        &self,
        schema: Schema,
        extra: &[(String, usize)],
        renamed: &[usize],
        diags: &mut Diagnostics,
    ) {
        for (header, i) in extra.iter().filter(|(_, i)| !renamed.contains(i)) {
            let base = header.split_once(':').map_or(header.as_str(), |(b, _)| b);
            let mut d = self.header_diagnostic(*i, format!("unknown column {header}"));
            d.severity = crate::diagnostics::Severity::Warning;
            let names = schema.columns.iter().map(|c| c.name);
            let hint = match closest(base, names) {
                Some(near) => format!("did you mean {near}? this column is ignored"),
                None => format!(
                    "this column is ignored; known columns are {}",
                    column_list(schema)
                ),
            };
            diags.push(d.hint(hint));
        }
    }
}

/// The header cells sorted into the places a [`Binding`] keeps.
struct Placed {
    index: Vec<Option<usize>>,
    translations: Vec<Vec<(String, usize)>>,
    extra: Vec<(String, usize)>,
    scales: Vec<Option<Scale>>,
}

/// Words that may stand beside a scale in a column's note: `(Rs. in thousand)`, `(NPR)`.
const CURRENCY_NOTE_WORDS: &[&str] = &[
    "in",
    "rs",
    "npr",
    "nrs",
    "रु",
    "रू",
    "रुपैयाँ",
    "रुपये",
    "मा",
    "में",
    "tk",
    "bdt",
    "৳",
    "টাকা",
    "টাকায়",
    "টাকায়",
    "pkr",
    "روپے",
    "میں",
    "inr",
    "₹",
    "nu",
    "btn",
    "amount",
];

/// A schema column named with a note of its unit, `allocated (thousand)` or
/// `allocated (Rs.)`: the column and the scale the note gives, if any.
fn annotated_column(schema: Schema, header: &str) -> Option<(usize, Option<Scale>)> {
    let inner = header
        .strip_suffix(')')
        .map(|h| h.rsplit_once('('))
        .or_else(|| header.strip_suffix(']').map(|h| h.rsplit_once('[')))??;
    let (base, note) = inner;
    let base = base.trim_end_matches('_');
    let column = schema.columns.iter().position(|c| c.name == base)?;
    if let Some(scale) = Scale::find(note) {
        return Some((column, Some(scale)));
    }
    let only_currency = note
        .split(|c: char| c == '_' || c == '.' || c == '\'' || c.is_whitespace())
        .filter(|w| !w.is_empty())
        .all(|w| CURRENCY_NOTE_WORDS.contains(&w));
    only_currency.then_some((column, None))
}

impl Placed {
    /// True when a required column has neither a cell nor a translation in the header.
    fn misses_required(&self, schema: Schema) -> bool {
        (0..schema.columns.len()).any(|c| self.missing(schema, c))
    }

    /// True for a required column with no cell and no translation.
    fn missing(&self, schema: Schema, c: usize) -> bool {
        schema.columns[c].required && self.index[c].is_none() && self.translations[c].is_empty()
    }
}

fn column_list(schema: Schema) -> String {
    schema
        .columns
        .iter()
        .map(|c| c.name)
        .collect::<Vec<_>>()
        .join(", ")
}
