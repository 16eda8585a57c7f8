//! The tax-rates page: one table per tax.

use super::Emitter;
use super::views::{Cell, DataTable};
use crate::diagnostics::Diagnostic;
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
        );
        for r in &tax.rates {
            let rate = if r.percent {
                loc.percent(Some(r.rate.to_f64()))
            } else {
                loc.amount(r.rate)
            };
            table.rows.push(vec![
                Cell::opt(loc.opt_text(r.category.as_ref())),
                Cell::num(rate),
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
