//! Bar charts drawn in HTML and CSS: no script, no image request, text that grows with the
//! reader's and wraps on a phone, one image to screen readers (`role="img"` with a title and
//! a description), with the same figures in a table beside them.

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
}

impl BarChart<'_> {
    /// The chart as HTML: a block of text and bars laid out by the stylesheet, so that it
    /// grows with the reader's text size, wraps on a narrow screen, follows the reading
    /// direction and reads as plain lines without CSS. It is one image to screen readers
    /// (`role="img"`, named by its title and description), whose figures are in the table
    /// beside it. Each bar's length is its value as a share of the largest (`--w`, 0 to 1).
    pub fn to_html(&self) -> String {
        let max = self
            .bars
            .iter()
            .flat_map(|b| b.values.iter().flatten())
            .fold(0.0_f64, |m, v| m.max(*v));
        let mut html = String::new();
        let _ = write!(
            html,
            r#"<div class="bars" role="img" aria-labelledby="{id}-t {id}-d"><p id="{id}-t" class="vh">{title}</p><p id="{id}-d" class="vh">{desc}</p><p class="key"><span><i class="s0"></i> {s0}</span> <span><i class="s1"></i> {s1}</span></p>"#,
            id = self.id,
            title = escape(self.title),
            desc = escape(self.desc),
            s0 = escape(self.series[0]),
            s1 = escape(self.series[1]),
        );
        for bar in &self.bars {
            let lang = bar
                .label_lang
                .as_ref()
                .map(|l| format!(r#" lang="{}""#, escape(l)))
                .unwrap_or_default();
            let _ = write!(
                html,
                r#"<div class="g"><p{lang}>{}</p>"#,
                escape(&bar.label)
            );
            for (i, value) in bar.values.iter().enumerate() {
                let share = match value {
                    Some(v) if max > 0.0 => (v / max).clamp(0.0, 1.0),
                    _ => 0.0,
                };
                let _ = write!(
                    html,
                    r#"<p class="b"><i class="s{i}" style="--w:{share:.3}"></i> <bdi>{}</bdi></p>"#,
                    escape(&bar.texts[i])
                );
            }
            html.push_str("</div>");
        }
        html.push_str("</div>");
        html
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn chart() -> String {
        BarChart {
            id: "c",
            title: "Budget <2080>",
            desc: "Same figures in the table",
            series: ["Allocated", "Spent"],
            bars: vec![
                Bar {
                    label: "शिक्षा".into(),
                    label_lang: Some("ne".into()),
                    values: [Some(100.0), None],
                    texts: ["100".into(), "—".into()],
                },
                Bar {
                    label: "Roads & bridges".into(),
                    label_lang: None,
                    values: [Some(400.0), Some(300.0)],
                    texts: ["400".into(), "300".into()],
                },
            ],
        }
        .to_html()
    }

    #[test]
    fn one_image_named_by_its_title_and_escaped() {
        let html = chart();
        assert!(html.starts_with(r#"<div class="bars" role="img" aria-labelledby="c-t c-d">"#));
        assert!(html.contains(r#"<p id="c-t" class="vh">Budget &lt;2080&gt;</p>"#));
        assert!(html.contains(r#"<p lang="ne">शिक्षा</p>"#));
        assert!(html.contains("Roads &amp; bridges"));
        assert!(html.contains("</i> Allocated</span>") && html.contains("</i> Spent</span>"));
    }

    #[test]
    fn bars_are_shares_of_the_largest_value() {
        let html = chart();
        let widths: Vec<&str> = html
            .split("--w:")
            .skip(1)
            .map(|s| s.split('"').next().unwrap_or_default())
            .collect();
        assert_eq!(widths, ["0.250", "0.000", "1.000", "0.750"]);
        // Each figure is its own word, apart from the bar and the next figure.
        assert!(html.contains("</i> <bdi>100</bdi></p>"));
    }
}
