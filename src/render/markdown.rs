//! Markdown from content, rendered and sanitised: no script, no event handlers, no
//! `javascript:` links, no frames, no images from other hosts.

use pulldown_cmark::{Event, Parser, Tag, TagEnd, html};
use std::borrow::Cow;
use std::cell::RefCell;
use std::collections::HashSet;

/// Renders markdown to safe HTML. `root` is the relative path from the page to the council
/// root; links written as `/budget.html` are rewritten through it so they work from file://.
pub fn to_html(markdown: &str, root: &str) -> String {
    let parser = Parser::new_ext(markdown, crate::model::images::options());
    let mut raw = String::with_capacity(markdown.len() * 3 / 2);
    if markdown.contains("![") {
        html::push_html(&mut raw, with_image_texts(parser).into_iter());
    } else {
        html::push_html(&mut raw, parser);
    }
    sanitise(&raw, root)
}

/// The events with every image given a text for readers who cannot see it: an image whose
/// title marks it as decoration (see [`crate::model::images::DECORATIVE`]) keeps `alt=""`
/// and loses that title; another without text is named by its file (`ward-map.png` →
/// "ward map"), which `khula check` warns about.
fn with_image_texts<'a>(events: impl Iterator<Item = Event<'a>>) -> Vec<Event<'a>> {
    let mut out: Vec<Event<'a>> = Vec::new();
    // Where the open image starts in `out`, and whether text followed it.
    let mut open: Option<(usize, bool)> = None;
    for event in events {
        match event {
            Event::Start(Tag::Image {
                link_type,
                dest_url,
                title,
                id,
            }) => {
                let decorative = title
                    .trim()
                    .eq_ignore_ascii_case(crate::model::images::DECORATIVE);
                open = Some((out.len(), decorative));
                let title = if decorative { "".into() } else { title };
                out.push(Event::Start(Tag::Image {
                    link_type,
                    dest_url,
                    title,
                    id,
                }));
            }
            Event::Text(t) if open.is_some() && !t.trim().is_empty() => {
                if let Some((_, has_text)) = &mut open {
                    *has_text = true;
                }
                out.push(Event::Text(t));
            }
            Event::End(TagEnd::Image) => {
                if let Some((start, false)) = open.take()
                    && let Some(Event::Start(Tag::Image { dest_url, .. })) = out.get(start)
                {
                    let name = file_words(dest_url);
                    out.push(Event::Text(name.into()));
                }
                out.push(Event::End(TagEnd::Image));
            }
            other => out.push(other),
        }
    }
    out
}

/// The words of an image's file name: `/media/ward-4_map.png` → "ward 4 map".
fn file_words(src: &str) -> String {
    let path = src.split(['#', '?']).next().unwrap_or(src);
    let name = path.rsplit(['/', '\\']).next().unwrap_or(path);
    let stem = name.rsplit_once('.').map_or(name, |(stem, _)| stem);
    let decoded = crate::text::percent_decode(stem).unwrap_or_else(|| stem.to_string());
    decoded.replace(['-', '_'], " ").trim().to_string()
}

/// Stands for the way to the council root while a text is rendered for any depth: a
/// private-use character, which no link is rewritten to otherwise.
const ROOT_MARK: char = '\u{E000}';

/// A text rendered once for pages at any depth: its HTML cut where each link written from
/// the council root (`/budget.html`) needs the page's way to the root.
pub struct Rooted {
    pieces: Vec<String>,
}

impl Rooted {
    /// The HTML for a page whose way to the council root is `root`: what
    /// [`to_html`]`(markdown, root)` gives.
    pub fn at(&self, root: &str) -> String {
        self.pieces.join(root)
    }
}

/// Renders markdown once for every depth (see [`Rooted`]); `None` for the rare text that
/// could put the private-use character standing for the root into its HTML (the character
/// itself, or any numeric character reference such as `&#xE000;`), which [`to_html`] then
/// renders for each page.
pub fn rooted(markdown: &str) -> Option<Rooted> {
    if markdown.contains(ROOT_MARK) || markdown.contains("&#") {
        return None;
    }
    let html = to_html(markdown, ROOT_MARK.encode_utf8(&mut [0; 4]));
    Some(Rooted {
        pieces: html.split(ROOT_MARK).map(str::to_string).collect(),
    })
}

/// Rewrites root-relative URLs (`/budget.html`) through the page's path to the council root.
struct RootRelative {
    root: String,
}

impl<'a> ammonia::UrlRelativeEvaluate<'a> for RootRelative {
    fn evaluate<'url>(&self, url: &'url str) -> Option<Cow<'url, str>> {
        match url.strip_prefix('/') {
            Some(rest) if rest.starts_with('/') => None,
            Some(rest) => Some(Cow::Owned(format!("{}{rest}", self.root))),
            // A file of the council folder written from it, as in its lists
            // (`media/map.png`): pages and decision texts sit a folder below.
            None if from_council_folder(url) => Some(Cow::Owned(format!(
                "{}{}",
                self.root,
                url.trim_start_matches("./")
            ))),
            None => Some(Cow::Borrowed(url)),
        }
    }
}

/// Whether a relative address names a file of the council's `media/` or `documents/`.
fn from_council_folder(url: &str) -> bool {
    let path = url.trim_start_matches("./");
    path.starts_with("media/") || path.starts_with("documents/")
}

/// Images must come from the portal itself: a remote image is a request to another host,
/// costly on 2G and a way to track readers.
fn drop_remote_images<'a>(element: &str, attribute: &str, value: &'a str) -> Option<Cow<'a, str>> {
    // Browsers ignore case and surrounding spaces in the scheme and read `\\` as `/`.
    let v = value.trim().to_ascii_lowercase().replace('\\', "/");
    let remote = v.starts_with("http:") || v.starts_with("https:") || v.starts_with("//");
    if element == "img" && attribute == "src" && remote {
        None
    } else {
        Some(Cow::Borrowed(value))
    }
}

/// The sanitiser for pages at one depth: links from `/` are rewritten through `root`.
fn builder(root: &str) -> ammonia::Builder<'static> {
    let mut builder = ammonia::Builder::default();
    builder
        .url_schemes(HashSet::from(["http", "https", "mailto", "tel"]))
        .link_rel(Some("noopener noreferrer"))
        .url_relative(ammonia::UrlRelative::Custom(Box::new(RootRelative {
            root: root.to_string(),
        })))
        .attribute_filter(drop_remote_images);
    builder
}

thread_local! {
    /// Sanitisers already made on this thread, one per `root` (a portal has three or four
    /// depths): making one builds sets of every allowed tag and attribute, which cost as
    /// much as cleaning a decision's full text.
    static BUILDERS: RefCell<Vec<(String, ammonia::Builder<'static>)>> =
        const { RefCell::new(Vec::new()) };
}

/// Removes anything that could run code or load from another host.
pub fn sanitise(html: &str, root: &str) -> String {
    BUILDERS.with_borrow_mut(|builders| {
        let at = match builders.iter().position(|(r, _)| r == root) {
            Some(at) => at,
            None => {
                builders.push((root.to_string(), builder(root)));
                builders.len() - 1
            }
        };
        builders[at].1.clean(html).to_string()
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scripts_handlers_and_javascript_urls_are_removed() {
        let out = to_html(
            "Hi <script>alert(1)</script><img src=x onerror=alert(1)> [a](javascript:alert(1)) <iframe src=\"https://e.com\"></iframe>",
            "",
        );
        assert!(!out.contains("<script"), "{out}");
        assert!(!out.contains("onerror"), "{out}");
        assert!(!out.contains("javascript:"), "{out}");
        assert!(!out.contains("<iframe"), "{out}");
    }

    /// A text rendered once gives, at every depth, what rendering it for that depth gives.
    #[test]
    fn rooted_text_is_the_same_at_every_depth() {
        let texts = [
            "plain *text*, no links",
            "[b](/budget.html) and <a href=\"/decisions.html#x\">d</a> ![m](/media/a.png)",
            "[page](pages/a.html) [//host](//e.org/x) [web](https://e.org/) ![r](https://e.org/i.png)",
            "| a | b |\n|---|---|\n| [x](/x.html) | 2 |\n\nfootnote[^1]\n\n[^1]: see [y](/y.html)",
            "<script>alert(1)</script><img src=\"/a.png\" onerror=\"x()\"> <p title=\"/t\">t</p>",
        ];
        for text in texts {
            let once = rooted(text).unwrap();
            for root in ["", "../", "../../", "../../../"] {
                assert_eq!(once.at(root), to_html(text, root), "{text:?} at {root:?}");
            }
        }
        assert!(rooted("a \u{E000} b").is_none());
        assert!(rooted("a &#xE000; b &#57344;").is_none());
        assert!(to_html("&#xE000;", "../").contains('\u{E000}'));
    }

    #[test]
    fn every_image_has_a_text_or_is_marked_as_decoration() {
        let out = to_html(
            "![](/media/ward-4_map.png) ![](/media/line.png \"Decorative\") ![Map](/media/m.png \"t\")",
            "../",
        );
        assert!(
            out.contains("<img src=\"../media/ward-4_map.png\" alt=\"ward 4 map\">"),
            "{out}"
        );
        assert!(
            out.contains("<img src=\"../media/line.png\" alt=\"\">"),
            "{out}"
        );
        assert!(
            out.contains("<img src=\"../media/m.png\" alt=\"Map\" title=\"t\">"),
            "{out}"
        );
    }

    #[test]
    fn files_written_from_the_council_folder_are_found_from_every_page() {
        let out = to_html(
            "![Map](media/m.png) [plan](./documents/p.pdf) [x](pages/x.html)",
            "../",
        );
        assert!(out.contains("src=\"../media/m.png\""), "{out}");
        assert!(out.contains("href=\"../documents/p.pdf\""), "{out}");
        assert!(out.contains("href=\"pages/x.html\""), "{out}");
    }

    #[test]
    fn root_links_become_relative_and_remote_images_lose_src() {
        let out = to_html(
            "[b](/budget.html) ![x](https://e.com/t.png) [w](https://e.org)",
            "../",
        );
        assert!(out.contains("href=\"../budget.html\""), "{out}");
        assert!(!out.contains("e.com/t.png"), "{out}");
        assert!(out.contains("href=\"https://e.org\""), "{out}");
    }
}
