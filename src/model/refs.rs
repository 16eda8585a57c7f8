//! References that name pages (`decisions/<ref>.html`, `tenders/<ref>.html`): each used
//! once, short enough for every disk, and not told apart by capital letters alone.

use crate::diagnostics::Diagnostics;
use crate::load::RowRef;
use crate::load::table::ColumnName;
use crate::model::decisions::{MAX_PAGE_NAME, page_name};
use std::collections::{BTreeMap, HashMap};

/// The references of one file met so far.
pub struct Refs {
    /// What a reference names, for messages: "decision", "tender".
    noun: &'static str,
    /// Page name of each ref, with the line it is on.
    seen: BTreeMap<String, usize>,
    /// Page names in lowercase: `X-1` and `x-1` are one file on a FAT USB stick.
    folded: HashMap<String, (String, usize)>,
}

impl Refs {
    pub fn new(noun: &'static str) -> Refs {
        Refs {
            noun,
            seen: BTreeMap::new(),
            folded: HashMap::new(),
        }
    }

    /// The page name of every ref met, with its line.
    pub fn seen(&self) -> &BTreeMap<String, usize> {
        &self.seen
    }

    /// The ref in `column` of `row`, checked with [`Refs::check`]; an empty cell is
    /// reported with `example` as the hint.
    pub fn required(
        &mut self,
        row: &RowRef<'_>,
        column: impl ColumnName,
        example: &str,
        diags: &mut Diagnostics,
    ) -> Option<String> {
        let reference = row.str(column).map(str::to_string);
        match &reference {
            Some(r) => self.check(row, column, r, diags),
            None => diags.push(row.error_at(column, "ref is empty").hint(example)),
        }
        reference
    }

    /// Reports the ref `r` in `column` of `row` if it repeats one met before, is too long,
    /// or differs from one only in capital letters; else remembers it.
    pub fn check(
        &mut self,
        row: &RowRef<'_>,
        column: impl ColumnName,
        r: &str,
        diags: &mut Diagnostics,
    ) {
        let noun = self.noun;
        let key = page_name(r);
        if let Some(first) = self.seen.get(&key) {
            diags.push(
                row.error_at(
                    column,
                    format!("{noun} ref {r} is used twice (first on line {first})"),
                )
                .hint(format!("give every {noun} its own ref")),
            );
        } else if key.len() > MAX_PAGE_NAME {
            diags.push(
                row.error_at(
                    column,
                    format!(
                        "{noun} ref {r} is {} characters long; a ref names the {noun}'s \
                         page, and names of over {MAX_PAGE_NAME} characters do not fit every \
                         disk",
                        key.len()
                    ),
                )
                .hint("shorten the ref, e.g. 2081-012"),
            );
        } else if let Some((other, line)) = self.folded.get(&key.to_lowercase()) {
            diags.push(
                row.error_at(
                    column,
                    format!(
                        "{noun} ref {r} differs from ref {other} (line {line}) only in \
                         capital letters"
                    ),
                )
                .hint(format!(
                    "their pages would be one file on a USB stick or on Windows; give every \
                     {noun} its own ref"
                )),
            );
        } else {
            self.folded
                .insert(key.to_lowercase(), (r.to_string(), row.line()));
            self.seen.insert(key, row.line());
        }
    }
}
