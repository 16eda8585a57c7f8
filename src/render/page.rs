//! The frame every council page shares: the menu, the language links, canonical and
//! mirror addresses, the downloads of the data a page shows, and the [`Emitter`] that renders
//! a council's pages in one language.

use super::address::{Addresses, page_url};
use super::kinds::{KINDS, Place};
use super::locale::{Locale, autonym};
use super::templates::CompiledTheme;
use super::{Output, data, feeds, markdown};
use crate::diagnostics::Diagnostic;
use crate::model::Council;
use crate::text::{Shown, Text};
use rayon::prelude::*;
use serde::Serialize;
use tera::Context;

/// The folder of a language inside the council folder: "" for the first, "en/" for others.
pub(crate) fn lang_prefix(languages: &[String], lang: &str) -> String {
    if languages.first().is_some_and(|l| l == lang) {
        String::new()
    } else {
        format!("{lang}/")
    }
}

/// A navigation entry before it is resolved for one page: a string key or a content title.
pub(super) struct NavItem {
    pub(super) key: &'static str,
    pub(super) path: String,
    title: Option<Text>,
    /// Other pages whose path starts with this belong to the entry.
    section: Option<&'static str>,
}

impl NavItem {
    /// An entry labelled by a content title (a free page's).
    pub(super) fn titled(path: String, title: Text) -> NavItem {
        NavItem {
            key: "",
            path,
            title: Some(title),
            section: None,
        }
    }

    pub(super) fn keyed(key: &'static str, path: &str, section: Option<&'static str>) -> NavItem {
        NavItem {
            key,
            path: path.to_string(),
            title: None,
            section,
        }
    }

    /// Whether the page at `path` is this entry's or belongs to it.
    fn is_current(&self, path: &str) -> bool {
        self.path == path || self.section.is_some_and(|s| path.starts_with(s))
    }
}

/// The main menu: Home, the sections of the kinds the council has, Data, then the entries
/// placed at the end.
fn nav_items(council: &Council) -> Vec<NavItem> {
    let at = |place| {
        KINDS
            .iter()
            .flat_map(move |kind| kind.menu_items(council, place))
    };
    let mut nav = vec![NavItem::keyed("home", "index.html", None)];
    nav.extend(at(Place::Sections));
    nav.push(NavItem::keyed("data", "data.html", None));
    nav.extend(at(Place::End));
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
    council: tera::Value,
    place: tera::Value,
    /// The main menu's entries (`NavLink`s), made once for each menu of the council.
    nav: tera::Value,
    /// The main menu as HTML, written by `menu.html` from `nav`.
    menu: tera::Value,
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
    /// The datasets feed of this language, on the Data page.
    data_feed: Option<String>,
    complaint_phone: tera::Value,
    licence: tera::Value,
    /// The running head and foot of every printed page: an `@page` rule, escaped for CSS
    /// and safe inside `<style>`.
    print_frame: String,
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

/// `text` as a quoted CSS string that is also safe as the raw text of a `<style>` element:
/// quotes, backslashes, line breaks and `<` (which could close the element) are escaped.
fn css_string(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    out.push('"');
    for c in text.chars() {
        match c {
            '"' | '\\' | '<' | '>' | '&' => out.push_str(&format!("\\{:x} ", u32::from(c))),
            c if c.is_control() => out.push_str(&format!("\\{:x} ", u32::from(c))),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// A phone number as a `tel:` target: digits and a leading +, any script's digits made ASCII.
pub(crate) fn tel(number: &str) -> Option<String> {
    let mut out = String::new();
    for c in number.chars() {
        if let Some(d) = crate::numbers::ascii_digit(c) {
            out.push(d);
        } else if c == '+' && out.is_empty() {
            out.push('+');
        }
    }
    (out.trim_start_matches('+').len() >= 3).then_some(out)
}

/// Renders the pages of one council in one language.
pub(crate) struct Emitter<'a> {
    theme: &'a CompiledTheme,
    pub council: &'a Council,
    pub locale: &'a Locale<'a>,
    prefix: String,
    /// Where the council's pages live on the web.
    pub at: Addresses,
    nav: Vec<NavItem>,
    /// The interface strings as a template value, made once: every page shares them.
    strings: tera::Value,
    published: &'a [data::Published],
    pub prepared: &'a Prepared,
    /// Menus made so far, by the page's depth and which entries are current: a language of
    /// a council has a few dozen different menus over its hundreds of pages.
    menus: Vec<(MenuKey, Menu)>,
    /// What every page of this language shows the same, made by the first page.
    frame: Option<Frame>,
    out: &'a mut Vec<Output>,
}

/// The parts of the frame that are the same on every page of a council in one language,
/// as template values, with whether each fell back to another language.
struct Frame {
    council: Shown,
    council_fallback: bool,
    council_value: tera::Value,
    place: tera::Value,
    place_fallback: bool,
    complaint_phone: tera::Value,
    phone_fallback: bool,
    licence: tera::Value,
    /// The foot of a printed page after its address: the date of the latest data.
    updated: Option<String>,
}

/// What a page's menu depends on besides the language: how many folders deep the page is,
/// and which entries are current.
type MenuKey = (usize, Vec<usize>);

/// One menu as pages take it: its entries and its HTML as template values (shared, not
/// copied, by every page that shows it), and whether a label fell back to another language.
#[derive(Clone)]
struct Menu {
    nav: tera::Value,
    html: tera::Value,
    fallback: bool,
}

/// What a council's pages need in every language, made once before its languages render.
pub(crate) struct Prepared {
    /// Each decision's full text as HTML for pages at any depth, by its place in
    /// `decisions.items`; empty for a council in one language, which renders each once anyway.
    pub decision_texts: Vec<Option<markdown::Rooted>>,
    /// The day of the build (Gregorian), for notices and tenders.
    pub today: Option<crate::calendar::Date>,
}

impl Prepared {
    pub(super) fn new(council: &Council, today: Option<crate::calendar::Date>) -> Prepared {
        let decision_texts = match &council.decisions {
            Some(decisions) if council.site.languages.len() > 1 => decisions
                .items
                .par_iter()
                .map(|d| d.full_text.as_deref().and_then(markdown::rooted))
                .collect(),
            _ => Vec::new(),
        };
        Prepared {
            decision_texts,
            today,
        }
    }
}

impl<'a> Emitter<'a> {
    /// The emitter of `council`'s pages in the language of `locale`, which it writes to `out`.
    pub(super) fn new(
        theme: &'a CompiledTheme,
        council: &'a Council,
        locale: &'a Locale<'a>,
        base_url: Option<&'a str>,
        (published, prepared): (&'a [data::Published], &'a Prepared),
        out: &'a mut Vec<Output>,
    ) -> Self {
        Emitter {
            theme,
            council,
            locale,
            prefix: lang_prefix(&council.site.languages, locale.lang),
            at: Addresses::new(council, base_url),
            nav: nav_items(council),
            strings: tera::Value::from_serializable(locale.strings),
            published,
            prepared,
            menus: Vec::new(),
            frame: None,
            out,
        }
    }

    /// Relative path from a page (path inside the language folder) to the council root.
    pub fn root(&self, page_path: &str) -> String {
        "../".repeat(slashes(&self.prefix) + slashes(page_path))
    }

    /// Link from the page at `from` to the page at `to`, both inside the language folder.
    pub fn href(&self, from: &str, to: &str) -> String {
        let mut link = "../".repeat(slashes(from));
        link.push_str(to);
        link
    }

    /// The main menu of the page at `path`, written by `menu.html` once for each depth and
    /// current entry. A page showing a menu made before counts its labels' fallback again.
    fn menu(&mut self, path: &str) -> Result<Menu, Diagnostic> {
        let current = self
            .nav
            .iter()
            .enumerate()
            .filter(|(_, n)| n.is_current(path));
        let key: MenuKey = (slashes(path), current.map(|(i, _)| i).collect());
        if let Some((_, menu)) = self.menus.iter().find(|(k, _)| *k == key) {
            if menu.fallback {
                self.locale.mark_fallback();
            }
            return Ok(menu.clone());
        }
        let before = self.locale.take_fallback();
        let nav = tera::Value::from_serializable(&self.nav_links(path));
        let fallback = self.locale.take_fallback();
        if before || fallback {
            self.locale.mark_fallback();
        }
        let mut context = Context::new();
        context.insert_value("nav", nav.clone());
        context.insert_value("t", self.strings.clone());
        let html = tera::Value::from(self.theme.render_with("menu.html", &context)?);
        let menu = Menu {
            nav,
            html,
            fallback,
        };
        self.menus.push((key, menu.clone()));
        Ok(menu)
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
        let site = &self.council.site;
        let root = self.root(path);
        // The council's name and the menu count towards this page's fallback note; what
        // is shown after the place does not.
        let frame = self.frame();
        let council_name = frame.council.clone();
        let council_value = frame.council_value.clone();
        let fallback_used = frame.council_fallback || loc.take_fallback();
        let menu = self.menu(path)?;
        let languages = self.language_links(path, &root);
        let frame = self.frame();
        let place = frame.place.clone();
        let fallback_used = fallback_used || frame.place_fallback || loc.take_fallback();
        let full_path = format!("{}{path}", self.prefix);
        let canonical = self.at.canonical_page(&full_path);
        let mirror_of = self.at.mirror_of().map(|base| page_url(base, &full_path));
        let alternates = self.alternates(path, &languages);
        let (downloads, jsonld) = self.downloads(path, &root);
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
            council: council_value,
            place,
            nav: menu.nav,
            menu: menu.html,
            alternates,
            languages,
            canonical,
            official: site.base_url.clone(),
            mirror_of,
            sample: site.sample,
            downloads,
            jsonld,
            feed: format!("{root}{}", feeds::atom_path(&site.languages, loc.lang)),
            data_feed: (path == "data.html")
                .then(|| format!("{root}{}", feeds::data_feed_path(&site.languages, loc.lang))),
            fallback: fallback_used
                .then(|| loc.tf("fallback_note", &[("language", autonym(loc.default_lang))])),
            complaint_phone: self.frame_phone(),
            licence: self.frame().licence.clone(),
            print_frame: self.print_frame(&council_name.text, heading, &full_path),
        };
        let mut context = Context::new();
        context.insert("page", view);
        context.insert_value("t", self.strings.clone());
        context.insert("layout", &layout);
        let html = self.theme.render_page(template, &context)?;
        self.out.push(Output {
            path: full_path,
            bytes: html,
        });
        Ok(())
    }

    /// The parts of the frame every page of this language shares, made on first use. Each
    /// page counts their fallback to another language as making them anew would.
    fn frame(&mut self) -> &Frame {
        if self.frame.is_none() {
            let loc = self.locale;
            let site = &self.council.site;
            let before = loc.take_fallback();
            let council = loc.text(&site.name);
            let council_fallback = loc.take_fallback();
            let place = self.place();
            let place_fallback = loc.take_fallback();
            let phone = self.complaint_phone();
            let phone_fallback = loc.take_fallback();
            if before {
                loc.mark_fallback();
            }
            self.frame = Some(Frame {
                council_value: tera::Value::from_serializable(&council),
                council,
                council_fallback,
                place: tera::Value::from_serializable(&place),
                place_fallback,
                complaint_phone: tera::Value::from_serializable(&phone),
                phone_fallback,
                licence: tera::Value::from(loc.tf("data_licence", &[("licence", &site.licence)])),
                updated: site
                    .updated
                    .values()
                    .max()
                    .map(|d| format!("{}: {}", loc.t("last_update"), loc.date(*d))),
            });
        }
        self.frame.as_ref().expect("made above")
    }

    /// The complaint line as the frame shows it, counting its fallback as making it would.
    fn frame_phone(&mut self) -> tera::Value {
        let frame = self.frame();
        let (phone, fallback) = (frame.complaint_phone.clone(), frame.phone_fallback);
        if fallback {
            self.locale.mark_fallback();
        }
        phone
    }

    /// The main menu's entries as the page at `path` shows them.
    fn nav_links(&self, path: &str) -> Vec<NavLink> {
        let loc = self.locale;
        self.nav
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
                current: item.is_current(path),
            })
            .collect()
    }

    /// The page at `path` in each of the council's languages.
    fn language_links(&self, path: &str, root: &str) -> Vec<LanguageLink> {
        let languages = &self.council.site.languages;
        languages
            .iter()
            .map(|lang| LanguageLink {
                code: lang.clone(),
                name: autonym(lang).to_string(),
                href: format!("{root}{}{path}", lang_prefix(languages, lang)),
                current: lang == self.locale.lang,
            })
            .collect()
    }

    /// Where the council is: its kind, district and province, as far as it says.
    fn place(&self) -> Option<Shown> {
        let site = &self.council.site;
        let parts: Vec<Shown> = [
            site.kind.as_ref(),
            site.district.as_ref(),
            site.province.as_ref(),
        ]
        .into_iter()
        .flatten()
        .map(|t| self.locale.text(t))
        .collect();
        (!parts.is_empty()).then(|| Shown {
            text: parts
                .iter()
                .map(|s| s.text.as_str())
                .collect::<Vec<_>>()
                .join(", "),
            lang: parts.iter().find_map(|s| s.lang.clone()),
        })
    }

    /// The `hreflang` alternates of the page at `path`: each language's version at its
    /// canonical address when one is known, plus `x-default` for the council's first
    /// language; else none, as search engines take only absolute addresses there (the
    /// language links of the page remain).
    fn alternates(&self, path: &str, languages: &[LanguageLink]) -> Vec<LanguageLink> {
        if self.at.canonical().is_none() {
            return Vec::new();
        }
        let all = &self.council.site.languages;
        let mut alternates: Vec<LanguageLink> = languages
            .iter()
            .filter_map(|l| {
                let href = self
                    .at
                    .canonical_page(&format!("{}{path}", lang_prefix(all, &l.code)))?;
                Some(LanguageLink { href, ..l.clone() })
            })
            .collect();
        if all.len() > 1
            && let Some(first) = alternates.first()
        {
            alternates.push(LanguageLink {
                code: "x-default".into(),
                ..first.clone()
            });
        }
        alternates
    }

    /// The downloads of the data the page at `path` shows, and the schema.org markup of the
    /// first dataset it shows.
    fn downloads(&self, path: &str, root: &str) -> (Vec<DownloadLink>, Option<String>) {
        let loc = self.locale;
        // Also its pages by year or number (`decisions-2080-81.html`, `datasets/roads-2.html`),
        // not another page whose name starts alike (`datasets/roads-north.html`).
        let shows = |p: &data::Published| {
            p.table.page == path
                || path
                    .strip_prefix(p.table.page.trim_end_matches(".html"))
                    .and_then(|rest| rest.strip_prefix('-')?.strip_suffix(".html"))
                    .is_some_and(|n| n.bytes().all(|b| b.is_ascii_digit() || b == b'-'))
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
            if jsonld.is_none() {
                jsonld = data::schema_org(self, p, path);
            }
        }
        (downloads, jsonld)
    }

    /// The number to call to complain: the toll-free line, or else the council's phone.
    /// The `@page` rule that prints the council's name and the page's title at the head of
    /// every printed page, and the page's address and the date of the council's latest data
    /// at its foot, with the page number. Head and foot sit at the start of the line in the
    /// page's direction, the number at its end.
    fn print_frame(&self, council: &str, heading: &str, full_path: &str) -> String {
        let loc = self.locale;
        let head = format!("{council} — {heading}");
        let address = self
            .at
            .canonical_page(full_path)
            .or_else(|| self.at.copy().map(|base| page_url(base, full_path)));
        let updated = self.frame.as_ref().and_then(|f| f.updated.clone());
        let foot: Vec<String> = address.into_iter().chain(updated).collect();
        let (side, other) = if loc.rtl() {
            ("right", "left")
        } else {
            ("left", "right")
        };
        let mut css = format!(
            "@page{{@top-{side}{{content:{}}}@bottom-{other}{{content:counter(page) \" / \" counter(pages)}}",
            css_string(&head)
        );
        if !foot.is_empty() {
            css.push_str(&format!(
                "@bottom-{side}{{content:{}}}",
                css_string(&foot.join(" · "))
            ));
        }
        css.push('}');
        css
    }

    fn complaint_phone(&self) -> Option<Phone> {
        let site = &self.council.site;
        site.grievance
            .toll_free
            .as_ref()
            .or(site.contact.phone.as_ref())
            .and_then(|p| {
                let label = self.locale.text(p).text;
                tel(&label).map(|tel| Phone { label, tel })
            })
    }
}

/// How many folders deep a path inside the portal is: its number of `/`.
fn slashes(path: &str) -> usize {
    path.bytes().filter(|&b| b == b'/').count()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn print_frames_quote_safely() {
        assert_eq!(css_string("Ward \"4\""), "\"Ward \\22 4\\22 \"");
        assert_eq!(
            css_string("</style><script>"),
            "\"\\3c /style\\3e \\3c script\\3e \""
        );
        assert_eq!(css_string("a\\b\nc"), "\"a\\5c b\\a c\"");
        assert_eq!(css_string("धनगढी — बजेट"), "\"धनगढी — बजेट\"");
    }

    #[test]
    fn tel_targets() {
        assert_eq!(tel("16600100000").as_deref(), Some("16600100000"));
        assert_eq!(tel("+977-91-521 234").as_deref(), Some("+97791521234"));
        assert_eq!(tel("१६६००"), Some("16600".to_string()));
        assert_eq!(tel("none"), None);
    }
}
