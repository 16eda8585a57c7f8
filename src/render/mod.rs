//! Stage 3, render: a council's model to pages in memory, one set per language.
//!
//! The council's first language sits at the council root, every other one under a folder
//! named by its code (`en/`). Every link is relative, so a council folder works alone from
//! a USB stick (`file://`), and no page needs a script, a web font or another host.

pub mod chart;
pub mod locale;
pub mod markdown;
pub mod theme;
pub mod views;

pub mod compare;

mod budget;
mod bundle;
pub mod csv_file;
mod data;
mod datasets;
mod decisions;
mod documents;
pub mod export;
mod feeds;
mod grievances;
mod home;
mod index;
mod json;
mod pages;
mod profile;
mod projects;
mod services;
mod tax_rates;

pub use index::{CouncilSummary, render_index};

use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::model::Council;
use crate::text::{Shown, Text};
use locale::{Locale, autonym, is_rtl};
use rayon::prelude::*;
use serde::Serialize;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use tera::{Context, Kwargs, State, Tera, Value};
use theme::ThemeFiles;

/// A file of the built portal: its path relative to the council folder and its bytes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Output {
    pub path: String,
    pub bytes: Vec<u8>,
}

/// A compiled theme: templates parsed once, stylesheet and strings ready.
pub struct CompiledTheme {
    pub files: ThemeFiles,
    tera: Tera,
    /// File name of the stylesheet, fingerprinted so it can be cached for a year.
    pub css_name: String,
    /// Fingerprint of every template, the stylesheet and the strings.
    pub signature: String,
}

/// Holds every theme the councils use, compiled once and shared across threads.
pub struct Renderer {
    themes: BTreeMap<String, CompiledTheme>,
    /// Extra settings that apply to every page (mirror base URL etc.).
    pub options: RenderOptions,
    /// This program's version and build time, part of every council's input signature.
    program: String,
}

#[derive(Debug, Clone, Default)]
pub struct RenderOptions {
    /// Folder holding theme overrides (`themes/`).
    pub themes_dir: PathBuf,
    /// Address the portals are published at when they are a mirror of the councils'
    /// own (`https://ngo.example.org/mirrors/`, ending in `/`); councils sit below it by slug.
    pub base_url: Option<String>,
    /// The output folder when building (not when checking): the offline bundle is made only
    /// then, and an unchanged portal's previous bundle is reused from there.
    pub out: Option<PathBuf>,
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

fn compile(files: ThemeFiles, diags: &mut Diagnostics) -> Option<CompiledTheme> {
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
    let css_name = format!("khula-{}.css", &fingerprint(files.css.as_bytes())[..8]);
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
    })
}

/// A short stable hash (FNV-1a, 64-bit) in hex, for cache-busting file names.
pub fn fingerprint(bytes: &[u8]) -> String {
    let mut fnv = Fnv::new();
    fnv.write(bytes);
    fnv.hex()
}

/// FNV-1a, 64-bit, fed a piece at a time (see [`fingerprint`]).
pub(crate) struct Fnv(pub u64);

impl Fnv {
    pub fn new() -> Fnv {
        Fnv(0xcbf2_9ce4_8422_2325)
    }

    pub fn write(&mut self, bytes: &[u8]) {
        for b in bytes {
            self.0 ^= u64::from(*b);
            self.0 = self.0.wrapping_mul(0x0100_0000_01b3);
        }
    }

    pub fn hex(&self) -> String {
        format!("{:016x}", self.0)
    }
}

impl Renderer {
    /// Compiles the default theme and every theme named in `theme_names`.
    pub fn new(
        options: RenderOptions,
        theme_names: impl IntoIterator<Item = Option<String>>,
        diags: &mut Diagnostics,
    ) -> Option<Renderer> {
        let mut themes = BTreeMap::new();
        let mut names: Vec<Option<String>> = theme_names.into_iter().collect();
        names.push(None);
        names.sort();
        names.dedup();
        for name in names {
            let key = name.clone().unwrap_or_else(|| "default".to_string());
            if themes.contains_key(&key) {
                continue;
            }
            let files = theme::load(&options.themes_dir, name.as_deref(), diags);
            if let Some(compiled) = compile(files, diags) {
                themes.insert(key, compiled);
            }
        }
        let built = std::env::current_exe()
            .ok()
            .and_then(|p| crate::fs::modified_nanos(&p))
            .unwrap_or_default()
            .to_string();
        let program = format!(
            "{}/{}",
            env!("CARGO_PKG_VERSION"),
            fingerprint(built.as_bytes())
        );
        themes.contains_key("default").then_some(Renderer {
            themes,
            options,
            program,
        })
    }

    /// What, besides a council's own files, decides its pages: this program, the theme and
    /// the options. Part of the signature that lets an unchanged council be skipped.
    pub fn signature(&self, theme: Option<&str>) -> String {
        format!(
            "{}/{}/{}",
            self.program,
            self.theme(theme).signature,
            self.options.base_url.as_deref().unwrap_or("")
        )
    }

    pub fn theme(&self, name: Option<&str>) -> &CompiledTheme {
        name.and_then(|n| self.themes.get(n))
            .or_else(|| self.themes.get("default"))
            .or_else(|| self.themes.values().next())
            .expect("Renderer::new guarantees the default theme")
    }

    /// Every page of a council, in every language, plus its stylesheet.
    pub fn render_council(&self, council: &Council) -> Result<Vec<Output>, Diagnostic> {
        let theme = self.theme(council.site.theme.as_deref());
        let mut out = vec![Output {
            path: theme.css_name.clone(),
            bytes: theme.files.css.clone().into_bytes(),
        }];
        let default_strings = theme.files.strings(council.site.default_lang());
        let published = data::publish(export::tables(council, default_strings), &mut out);
        let mut extras = vec![
            data::datapackage(council, &published),
            data::catalogue(council, &published),
        ];
        for lang in &council.site.languages {
            extras.push(feeds::atom(council, lang, theme.files.strings(lang)));
        }
        let extra_links: Vec<data::Download> = extras
            .iter()
            .map(|o| data::Download {
                label: o.path.clone(),
                path: o.path.clone(),
                bytes: o.bytes.len() as u64,
            })
            .collect();
        out.extend(extras);
        let prepared = Prepared::new(council);
        // Languages render side by side; their pages follow in the order of `languages`, and
        // of several failures the first in that order is reported, as in a serial build.
        let pages = council
            .site
            .languages
            .par_iter()
            .map(|lang| {
                let mut pages = Vec::new();
                let strings = theme.files.strings(lang);
                let locale = Locale::new(lang, &council.site, strings);
                let mut emit = Emitter {
                    theme,
                    council,
                    locale: &locale,
                    prefix: lang_prefix(&council.site.languages, lang),
                    base_url: self.options.base_url.as_deref(),
                    nav: nav_items(council),
                    strings: tera::Value::from_serializable(locale.strings),
                    published: &published,
                    prepared: &prepared,
                    menus: Vec::new(),
                    out: &mut pages,
                };
                home::render(&mut emit)?;
                if council.profile.is_some() {
                    profile::render(&mut emit)?;
                }
                if council.budget.is_some() {
                    budget::render(&mut emit)?;
                }
                if council.tax_rates.is_some() {
                    tax_rates::render(&mut emit)?;
                }
                if council.decisions.is_some() {
                    decisions::render(&mut emit)?;
                }
                services::render(&mut emit)?;
                grievances::render(&mut emit)?;
                projects::render(&mut emit)?;
                documents::render(&mut emit)?;
                datasets::render(&mut emit)?;
                pages::render(&mut emit)?;
                data::render_page(&mut emit, &published, &extra_links)?;
                Ok(pages)
            })
            .collect::<Vec<Result<Vec<_>, Diagnostic>>>()
            .into_iter()
            .collect::<Result<Vec<_>, _>>()?;
        out.extend(pages.into_iter().flatten());
        if let Some(sitemap) = feeds::sitemap(council, &out) {
            out.push(sitemap);
        }
        let linked = council.linked_files();
        // Only a council that publishes files of its own needs the list of the files made.
        let made: std::collections::HashSet<String> = if linked.is_empty() {
            std::collections::HashSet::new()
        } else {
            out.iter().map(|o| o.path.to_lowercase()).collect()
        };
        for rel in linked {
            // A council's file may never stand in for a page or download the build makes.
            if made.contains(&rel.to_lowercase()) {
                return Err(Diagnostic::error(
                    council.shown_dir.join(&rel),
                    format!("{rel} has the name of a file the portal makes itself"),
                )
                .hint("rename the file"));
            }
            let bytes = crate::model::files::read(&council.dir, &council.shown_dir, &rel)?;
            out.push(Output { path: rel, bytes });
        }
        self.add_bundle(council, &mut out)?;
        Ok(out)
    }

    /// Zips the portal and writes the bundle's size into the home pages. Inside the bundle
    /// the home pages leave out the link to the bundle itself, so one pass is enough; when
    /// the previous bundle was made from the same files (its comment records their
    /// fingerprint), it is reused whole; otherwise the files it already holds are copied
    /// from it and only new or changed ones are compressed.
    fn add_bundle(&self, council: &Council, out: &mut Vec<Output>) -> Result<(), Diagnostic> {
        let Some(published) = &self.options.out else {
            // Checking: the bundle cannot hold a mistake, so it is not made.
            return Ok(());
        };
        let theme = self.theme(council.site.theme.as_deref());
        let bytes: Vec<std::borrow::Cow<[u8]>> = out
            .iter()
            .map(|o| {
                if o.path.ends_with("index.html") {
                    bundle::without_offline_link(&o.bytes).into()
                } else {
                    o.bytes.as_slice().into()
                }
            })
            .collect();
        let inside: Vec<bundle::Entry> = out
            .iter()
            .zip(&bytes)
            .map(|(o, b)| (o.path.as_str(), b.as_ref()))
            .collect();
        let name = bundle::name(&council.slug);
        let stamp = bundle::fingerprint(&inside);
        let previous = crate::fs::read_bytes(
            &published.join(&council.slug).join(&name),
            std::path::Path::new(&name),
        )
        .ok();
        let archive = match previous {
            Some(archive) if archive.ends_with(stamp.as_bytes()) => archive,
            previous => bundle::zip(&council.slug, &inside, &stamp, previous.as_deref()).map_err(
                |message| {
                    Diagnostic::error(
                        council.shown_dir.join("site.yaml"),
                        format!("the offline bundle cannot be made: {message}"),
                    )
                    .hint("move large documents to another host and link to them")
                },
            )?,
        };
        drop(inside);
        drop(bytes);
        for lang in &council.site.languages {
            let path = format!("{}index.html", lang_prefix(&council.site.languages, lang));
            let loc = Locale::new(lang, &council.site, theme.files.strings(lang));
            let size = data::size_text(&loc, archive.len() as u64);
            if let Some(home) = out.iter_mut().find(|o| o.path == path) {
                let html = String::from_utf8_lossy(&home.bytes).replace(BUNDLE_SIZE, &size);
                home.bytes = html.into_bytes();
            }
        }
        out.push(Output {
            path: name,
            bytes: archive,
        });
        Ok(())
    }
}

/// Stands in the home page for the bundle's size until the bundle is made.
pub(crate) const BUNDLE_SIZE: &str = "KHULA-BUNDLE-SIZE";

/// The folder of a language inside the council folder: "" for the first, "en/" for others.
pub(crate) fn lang_prefix(languages: &[String], lang: &str) -> String {
    if languages.first().is_some_and(|l| l == lang) {
        String::new()
    } else {
        format!("{lang}/")
    }
}

/// A navigation entry before it is resolved for one page: a string key or a content title.
struct NavItem {
    key: &'static str,
    path: String,
    title: Option<Text>,
}

fn nav_items(council: &Council) -> Vec<NavItem> {
    let item = |key, path: &str| NavItem {
        key,
        path: path.to_string(),
        title: None,
    };
    let mut nav = vec![item("home", "index.html")];
    if council.profile.is_some() {
        nav.push(item("profile", "profile.html"));
    }
    if council.budget.is_some() {
        nav.push(item("budget", "budget.html"));
    }
    if council.tax_rates.is_some() {
        nav.push(item("tax_rates", "tax-rates.html"));
    }
    if council.decisions.is_some() {
        nav.push(item("decisions", "decisions.html"));
    }
    if council.services.is_some() {
        nav.push(item("services", "services.html"));
    }
    if council.projects.is_some() {
        nav.push(item("projects", "projects.html"));
    }
    if council.documents.is_some() {
        nav.push(item("documents", "documents.html"));
    }
    nav.push(item("data", "data.html"));
    // How to complain is always one tap away.
    nav.push(item("complaints", "complaints.html"));
    for page in council.pages.iter().filter(|p| p.menu) {
        nav.push(NavItem {
            key: "",
            path: format!("pages/{}.html", page.name),
            title: Some(page.title.clone()),
        });
    }
    nav
}

/// The shared frame of every page.
#[derive(Serialize)]
struct Layout {
    lang: String,
    dir: &'static str,
    /// "Forward" and "back" arrows in the reading direction.
    arrow: &'static str,
    back_arrow: &'static str,
    title: String,
    heading: String,
    description: String,
    css: String,
    home: String,
    council: Shown,
    place: Option<Shown>,
    nav: Vec<NavLink>,
    /// The main menu as HTML, written by `menu.html` from `nav`.
    menu: String,
    languages: Vec<LanguageLink>,
    alternates: Vec<LanguageLink>,
    canonical: Option<String>,
    official: Option<String>,
    /// On a mirror: this page on the council's official portal, for the mirror notice.
    mirror_of: Option<String>,
    sample: bool,
    fallback: Option<String>,
    /// Downloads of the data shown on this page.
    downloads: Vec<DownloadLink>,
    /// schema.org JSON-LD for dataset pages, already escaped for embedding.
    jsonld: Option<String>,
    /// The decisions feed of this language.
    feed: String,
    complaint_phone: Option<Phone>,
    licence: String,
}

/// A main-menu entry; `key` names the section (for its icon).
#[derive(Serialize)]
struct NavLink {
    key: &'static str,
    label: Shown,
    href: String,
    current: bool,
}

#[derive(Serialize)]
struct DownloadLink {
    label: String,
    href: String,
}

#[derive(Serialize, Clone)]
struct LanguageLink {
    code: String,
    name: String,
    href: String,
    current: bool,
}

#[derive(Serialize)]
pub(crate) struct Phone {
    pub label: String,
    pub tel: String,
}

/// A phone number as a `tel:` target: digits and a leading +, any script's digits made ASCII.
pub(crate) fn tel(number: &str) -> Option<String> {
    let mut out = String::new();
    for c in number.chars() {
        if let Some(d) = c.to_digit(10) {
            out.push(char::from(b'0' + d as u8));
        } else if let Some(d) = native_digit(c) {
            out.push(char::from(b'0' + d));
        } else if c == '+' && out.is_empty() {
            out.push('+');
        }
    }
    (out.trim_start_matches('+').len() >= 3).then_some(out)
}

fn native_digit(c: char) -> Option<u8> {
    let code = c as u32;
    [0x0966, 0x09E6, 0x0660, 0x06F0, 0x0F20]
        .iter()
        .find(|base| (**base..**base + 10).contains(&code))
        .map(|base| (code - base) as u8)
}

/// Renders the pages of one council in one language.
pub(crate) struct Emitter<'a> {
    theme: &'a CompiledTheme,
    pub council: &'a Council,
    pub locale: &'a Locale<'a>,
    prefix: String,
    /// The mirror's address, when building a mirror.
    base_url: Option<&'a str>,
    nav: Vec<NavItem>,
    /// The interface strings as a template value, made once: every page shares them.
    strings: tera::Value,
    published: &'a [data::Published],
    pub prepared: &'a Prepared,
    /// Menus written so far, by the page's depth and which entries are current: a language
    /// of a council has a few dozen different menus over its hundreds of pages.
    menus: Vec<(MenuKey, String)>,
    out: &'a mut Vec<Output>,
}

/// What a page's menu depends on besides the language: how many folders deep the page is,
/// and which entries are current.
type MenuKey = (usize, Vec<usize>);

/// What a council's pages need in every language, made once before its languages render.
pub(crate) struct Prepared {
    /// Each decision's full text as HTML for pages at any depth, by its place in
    /// `decisions.items`; empty for a council in one language, which renders each once anyway.
    pub decision_texts: Vec<Option<markdown::Rooted>>,
}

impl Prepared {
    fn new(council: &Council) -> Prepared {
        let decision_texts = match &council.decisions {
            Some(decisions) if council.site.languages.len() > 1 => decisions
                .items
                .par_iter()
                .map(|d| d.full_text.as_deref().and_then(markdown::rooted))
                .collect(),
            _ => Vec::new(),
        };
        Prepared { decision_texts }
    }
}

impl Emitter<'_> {
    /// Relative path from a page (path inside the language folder) to the council root.
    pub fn root(&self, page_path: &str) -> String {
        let depth = format!("{}{page_path}", self.prefix).matches('/').count();
        "../".repeat(depth)
    }

    /// Link from the page at `from` to the page at `to`, both inside the language folder.
    pub fn href(&self, from: &str, to: &str) -> String {
        let up = "../".repeat(from.matches('/').count());
        format!("{up}{to}")
    }

    /// The main menu of the page at `path`, written by `menu.html` once for each depth and
    /// current entry.
    fn menu(&mut self, path: &str, nav: &[NavLink]) -> Result<String, Diagnostic> {
        let current = nav.iter().enumerate().filter(|(_, l)| l.current);
        let key: MenuKey = (path.matches('/').count(), current.map(|(i, _)| i).collect());
        if let Some((_, html)) = self.menus.iter().find(|(k, _)| *k == key) {
            return Ok(html.clone());
        }
        let mut context = Context::new();
        context.insert("nav", nav);
        context.insert_value("t", self.strings.clone());
        let html = self.theme.render_with("menu.html", &context)?;
        self.menus.push((key, html.clone()));
        Ok(html)
    }

    /// Renders `template` with `view` as `page` and writes it at `path`.
    pub fn page<V: Serialize>(
        &mut self,
        path: &str,
        template: &str,
        heading: &str,
        view: &V,
    ) -> Result<(), Diagnostic> {
        let loc = self.locale;
        let council = self.council;
        let site = &council.site;
        let root = self.root(path);
        let council_name = loc.text(&site.name);
        let mut context = Context::new();
        context.insert("page", view);
        context.insert_value("t", self.strings.clone());
        let fallback_used = loc.take_fallback();
        let nav = self
            .nav
            .iter()
            .map(|item| NavLink {
                key: item.key,
                label: match &item.title {
                    Some(t) => loc.text(t),
                    None => Shown {
                        text: loc.t(item.key),
                        lang: None,
                    },
                },
                href: self.href(path, &item.path),
                current: item.path == path
                    || (item.key == "budget" && path.starts_with("budget"))
                    || (item.key == "decisions" && path.starts_with("decisions"))
                    || (item.key == "services" && path.starts_with("services")),
            })
            .collect::<Vec<_>>();
        let menu = self.menu(path, &nav)?;
        let languages: Vec<LanguageLink> = site
            .languages
            .iter()
            .map(|lang| LanguageLink {
                code: lang.clone(),
                name: autonym(lang).to_string(),
                href: format!("{root}{}{path}", lang_prefix(&site.languages, lang)),
                current: lang == loc.lang,
            })
            .collect();
        let place_parts: Vec<Shown> = [
            site.kind.as_ref(),
            site.district.as_ref(),
            site.province.as_ref(),
        ]
        .into_iter()
        .flatten()
        .map(|t| loc.text(t))
        .collect();
        let place = (!place_parts.is_empty()).then(|| Shown {
            text: place_parts
                .iter()
                .map(|s| s.text.as_str())
                .collect::<Vec<_>>()
                .join(", "),
            lang: place_parts.iter().find_map(|s| s.lang.clone()),
        });
        let fallback_used = fallback_used || loc.take_fallback();
        let full_path = format!("{}{path}", self.prefix);
        // The official portal is canonical; a mirror of a council without one is its own.
        let page_url = |base: &str| format!("{base}{}", full_path.trim_end_matches("index.html"));
        let official_page = site.base_url.as_deref().map(page_url);
        let canonical = official_page.clone().or_else(|| {
            self.base_url
                .map(|mirror| page_url(&format!("{mirror}{}/", council.slug)))
        });
        let mirror_of = official_page.filter(|_| self.base_url.is_some());
        let shows = |p: &data::Published| {
            p.table.page == path
                || path.starts_with(&format!("{}-", p.table.page.trim_end_matches(".html")))
        };
        let mut downloads = Vec::new();
        let mut jsonld = None;
        for p in self.published.iter().filter(|p| shows(p)) {
            for d in &p.downloads {
                downloads.push(DownloadLink {
                    label: format!(
                        "{} — {}, {}",
                        loc.text(&p.table.title).text,
                        d.label,
                        data::size_text(loc, d.bytes)
                    ),
                    href: format!("{root}{}", d.path),
                });
            }
            jsonld.get_or_insert_with(|| data::schema_org(self, p, path));
        }
        let layout = Layout {
            lang: loc.lang.to_string(),
            dir: if loc.rtl() { "rtl" } else { "ltr" },
            arrow: if loc.rtl() { "←" } else { "→" },
            back_arrow: if loc.rtl() { "→" } else { "←" },
            title: format!("{heading} — {}", council_name.text),
            heading: heading.to_string(),
            description: format!("{heading} — {}", council_name.text),
            css: format!("{root}{}", self.theme.css_name),
            home: self.href(path, "index.html"),
            council: council_name,
            place,
            nav,
            menu,
            alternates: languages.clone(),
            languages,
            canonical,
            official: site.base_url.clone(),
            mirror_of,
            sample: site.sample,
            downloads,
            jsonld,
            feed: format!("{root}{}", feeds::atom_path(&site.languages, loc.lang)),
            fallback: fallback_used
                .then(|| loc.tf("fallback_note", &[("language", autonym(loc.default_lang))])),
            complaint_phone: site
                .grievance
                .toll_free
                .as_ref()
                .or(site.contact.phone.as_ref())
                .and_then(|p| {
                    let label = loc.text(p).text;
                    tel(&label).map(|tel| Phone { label, tel })
                }),
            licence: loc.tf("data_licence", &[("licence", &site.licence)]),
        };
        context.insert("layout", &layout);
        let html = self.theme.render_page(template, &context)?;
        self.out.push(Output {
            path: full_path,
            bytes: html,
        });
        Ok(())
    }
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
    fn render_with(&self, template: &str, context: &Context) -> Result<String, Diagnostic> {
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

    /// Renders a whole page, finished (see [`crate::write::finish_html`]). Tera writes
    /// into bytes, which the page is: what templates write is UTF-8 already.
    fn render_page(&self, template: &str, context: &Context) -> Result<Vec<u8>, Diagnostic> {
        let mut html = Vec::with_capacity(32 * 1024);
        self.tera
            .render_to(template, context, &mut html)
            .map_err(|e| template_error(&self.files.name, template, &e))?;
        Ok(crate::write::finish_html(html))
    }
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
    use super::*;

    #[test]
    fn tel_targets() {
        assert_eq!(tel("16600100000").as_deref(), Some("16600100000"));
        assert_eq!(tel("+977-91-521 234").as_deref(), Some("+97791521234"));
        assert_eq!(tel("१६६००"), Some("16600".to_string()));
        assert_eq!(tel("none"), None);
    }

    #[test]
    fn fingerprint_is_stable() {
        assert_eq!(fingerprint(b""), "cbf29ce484222325");
        assert_ne!(fingerprint(b"a"), fingerprint(b"b"));
    }
}
