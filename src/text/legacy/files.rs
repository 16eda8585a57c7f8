//! Legacy-font text converted in whole files, keeping everything else as it is: the CSV
//! cells, YAML strings and markdown prose that [`super::scan`] finds. Used by `khula fix
//! --legacy-fonts` and by a build with `legacy_fonts: convert` in site.yaml.

use super::scan::{fix_value, markdown_lang, markdown_prose, yaml_values};

/// Changes made to a file: (1-based line, value before, value after).
pub type Changes = Vec<(usize, String, String)>;

/// `text` of the file `name` with its values fixed, and each change as (line, before,
/// after).
pub fn fix_text(name: &str, text: &str, default_lang: &str) -> (String, Changes) {
    if name.ends_with(".csv") {
        fix_csv(text, default_lang)
    } else if name.ends_with(".yaml") {
        fix_yaml(text, default_lang)
    } else {
        fix_markdown(text, markdown_lang(name, default_lang))
    }
}

/// A CSV file with its cells fixed; a changed row is written again (quoted where needed),
/// the other rows are kept byte for byte.
pub fn fix_csv(text: &str, default_lang: &str) -> (String, Changes) {
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .from_reader(text.as_bytes());
    let mut starts = Vec::new();
    let mut records = Vec::new();
    for record in reader.records() {
        let Ok(record) = record else {
            // A file the build cannot read either: left to its error.
            return (text.to_string(), Vec::new());
        };
        let position = record.position().map_or(0, |p| p.byte() as usize);
        starts.push(position);
        records.push(record);
    }
    let Some(header) = records.first() else {
        return (text.to_string(), Vec::new());
    };
    let langs: Vec<String> = header
        .iter()
        .map(|h| {
            h.split_once(':')
                .map_or(default_lang, |(_, l)| l.trim())
                .to_string()
        })
        .collect();
    let mut out = String::with_capacity(text.len());
    let mut changes = Vec::new();
    let mut copied = 0;
    for (n, record) in records.iter().enumerate().skip(1) {
        // The fixed cells; `None` for a cell left as it is.
        let mut fixed: Vec<Option<String>> = Vec::new();
        for (i, cell) in record.iter().enumerate() {
            let lang = langs.get(i).map_or(default_lang, String::as_str);
            let value = fix_value(lang, cell, cell);
            if let Some(after) = &value {
                let line = crate::diagnostics::line_column(text, skip_line_ends(text, starts[n])).0;
                changes.push((line, cell.to_string(), after.clone()));
            }
            fixed.push(value);
        }
        if fixed.iter().all(Option::is_none) {
            continue;
        }
        let start = skip_line_ends(text, starts[n]);
        let end = starts
            .get(n + 1)
            .map_or(text.len(), |&s| skip_line_ends(text, s));
        let ending = &text[start..end][text[start..end].trim_end_matches(['\r', '\n']).len()..];
        out.push_str(&text[copied..start]);
        out.push_str(&rewritten_row(
            &text[start..end - ending.len()],
            record,
            &fixed,
        ));
        out.push_str(ending);
        copied = end;
    }
    out.push_str(&text[copied..]);
    (out, changes)
}

/// Past the line ends a record's reported start may point at.
fn skip_line_ends(text: &str, mut at: usize) -> usize {
    while matches!(text.as_bytes().get(at), Some(b'\r' | b'\n')) {
        at += 1;
    }
    at
}

/// A row with its fixed cells written anew (quoted where needed) and its other cells kept
/// as they were typed, quotes and all.
fn rewritten_row(raw: &str, record: &csv::StringRecord, fixed: &[Option<String>]) -> String {
    let cells = raw_cells(raw);
    if cells.len() != record.len() {
        // Not split as the reader split it: the whole row is written anew.
        let values: Vec<String> = record
            .iter()
            .zip(fixed)
            .map(|(cell, f)| f.clone().unwrap_or_else(|| cell.to_string()))
            .collect();
        return csv_row(&values);
    }
    let parts: Vec<String> = cells
        .iter()
        .zip(fixed)
        .map(|(cell, f)| match f {
            Some(value) => csv_row(std::slice::from_ref(value)),
            None => cell.to_string(),
        })
        .collect();
    parts.join(",")
}

/// The cells of one CSV row as typed, split at commas outside quoted cells.
fn raw_cells(row: &str) -> Vec<&str> {
    let mut cells = Vec::new();
    let mut start = 0;
    // In a cell that starts with a quote, every quote toggles (a doubled one twice).
    let mut quoted_cell = false;
    let mut inside = false;
    for (i, c) in row.char_indices() {
        match c {
            '"' if i == start => {
                quoted_cell = true;
                inside = true;
            }
            '"' if quoted_cell => inside = !inside,
            ',' if !inside => {
                cells.push(&row[start..i]);
                start = i + 1;
                quoted_cell = false;
            }
            _ => {}
        }
    }
    cells.push(&row[start..]);
    cells
}

/// One CSV row, quoted where needed, without its line end.
fn csv_row(fields: &[String]) -> String {
    let mut writer = csv::WriterBuilder::new().from_writer(Vec::new());
    let _ = writer.write_record(fields);
    let bytes = writer.into_inner().unwrap_or_default();
    String::from_utf8_lossy(&bytes)
        .trim_end_matches(['\r', '\n'])
        .to_string()
}

/// A YAML file with its string values fixed; a plain value that needs quotes after the fix
/// gets them.
pub fn fix_yaml(text: &str, default_lang: &str) -> (String, Changes) {
    let mut out = text.to_string();
    let mut changes = Vec::new();
    for value in yaml_values(text, default_lang).into_iter().rev() {
        let before = &text[value.range.clone()];
        let Some(after) = fix_value(&value.lang, before, before) else {
            continue;
        };
        let quoted =
            value.range.start > 0 && matches!(text.as_bytes()[value.range.start - 1], b'"' | b'\'');
        let written = if quoted {
            after.replace('\\', "\\\\").replace('"', "\\\"")
        } else if needs_quotes(&after) {
            format!("\"{}\"", after.replace('\\', "\\\\").replace('"', "\\\""))
        } else {
            after.clone()
        };
        out.replace_range(value.range.clone(), &written);
        let line = crate::diagnostics::line_column(text, value.range.start).0;
        changes.push((line, before.to_string(), after));
    }
    changes.reverse();
    (out, changes)
}

/// Whether a plain YAML scalar would mean something else written as it is.
fn needs_quotes(value: &str) -> bool {
    value.contains(": ")
        || value.contains(" #")
        || value.contains(['{', '}', '[', ']', ','])
        || value.starts_with(['?', '-', '!', '&', '*', '|', '>', '@', '`', '%', '"', '\''])
}

/// A markdown file with its prose fixed; code, link targets, HTML tags and the front
/// matter's keys are kept (the front matter's values are fixed as YAML).
pub fn fix_markdown(text: &str, lang: &str) -> (String, Changes) {
    let (front_len, mut changes, mut out) = match front_matter(text) {
        Some(yaml) => {
            let (fixed, changes) = fix_yaml(&text[yaml.clone()], lang);
            let changes: Vec<_> = changes.into_iter().map(|(l, b, a)| (l + 1, b, a)).collect();
            (yaml.end, changes, format!("{}{fixed}", &text[..yaml.start]))
        }
        None => (0, Vec::new(), String::new()),
    };
    let prose = markdown_prose(text);
    let mut at = 0;
    for (n, line) in text.split_inclusive('\n').enumerate() {
        let end = at + line.len();
        if at < front_len {
            at = end;
            continue;
        }
        let content = line.trim_end_matches(['\n', '\r']);
        let masked = &prose[at..at + content.len()];
        match fix_value(lang, masked, content) {
            Some(fixed) => {
                changes.push((n + 1, content.trim().to_string(), fixed.trim().to_string()));
                out.push_str(&fixed);
                out.push_str(&line[content.len()..]);
            }
            None => out.push_str(line),
        }
        at = end;
    }
    (out, changes)
}

/// The byte range of the YAML between a first line `---` and the next `---` line.
fn front_matter(text: &str) -> Option<std::ops::Range<usize>> {
    let mut lines = text.split_inclusive('\n');
    let first = lines.next()?;
    if first.trim_end() != "---" {
        return None;
    }
    let mut at = first.len();
    for line in lines {
        if line.trim_end() == "---" {
            return Some(first.len()..at);
        }
        at += line.len();
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn csv_changes_only_the_rows_it_fixes() {
        let text =
            "name,name:en,fee\r\ngu/kflnsf,\"Municipality\",500\r\n\"वडा, कार्यालय\",Ward,0\r\n";
        let (fixed, changes) = fix_csv(text, "ne");
        assert_eq!(
            fixed,
            "name,name:en,fee\r\nनगरपालिका,\"Municipality\",500\r\n\"वडा, कार्यालय\",Ward,0\r\n"
        );
        assert_eq!(
            changes,
            [(2, "gu/kflnsf".to_string(), "नगरपालिका".to_string())]
        );
        assert_eq!(fix_csv(&fixed, "ne").1, []);
    }

    #[test]
    fn raw_cells_split_as_the_reader_does() {
        assert_eq!(
            raw_cells("a,\"b, \"\"c\"\"\",d\"e,"),
            ["a", "\"b, \"\"c\"\"\"", "d\"e", ""]
        );
    }

    #[test]
    fn yaml_keeps_keys_quotes_and_english() {
        let text =
            "name: {ne: \"w/fg gu/kflnsf\", en: Dharan}\nkind: gu/kflnsf # typed in Preeti\n";
        let (fixed, changes) = fix_yaml(text, "ne");
        assert_eq!(
            fixed,
            "name: {ne: \"धरान नगरपालिका\", en: Dharan}\nkind: नगरपालिका # typed in Preeti\n"
        );
        assert_eq!(changes.len(), 2);
        assert_eq!(fix_yaml(&fixed, "ne").1, []);
    }

    #[test]
    fn markdown_keeps_code_and_links() {
        let text = "---\ntitle: {ne: \"sfof{no\", en: Office}\n---\nsfof{no `sfof{no` [gu/kflnsf](https://a.np/sfof{no)\n";
        let (fixed, changes) = fix_markdown(text, "ne");
        assert_eq!(
            fixed,
            "---\ntitle: {ne: \"कार्यालय\", en: Office}\n---\nकार्यालय `sfof{no` [नगरपालिका](https://a.np/sfof{no)\n"
        );
        assert_eq!(changes[0].0, 2);
        assert_eq!(changes[1].0, 4);
        assert_eq!(fix_markdown(&fixed, "ne").1, []);
    }
}
