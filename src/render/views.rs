//! View types shared by the page kinds: what templates see. All values are finished text.

use crate::text::Shown;
use serde::Serialize;

/// One table cell. `lang` marks text in another language than the page. Fields that are
/// absent (or `num` when false) are left out of what templates see: most cells are plain
/// text, and a smaller value is quicker to build and to look up, cell after cell.
#[derive(Debug, Clone, Serialize, Default)]
pub struct Cell {
    pub text: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub lang: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub href: Option<String>,
    /// Right-aligned figure.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub num: bool,
    /// Machine-readable form (ISO date) for a `<time>` element.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub datetime: Option<String>,
    /// Second line in smaller type (e.g. an AD date, a sum in words).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
    /// A percentage drawn as a progress bar before the text (the text says the figure).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub progress: Option<u8>,
    /// A status class drawing a shape beside the word (`met`, `risk`, `missed`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub status: Option<&'static str>,
}

impl Cell {
    pub fn text(s: impl Into<String>) -> Cell {
        Cell {
            text: s.into(),
            ..Cell::default()
        }
    }

    pub fn shown(s: Shown) -> Cell {
        Cell {
            text: s.text,
            lang: s.lang,
            ..Cell::default()
        }
    }

    pub fn opt(s: Option<Shown>) -> Cell {
        s.map_or_else(|| Cell::text(""), Cell::shown)
    }

    pub fn num(s: impl Into<String>) -> Cell {
        Cell {
            text: s.into(),
            num: true,
            ..Cell::default()
        }
    }

    pub fn link(mut self, href: impl Into<String>) -> Cell {
        self.href = Some(href.into());
        self
    }

    pub fn note(mut self, note: Option<String>) -> Cell {
        self.note = note;
        self
    }
}

#[derive(Debug, Clone, Serialize)]
pub struct ColumnHead {
    pub label: String,
    pub num: bool,
}

/// A data table with a caption, column headers and optional totals.
/// The first cell of each row is its row header.
///
/// Templates (`table.html`) see `id`, `caption` and `columns` as they are, the rows as
/// `body`: finished `<tr>` elements, one per line, and the totals as `foot`: finished `<tr>`
/// elements on one line, empty when there are none. A budget or a register can have
/// thousands of cells; writing them here, rather than cell by cell in the template, takes
/// a fraction of the time.
#[derive(Debug, Clone)]
pub struct DataTable {
    pub id: String,
    pub caption: String,
    pub columns: Vec<ColumnHead>,
    pub rows: Vec<Vec<Cell>>,
    pub foot: Vec<Vec<Cell>>,
    /// What a cell showing `MISSING` says to assistive technology ("Not reported" in the
    /// page's language); empty leaves the dash as it is.
    pub missing: String,
}

/// The mark shown for a figure the council does not report.
pub const MISSING: &str = "—";

impl Serialize for DataTable {
    fn serialize<S: serde::Serializer>(&self, ser: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeStruct;
        let mut st = ser.serialize_struct("DataTable", 6)?;
        st.serialize_field("id", &self.id)?;
        st.serialize_field("caption", &self.caption)?;
        st.serialize_field("columns", &self.columns)?;
        st.serialize_field(
            "labels",
            &column_labels(
                self.columns
                    .iter()
                    .enumerate()
                    .skip(1)
                    .map(|(i, c)| (i + 1, c.label.as_str())),
            ),
        )?;
        st.serialize_field(
            "body",
            &table_body(&self.rows, &self.columns, &self.missing),
        )?;
        st.serialize_field(
            "foot",
            &table_foot(&self.foot, &self.columns, &self.missing),
        )?;
        st.end()
    }
}

/// Cells up to this position in a row (its header is 1) are labelled by their table, once
/// for every row: its `style` names the label of position N as `--cN` ([`column_labels`]),
/// and the stylesheet shows it beside each value when a narrow screen or a printed page
/// lays the rows out as blocks. A cell further along carries its own label in
/// `data-label`. A table of 50 rows and 4 columns so carries four labels, not 200.
pub const LABELLED: usize = 16;

/// The value of a table's `style` attribute naming the label of each column position from
/// `labels` (position, label) up to [`LABELLED`]: `--c2:'Date';--c3:'Amount'`, escaped for
/// CSS and for the attribute (templates write it with `| safe`).
pub fn column_labels<'a>(labels: impl IntoIterator<Item = (usize, &'a str)>) -> String {
    let mut css = String::new();
    for (position, label) in labels.into_iter().filter(|(p, _)| *p <= LABELLED) {
        if !css.is_empty() {
            css.push(';');
        }
        css.push_str("--c");
        css.push_str(&position.to_string());
        css.push_str(":'");
        for ch in label.chars() {
            match ch {
                '\\' | '\'' | '"' | '&' | '<' | '>' => {
                    css.push_str(&format!("\\{:x} ", ch as u32));
                }
                c if c.is_control() => css.push_str(&format!("\\{:x} ", c as u32)),
                c => css.push(c),
            }
        }
        css.push('\'');
    }
    css
}

/// The rows of a table as HTML, one per line: the first cell of a row is its header
/// (`<th scope="row">`). Empty attributes and notes are left out, as a template's
/// `{% if %}` would. A cell past [`LABELLED`] carries its column's label in `data-label`
/// (the table names the others), which the theme shows beside the value when a narrow
/// screen lays each row out as a block. A cell showing only `MISSING` is read out as
/// `missing` when that is given.
pub fn table_body(rows: &[Vec<Cell>], columns: &[ColumnHead], missing: &str) -> String {
    let mut out = String::with_capacity(rows.len() * 200);
    for row in rows {
        push_row(&mut out, row, columns, missing);
        out.push('\n');
    }
    out
}

/// The totals of a table as HTML, the rows on one line: written as body rows, of each cell
/// only its text and whether it is a figure.
pub fn table_foot(rows: &[Vec<Cell>], columns: &[ColumnHead], missing: &str) -> String {
    let mut out = String::new();
    for row in rows {
        let plain: Vec<Cell> = row
            .iter()
            .map(|c| Cell {
                text: c.text.clone(),
                num: c.num,
                ..Cell::default()
            })
            .collect();
        push_row(&mut out, &plain, columns, missing);
    }
    out
}

/// One `<tr>` element.
fn push_row(out: &mut String, row: &[Cell], columns: &[ColumnHead], missing: &str) {
    out.push_str("<tr>");
    for (i, cell) in row.iter().enumerate() {
        if i == 0 {
            out.push_str("<th scope=\"row\"");
        } else {
            out.push_str("<td");
            if let Some(head) = columns.get(i).filter(|_| i >= LABELLED) {
                out.push_str(" data-label=\"");
                escape_into(out, &head.label);
                out.push('"');
            }
        }
        if cell.num {
            out.push_str(" class=\"num\"");
        }
        if let Some(lang) = given(&cell.lang) {
            out.push_str(" lang=\"");
            escape_into(out, lang);
            out.push('"');
        }
        out.push('>');
        if let Some(p) = cell.progress {
            out.push_str("<progress max=\"100\" value=\"");
            out.push_str(&p.to_string());
            out.push_str("\" aria-hidden=\"true\"></progress> ");
        }
        if let Some(status) = cell.status.filter(|s| !s.is_empty()) {
            out.push_str("<span class=\"st ");
            escape_into(out, status);
            out.push_str("\" aria-hidden=\"true\"></span>");
        }
        if let Some(href) = given(&cell.href) {
            out.push_str("<a href=\"");
            escape_into(out, href);
            out.push_str("\">");
            escape_into(out, &cell.text);
            out.push_str("</a>");
        } else if let Some(datetime) = given(&cell.datetime) {
            out.push_str("<time datetime=\"");
            escape_into(out, datetime);
            out.push_str("\">");
            escape_into(out, &cell.text);
            out.push_str("</time>");
        } else if cell.text == MISSING && !missing.is_empty() {
            push_missing(out, missing);
        } else {
            escape_into(out, &cell.text);
        }
        if let Some(note) = given(&cell.note) {
            out.push_str(" <small>");
            escape_into(out, note);
            out.push_str("</small>");
        }
        out.push_str(if i == 0 { "</th>" } else { "</td>" });
    }
    out.push_str("</tr>");
}

/// The dash of a figure not reported, named for assistive technology: a screen reader says
/// "Not reported" where it would say "dash" or nothing. An image role with a label needs
/// no style sheet, and the page looks as before.
pub fn push_missing(out: &mut String, label: &str) {
    out.push_str("<span role=\"img\" aria-label=\"");
    escape_into(out, label);
    out.push_str("\">");
    out.push_str(MISSING);
    out.push_str("</span>");
}

/// A text attribute that is there and not empty.
fn given(v: &Option<String>) -> Option<&str> {
    v.as_deref().filter(|v| !v.is_empty())
}

/// Escapes text for HTML, as templates do: `&`, `<`, `>`, `"` and `'` (and drops control
/// characters, which HTML does not allow).
use crate::text::escape_markup_into as escape_into;

impl DataTable {
    pub fn new(id: &str, caption: impl Into<String>, columns: &[(String, bool)]) -> Self {
        DataTable {
            id: id.to_string(),
            caption: caption.into(),
            columns: columns
                .iter()
                .map(|(label, num)| ColumnHead {
                    label: label.clone(),
                    num: *num,
                })
                .collect(),
            rows: Vec::new(),
            foot: Vec::new(),
            missing: String::new(),
        }
    }

    /// The table with its dashes named `label` for assistive technology (see `MISSING`).
    pub fn not_reported(mut self, label: String) -> Self {
        self.missing = label;
        self
    }
}

/// A label and a finished value, for definition lists ("Population: 2,04,788").
#[derive(Debug, Clone, Serialize)]
pub struct Figure {
    pub label: String,
    pub value: String,
    pub note: Option<String>,
}

/// A link with its label, for menus and lists.
#[derive(Debug, Clone, Serialize)]
pub struct Link {
    pub label: Shown,
    pub href: String,
    pub current: bool,
}

/// A way to reach the council: label, value and an optional `tel:`/`mailto:` link.
#[derive(Debug, Clone, Serialize)]
pub struct Channel {
    pub label: String,
    pub value: Shown,
    pub href: Option<String>,
}

/// A titled block of facts and an optional checklist (a service, a ward office).
#[derive(Debug, Clone, Serialize)]
pub struct Section {
    pub id: String,
    pub heading: Shown,
    pub facts: Vec<Channel>,
    pub checklist_label: String,
    pub checklist: Vec<Shown>,
}

/// The view of the generic `dataset.html` template, used by most dataset pages.
#[derive(Debug, Clone, Serialize, Default)]
pub struct Generic {
    pub heading: Shown,
    pub intro: Vec<String>,
    pub links_label: String,
    pub links: Vec<Link>,
    pub figures: Vec<Figure>,
    pub notes: Vec<String>,
    pub chart: Option<String>,
    pub sections: Vec<Section>,
    pub tables: Vec<DataTable>,
}

#[cfg(test)]
mod table_tests {
    use super::*;

    fn heads(labels: &[&str]) -> Vec<ColumnHead> {
        labels
            .iter()
            .map(|l| ColumnHead {
                label: l.to_string(),
                num: false,
            })
            .collect()
    }

    #[test]
    fn rows_are_written_as_the_template_wrote_them() {
        let rows = vec![
            vec![
                Cell {
                    lang: Some("ne".into()),
                    ..Cell::text("शिक्षा <b>&\"'")
                },
                Cell {
                    progress: Some(0),
                    status: Some("met"),
                    ..Cell::num("12.5 %")
                },
                Cell::text("Road").link("projects/road.html"),
                Cell {
                    datetime: Some("2024-07-16".into()),
                    note: Some("16 July 2024".into()),
                    ..Cell::text("२०८१-०४-०१")
                },
            ],
            // Empty attributes are left out, as `{% if %}` in a template leaves them out.
            vec![Cell {
                lang: Some(String::new()),
                href: Some(String::new()),
                note: Some(String::new()),
                ..Cell::text("x")
            }],
        ];
        let columns = heads(&["Sector", "Share <%>", "Project", "Date"]);
        assert_eq!(
            table_body(&rows, &columns, ""),
            "<tr><th scope=\"row\" lang=\"ne\">शिक्षा &lt;b&gt;&amp;&quot;&#39;</th>\
             <td class=\"num\"><progress max=\"100\" value=\"0\" aria-hidden=\"true\"></progress> \
             <span class=\"st met\" aria-hidden=\"true\"></span>12.5 %</td>\
             <td><a href=\"projects/road.html\">Road</a></td>\
             <td><time datetime=\"2024-07-16\">२०८१-०४-०१</time> <small>16 July 2024</small></td></tr>\n\
             <tr><th scope=\"row\">x</th></tr>\n"
        );
        assert_eq!(table_body(&[], &columns, ""), "");
    }

    /// The table names the labels of the first sixteen cells of a row once, in CSS escaped
    /// for an attribute; a cell further along carries its own `data-label`.
    #[test]
    fn labels_are_named_once_by_the_table_up_to_the_sixteenth_cell() {
        assert_eq!(
            column_labels([(2, "Amount"), (3, "it's \"a\" \\ <b>&"), (17, "far")]),
            "--c2:'Amount';--c3:'it\\27 s \\22 a\\22  \\5c  \\3c b\\3e \\26 '"
        );
        assert_eq!(column_labels([]), "");
        let names: Vec<String> = (1..=18).map(|i| format!("c{i}")).collect();
        let names: Vec<&str> = names.iter().map(String::as_str).collect();
        let row: Vec<Cell> = (1..=18).map(|i| Cell::num(i.to_string())).collect();
        let body = table_body(&[row], &heads(&names), "");
        assert_eq!(body.matches("data-label").count(), 2, "{body}");
        assert!(
            body.contains("<td class=\"num\">16</td><td data-label=\"c17\" class=\"num\">17</td>")
        );
        let table = DataTable::new(
            "t",
            "T",
            &names
                .iter()
                .map(|n| (n.to_string(), true))
                .collect::<Vec<_>>(),
        );
        let style = serde_json::to_value(&table).unwrap()["labels"]
            .as_str()
            .unwrap()
            .to_string();
        assert!(
            style.starts_with("--c2:'c2';--c3:'c3'") && style.ends_with(";--c16:'c16'"),
            "{style}"
        );
    }

    #[test]
    fn totals_are_written_on_one_line_with_text_and_figures_only() {
        let total = vec![
            Cell::text("Total"),
            Cell::num("1,500"),
            Cell {
                status: Some("met"),
                lang: Some("en".into()),
                ..Cell::text("Met & more")
            },
        ];
        assert_eq!(
            table_foot(&[total.clone(), total], &heads(&["", "Amount"]), ""),
            "<tr><th scope=\"row\">Total</th>\
             <td class=\"num\">1,500</td>\
             <td>Met &amp; more</td></tr>"
                .repeat(2)
        );
        assert_eq!(table_foot(&[], &[], ""), "");
    }

    #[test]
    fn a_dash_is_named_for_assistive_technology() {
        let rows = vec![vec![
            Cell::text("Roads"),
            Cell::num(MISSING),
            Cell::num("5"),
        ]];
        let columns = heads(&["", "Spent", "Lines"]);
        assert_eq!(
            table_body(&rows, &columns, "Not \"reported\""),
            "<tr><th scope=\"row\">Roads</th>\
             <td class=\"num\"><span role=\"img\" aria-label=\"Not &quot;reported&quot;\">—</span></td>\
             <td class=\"num\">5</td></tr>\n"
        );
        // Without a label the dash stays as it was.
        assert!(table_body(&rows, &columns, "").contains("class=\"num\">—</td>"));
    }
}
