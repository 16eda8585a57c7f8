//! Bar charts drawn as inline SVG: no script, no image request, readable by screen readers
//! through `role="img"`, `<title>` and `<desc>`, with the same figures in a table beside them.

use crate::text::escape_markup as escape;
use std::fmt::Write;

/// One group of bars: a label and up to two values (e.g. allocated and spent).
pub struct Bar {
    pub label: String,
    pub label_lang: Option<String>,
    pub values: [Option<f64>; 2],
    /// Finished text for each value, written at the end of its bar.
    pub texts: [String; 2],
}

pub struct BarChart<'a> {
    pub id: &'a str,
    pub title: &'a str,
    pub desc: &'a str,
    pub series: [&'a str; 2],
    pub bars: Vec<Bar>,
    pub rtl: bool,
}

/// Drawn at about a phone's width so its text stays readable when scaled to fit.
const WIDTH: f64 = 360.0;
/// The height of a bar with the gap below it.
const BAR: f64 = 14.0;
/// The height of the legend row.
const LEGEND: f64 = 28.0;

impl BarChart<'_> {
    /// The chart as an SVG element. Bars grow from the start edge of the reading direction.
    pub fn to_svg(&self) -> String {
        let group = self.label_height() + 2.0 * BAR + 14.0;
        let max = self
            .bars
            .iter()
            .flat_map(|b| b.values.iter().flatten())
            .fold(0.0_f64, |m, v| m.max(*v));
        let scale = if max > 0.0 {
            (WIDTH - 110.0) / max
        } else {
            0.0
        };
        let height = LEGEND + group * self.bars.len() as f64;
        let mut svg = String::new();
        let _ = write!(
            svg,
            r#"<svg class="chart" role="img" aria-labelledby="{id}-t {id}-d" viewBox="0 0 {WIDTH} {height}" width="100%" xmlns="http://www.w3.org/2000/svg"><title id="{id}-t">{title}</title><desc id="{id}-d">{desc}</desc>"#,
            id = self.id,
            title = escape(self.title),
            desc = escape(self.desc),
        );
        self.legend(&mut svg);
        for (g, bar) in self.bars.iter().enumerate() {
            self.bar_group(&mut svg, bar, LEGEND + g as f64 * group, scale);
        }
        svg.push_str("</svg>");
        svg
    }

    /// The height of a group's label row: Nastaliq and other tall scripts need a taller
    /// row for the sector name.
    fn label_height(&self) -> f64 {
        if self.rtl { 28.0 } else { 20.0 }
    }

    /// Where text starts in the reading direction: its `text-anchor` and x.
    fn start(&self) -> (&'static str, f64) {
        if self.rtl {
            ("end", WIDTH)
        } else {
            ("start", 0.0)
        }
    }

    /// A swatch and a word for each series, so colour is never the only cue.
    fn legend(&self, svg: &mut String) {
        let (anchor_start, _) = self.start();
        for (i, name) in self.series.iter().enumerate() {
            let offset = i as f64 * 150.0;
            let x = if self.rtl {
                WIDTH - offset - 14.0
            } else {
                offset
            };
            let tx = if self.rtl { x - 6.0 } else { x + 20.0 };
            let _ = write!(
                svg,
                r#"<rect class="s{i}" x="{x}" y="4" width="14" height="14"/><text x="{tx}" y="16" text-anchor="{anchor_start}">{}</text>"#,
                escape(name)
            );
        }
    }

    /// One group at `top`: its label, then a bar and its figure for each series; `scale`
    /// turns a value into a width.
    fn bar_group(&self, svg: &mut String, bar: &Bar, top: f64, scale: f64) {
        let (anchor_start, x0) = self.start();
        let lang = bar
            .label_lang
            .as_ref()
            .map(|l| format!(r#" lang="{}""#, escape(l)))
            .unwrap_or_default();
        let _ = write!(
            svg,
            r#"<text x="{x0}" y="{y}" text-anchor="{anchor_start}" class="label"{lang}>{}</text>"#,
            escape(&bar.label),
            y = top + 14.0,
        );
        for (i, value) in bar.values.iter().enumerate() {
            let y = top + self.label_height() + i as f64 * BAR;
            let w = value.map_or(0.0, |v| (v * scale).max(0.0));
            let x = if self.rtl { WIDTH - w } else { 0.0 };
            let _ = write!(
                svg,
                r#"<rect class="s{i}" x="{x:.1}" y="{y}" width="{w:.1}" height="{h}"/>"#,
                h = BAR - 2.0
            );
            let tx = if self.rtl { WIDTH - w - 4.0 } else { w + 4.0 };
            let _ = write!(
                svg,
                r#"<text x="{tx:.1}" y="{ty}" text-anchor="{anchor_start}" class="v">{}</text>"#,
                escape(&bar.texts[i]),
                ty = y + BAR - 4.0,
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn chart(rtl: bool) -> String {
        BarChart {
            id: "c",
            title: "Budget <2080>",
            desc: "Same figures in the table",
            series: ["Allocated", "Spent"],
            bars: vec![Bar {
                label: "शिक्षा".into(),
                label_lang: Some("ne".into()),
                values: [Some(100.0), None],
                texts: ["100".into(), "—".into()],
            }],
            rtl,
        }
        .to_svg()
    }

    #[test]
    fn accessible_and_escaped() {
        let svg = chart(false);
        assert!(svg.starts_with("<svg class=\"chart\" role=\"img\""));
        assert!(svg.contains("<title id=\"c-t\">Budget &lt;2080&gt;</title>"));
        assert!(svg.contains("lang=\"ne\""));
        assert!(svg.contains(">Allocated<") && svg.contains(">Spent<"));
    }

    #[test]
    fn rtl_bars_grow_from_the_right() {
        let svg = chart(true);
        assert!(
            svg.contains("x=\"110.0\" y=\"56\" width=\"250.0\""),
            "{svg}"
        );
    }
}
