//! Warnings for text typed in a legacy font (Preeti, Bijoy) or left with split vowel signs
//! by a converter, in every CSV cell, YAML string and markdown text of a council, each at
//! its file, line and column with the text in Unicode as the suggestion.

use super::site::Site;
use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::load::{CouncilFiles, SourceFile};
use crate::text::legacy::Words;
use crate::text::legacy::scan::{
    Hit, Problem, check_value_in, markdown_lang, markdown_prose, yaml_values,
};

/// Characters of a value shown in a message; the rest is cut.
const SHOWN_CHARS: usize = 60;

/// Checks every text of the council (see the module's description).
pub fn check(files: &CouncilFiles, site: &Site, diags: &mut Diagnostics) {
    let lang = site.default_lang();
    // The council's words, each scored once for all its files.
    let mut words = Words::default();
    let tables = files.tables.iter().map(|(_, t)| t);
    for table in tables.chain(files.datasets.iter().map(|(_, t, _)| t)) {
        let warnings = table.cell_warnings(|header, cell| {
            if looks_like_code(cell) {
                return None;
            }
            let cell_lang = header.split_once(':').map_or(lang, |(_, l)| l);
            check_value_in(cell_lang, cell.trim(), &mut words).map(|hit| message(cell.trim(), &hit))
        });
        for d in warnings {
            diags.push(d);
        }
    }
    let yaml_files = files.site.iter().chain(&files.profile);
    for file in yaml_files.chain(files.datasets.iter().filter_map(|(_, _, y)| y.as_ref())) {
        check_yaml(file, lang, &mut words, diags);
    }
    for file in files.pages.iter().chain(&files.decision_texts) {
        check_markdown(file, lang, &mut words, diags);
    }
}

/// A code rather than words: lower-case ASCII parts joined by `-`, `_`, `.`, `;`, `:`, `/`
/// or `@`, each part a number or holding a vowel (`chief-administrative-officer;spokesperson`,
/// `tax-act-2081`). The keys of a legacy font spell words without vowels (`gu/kflnsf` is
/// नगरपालिका), so such a value is not one.
fn looks_like_code(value: &str) -> bool {
    // One part alone is no code: most cells are done here.
    if !value.bytes().any(|b| b"-_.;:/@".contains(&b)) {
        return false;
    }
    let parts: Vec<&str> = value
        .trim()
        .split(|c: char| "-_.;:/@".contains(c))
        .collect();
    parts.len() > 1
        && parts.iter().all(|p| {
            !p.is_empty()
                && p.chars()
                    .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit())
                && (p.chars().all(|c| c.is_ascii_digit())
                    || p.contains(['a', 'e', 'i', 'o', 'u', 'y']))
        })
}

/// The message and hint for a value with a problem.
fn message(value: &str, hit: &Hit) -> (String, String) {
    let shown = cut(value);
    let suggestion = cut(&hit.suggestion);
    match hit.problem {
        Problem::Legacy(font) => (
            format!("\"{shown}\" looks typed in the {} font; in Unicode it reads \"{suggestion}\"", font.name()),
            "retype it in Unicode, or run `khula fix --legacy-fonts` to convert the files in place \
             (or set legacy_fonts: convert in site.yaml to convert them when building)"
                .to_string(),
        ),
        Problem::Split => (
            format!("\"{shown}\" has vowel signs split in two, left by a font converter; it should read \"{suggestion}\""),
            "run `khula fix --legacy-fonts` to join them".to_string(),
        ),
    }
}

fn cut(text: &str) -> String {
    let mut out: String = text.chars().take(SHOWN_CHARS).collect();
    if text.chars().count() > SHOWN_CHARS {
        out.push('…');
    }
    out
}

fn check_yaml(file: &SourceFile, default_lang: &str, words: &mut Words, diags: &mut Diagnostics) {
    for value in yaml_values(&file.text, default_lang) {
        let text = &file.text[value.range.clone()];
        if let Some(hit) = check_value_in(&value.lang, text, words) {
            diags.push(located(file, value.range.start, text, &hit));
        }
    }
}

fn check_markdown(
    file: &SourceFile,
    default_lang: &str,
    words: &mut Words,
    diags: &mut Diagnostics,
) {
    let lang = markdown_lang(&file.name, default_lang);
    let prose = markdown_prose(&file.text);
    let mut start = 0;
    for line in prose.split_inclusive('\n') {
        let text = line.trim_end_matches(['\n', '\r']);
        if let Some(hit) = check_value_in(lang, text, words) {
            let original = &file.text[start..start + text.len()];
            diags.push(located(file, start, original.trim(), &hit));
        }
        start += line.len();
    }
}

/// A warning at the problem of a value starting at byte `value_start` of `file`.
fn located(file: &SourceFile, value_start: usize, value: &str, hit: &Hit) -> Diagnostic {
    let byte = value_start + hit.span.start;
    let (line, column) = crate::diagnostics::line_column(&file.text, byte);
    let width = file.text[byte..byte + hit.span.len()].chars().count();
    let (message, hint) = message(value, hit);
    Diagnostic::warning(&file.shown, message)
        .hint(hint)
        .at_source(&file.text, line, column, width)
}

#[cfg(test)]
mod code_tests {
    use super::looks_like_code;

    #[test]
    fn codes_are_told_from_legacy_font_text() {
        assert!(looks_like_code(
            "chief-administrative-officer;grievance-officer"
        ));
        assert!(looks_like_code("finance-act-2081"));
        assert!(!looks_like_code("gu/kflnsf"));
        assert!(!looks_like_code("sfof{no"));
        assert!(!looks_like_code("officer"));
    }
}
