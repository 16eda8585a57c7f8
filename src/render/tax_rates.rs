//! The tax-rates page: one table per tax.

use super::Emitter;
use super::export::{Context, ExportTable, FieldType, amount, text_cells};
use super::locale::Locale;
use super::views::{Cell, DataTable};
use crate::diagnostics::Diagnostic;
use crate::model::Council;
use crate::model::tax_rates::Rate;
use crate::text::Shown;
use crate::text::Text;
use serde::Serialize;

#[derive(Serialize)]
struct TaxView {
    heading: String,
    tables: Vec<DataTable>,
}

pub(super) fn render(emit: &mut Emitter) -> Result<(), Diagnostic> {
    let loc = emit.locale;
    let Some(rates) = &emit.council.tax_rates else {
        return Ok(());
    };
    let mut tables = Vec::new();
    for (i, tax) in rates.taxes.iter().enumerate() {
        let name = loc.text(&tax.tax);
        let mut table = DataTable::new(
            &format!("tax-{}", i + 1),
            name.text.clone(),
            &[
                (loc.t("category"), false),
                (loc.t("rate"), true),
                (loc.t("unit"), false),
                (loc.t("fiscal_year"), false),
                (loc.t("basis"), false),
                (loc.t("notes"), false),
            ],
        )
        .not_reported(loc.t("not_reported"));
        for r in &tax.rates {
            let rate = match rate_shown(loc, &r.rate) {
                (shown, true) => Cell::num(shown.text),
                (shown, false) => Cell::shown(shown),
            };
            table.rows.push(vec![
                Cell::opt(loc.opt_text(r.category.as_ref())),
                rate,
                Cell::opt(loc.opt_text(r.unit.as_ref())),
                Cell::text(
                    r.fiscal_year
                        .map_or_else(String::new, |fy| loc.fiscal_year(fy)),
                ),
                Cell::opt(loc.opt_text(r.basis.as_ref())),
                Cell::opt(loc.opt_text(r.notes.as_ref())),
            ]);
        }
        tables.push(table);
    }
    let heading = loc.t("tax_rates");
    let view = TaxView {
        heading: heading.clone(),
        tables,
    };
    emit.page("tax-rates.html", "tax_rates.html", &heading, &view)
}

/// A rate as the page shows it, and whether it is a number (aligned as one): a percentage
/// with the decimals it was written with (0.05 %), an amount, "free", or the rule as written.
fn rate_shown(loc: &Locale, rate: &Rate) -> (Shown, bool) {
    let text = match rate {
        Rate::Number {
            value,
            percent: true,
            decimals,
        } => loc.isolated(loc.numbers.percent(value.to_f64(), *decimals)),
        Rate::Number { value, .. } => loc.amount(*value),
        Rate::Free => loc.t("free"),
        Rate::Rule(rule) => return (loc.text(rule), false),
    };
    (Shown { text, lang: None }, true)
}

/// The download: one row per rate. `rate` is the number (0 when free, empty for a rule),
/// `rate_unit` is `%` for a percentage (and so is `unit` when the file gave none), and
/// `rate_text` is a rate given as a rule in words, in each language.
pub(super) fn export(council: &Council, cx: &Context) -> Vec<ExportTable> {
    let Some(r) = &council.tax_rates else {
        return Vec::new();
    };
    let langs = cx.langs;
    let mut t = cx.table("tax-rates", "Tax rates", "tax_rates", "tax-rates.html");
    t.text_fields("tax", langs);
    t.text_fields("category", langs);
    t.field("rate", FieldType::Number);
    t.field("rate_unit", FieldType::String);
    t.text_fields("rate_text", langs);
    t.text_fields("unit", langs);
    t.field("fiscal_year", FieldType::String);
    t.text_fields("basis", langs);
    t.text_fields("notes", langs);
    for tax in &r.taxes {
        for rate in &tax.rates {
            let mut row = Vec::new();
            text_cells(&mut row, Some(&tax.tax), langs);
            text_cells(&mut row, rate.category.as_ref(), langs);
            row.push(amount(rate.rate.value()));
            row.push(rate.rate.is_percent().then(|| "%".to_string()));
            let rule = match &rate.rate {
                Rate::Rule(rule) => Some(rule),
                _ => None,
            };
            text_cells(&mut row, rule, langs);
            let unit = if rate.rate.is_percent() && rate.unit.is_none() {
                Some(Text::plain("%"))
            } else {
                rate.unit.clone()
            };
            text_cells(&mut row, unit.as_ref(), langs);
            row.push(rate.fiscal_year.map(|fy| cx.fiscal_year(fy)));
            text_cells(&mut row, rate.basis.as_ref(), langs);
            text_cells(&mut row, rate.notes.as_ref(), langs);
            t.rows.push(row);
        }
    }
    vec![t]
}
