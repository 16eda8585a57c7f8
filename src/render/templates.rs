//! Templates: a theme compiled once with Tera, the `tx` filter for text in another
//! language, and the finishing of every page.

use super::Output;
use super::locale::is_rtl;
use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::hash::fingerprint;
use crate::load::theme::ThemeFiles;
use serde::Serialize;
use std::path::Path;
use tera::{Context, Kwargs, State, Tera, Value};

/// A compiled theme: templates parsed once, stylesheet and strings ready.
pub struct CompiledTheme {
    pub files: ThemeFiles,
    tera: Tera,
    /// File name of the stylesheet, fingerprinted so it can be cached for a year.
    pub css_name: String,
    /// The stylesheet as published: the theme's, without its comments.
    pub css: String,
    /// Fingerprint of every template, the stylesheet and the strings.
    pub signature: String,
}

/// Renders `{{ text | tx }}`: escaped text, wrapped in a `lang` span when the text is in
/// another language than the page (so screen readers pronounce it right).
fn tx_filter(value: &Value, _: Kwargs, state: &State) -> tera::TeraResult<Value> {
    if let Some(s) = value.as_str() {
        return Ok(Value::safe_string(&state.escape(s)?));
    }
    let text = value
        .get_from_path("text")
        .and_then(Value::as_str)
        .unwrap_or("");
    let escaped = state.escape(text)?;
    match value.get_from_path("lang").and_then(Value::as_str) {
        Some(lang) if !lang.is_empty() => {
            let dir = if is_rtl(lang) { " dir=\"rtl\"" } else { "" };
            Ok(Value::safe_string(&format!(
                "<span lang=\"{}\"{dir}>{escaped}</span>",
                state.escape(lang)?
            )))
        }
        _ => Ok(Value::safe_string(&escaped)),
    }
}

pub(super) fn compile(files: ThemeFiles, diags: &mut Diagnostics) -> Option<CompiledTheme> {
    let mut tera = Tera::new();
    tera.autoescape_on(vec![".html", ".xml", ".svg"]);
    tera.register_filter("tx", tx_filter);
    if let Err(e) = tera.add_raw_templates(
        files
            .templates
            .iter()
            .map(|(n, s)| (n.as_str(), s.as_str())),
    ) {
        diags.push(
            Diagnostic::error(
                Path::new("themes").join(&files.name),
                format!("template error: {e}"),
            )
            .hint("fix the template named in the message"),
        );
        return None;
    }
    let css = without_comments(&files.css);
    let css_name = format!("khula-{}.css", &fingerprint(css.as_bytes())[..8]);
    let mut all = String::new();
    for (name, source) in &files.templates {
        all.push_str(name);
        all.push_str(source);
    }
    all.push_str(&files.css);
    for (lang, strings) in &files.strings {
        for (key, value) in strings {
            for part in [lang, key, value] {
                all.push_str(part);
                all.push('\0');
            }
        }
    }
    Some(CompiledTheme {
        signature: fingerprint(all.as_bytes()),
        files,
        tera,
        css_name,
        css,
    })
}

/// A stylesheet without its comments, which are for the theme's authors, not for the
/// readers who download it with every portal; lines left blank are dropped too. Strings
/// (`content:"/*"`) and everything else stay as written.
pub(crate) fn without_comments(css: &str) -> String {
    let mut bare = String::with_capacity(css.len());
    let mut rest = css;
    while let Some(at) = rest.find(['/', '"', '\'']) {
        let (before, from) = rest.split_at(at);
        bare.push_str(before);
        let bytes = from.as_bytes();
        let end = if let Some(comment) = from.strip_prefix("/*") {
            // The comment is left out.
            rest = comment.find("*/").map_or("", |i| &comment[i + 2..]);
            continue;
        } else if bytes[0] == b'/' {
            1
        } else {
            // A string, to its closing quote (escaped characters skipped) or its line's end.
            let mut end = 1;
            while end < bytes.len() && bytes[end] != bytes[0] && bytes[end] != b'\n' {
                end += if bytes[end] == b'\\' { 2 } else { 1 };
            }
            (end + 1).min(bytes.len())
        };
        bare.push_str(&from[..end]);
        rest = &from[end..];
    }
    bare.push_str(rest);
    bare.split_inclusive('\n')
        .filter(|line| !line.trim().is_empty())
        .collect()
}

impl CompiledTheme {
    /// Renders part of a page: `template` with `value` as `name`, not yet minified.
    pub(crate) fn render_part<V: Serialize>(
        &self,
        template: &str,
        name: &'static str,
        value: &V,
    ) -> Result<String, Diagnostic> {
        let mut context = Context::new();
        context.insert(name, value);
        self.render_with(template, &context)
    }

    /// Renders part of a page: `template` with `context`, not yet minified.
    pub(super) fn render_with(
        &self,
        template: &str,
        context: &Context,
    ) -> Result<String, Diagnostic> {
        self.tera
            .render(template, context)
            .map_err(|e| template_error(&self.files.name, template, &e))
    }

    /// Renders a site-level page (not inside a council) with `page`, `layout` and the
    /// interface strings `t`.
    pub(crate) fn render_site_page<P: Serialize, L: Serialize>(
        &self,
        template: &str,
        path: String,
        page: &P,
        layout: &L,
        strings: &tera::Value,
    ) -> Result<Output, Diagnostic> {
        let mut context = Context::new();
        context.insert("page", page);
        context.insert("layout", layout);
        context.insert_value("t", strings.clone());
        Ok(Output {
            path,
            bytes: self.render_page(template, &context)?,
        })
    }

    /// Renders a whole page, finished (see [`finish_html`]). Tera writes
    /// into bytes, which the page is: what templates write is UTF-8 already.
    pub(super) fn render_page(
        &self,
        template: &str,
        context: &Context,
    ) -> Result<Vec<u8>, Diagnostic> {
        let mut html = Vec::with_capacity(32 * 1024);
        self.tera
            .render_to(template, context, &mut html)
            .map_err(|e| template_error(&self.files.name, template, &e))?;
        Ok(finish_html(html))
    }
}

/// Final touches on every HTML page: minified when the `minify` feature is on.
fn finish_html(html: Vec<u8>) -> Vec<u8> {
    #[cfg(feature = "minify")]
    let html = {
        let mut cfg = minify_html::Cfg::new();
        cfg.keep_closing_tags = true;
        cfg.keep_html_and_head_opening_tags = true;
        cfg.minify_css = true;
        minify_html::minify(&html, &cfg)
    };
    html
}

fn template_error(theme: &str, template: &str, e: &tera::Error) -> Diagnostic {
    let mut message = e.to_string();
    let mut source = std::error::Error::source(e);
    while let Some(s) = source {
        message.push_str(&format!(": {s}"));
        source = s.source();
    }
    Diagnostic::error(
        Path::new("themes")
            .join(theme)
            .join("templates")
            .join(template),
        format!("template failed: {message}"),
    )
    .hint("fix the template, or delete it to use the default theme's")
}

#[cfg(test)]
mod tests {
    #[test]
    fn published_stylesheets_leave_out_comments_and_keep_strings() {
        let css = "/* Theme: mine */\n:root{--a:1} /* a note */\n  /* two\n  lines */\n\
                   .x::before{content:\"/* not a comment */\"}\n\
                   .y{content:'it\\'s /* kept */';background:url(a/b.png)}\n/* unclosed";
        assert_eq!(
            super::without_comments(css),
            ":root{--a:1} \n.x::before{content:\"/* not a comment */\"}\n\
             .y{content:'it\\'s /* kept */';background:url(a/b.png)}\n"
        );
        // The default stylesheet loses its notes and nothing else.
        let shipped = super::without_comments(crate::load::theme::CSS);
        assert!(!shipped.contains("/*") && shipped.len() < crate::load::theme::CSS.len());
        let rules = |s: &str| s.matches('{').count();
        assert_eq!(rules(&shipped), rules(crate::load::theme::CSS));
    }
}
