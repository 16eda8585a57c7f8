//! Images in markdown (free pages and decision texts): each must be a file the portal
//! publishes, and each needs a text for readers who cannot see it.
//!
//! - An image of the council folder that is not there would be a broken picture: an error
//!   at its line and column. So is one outside `media/` that no list publishes.
//! - An image from another website is never shown (a request to another host costs a reader
//!   on 2G and lets that host follow them): a warning, so the writer copies it into `media/`.
//! - An image without alt text is a warning, unless its title marks it as decoration
//!   (`![](/media/border.png "decorative")`), which is then published with `alt=""`.

use crate::diagnostics::{Diagnostic, Diagnostics, line_column};
use crate::load::SourceFile;
use crate::load::listing::Listing;
use crate::model::files;
use pulldown_cmark::{Event, Options, Parser, Tag, TagEnd};
use std::collections::BTreeSet;
use std::ops::Range;

/// The title that marks an image as decoration only.
pub const DECORATIVE: &str = "decorative";

/// The markdown extensions pages are rendered with (see `render::markdown`).
pub fn options() -> Options {
    Options::ENABLE_TABLES | Options::ENABLE_STRIKETHROUGH | Options::ENABLE_FOOTNOTES
}

/// One image of a markdown text, as written.
#[derive(Debug, PartialEq, Eq)]
pub struct Image {
    /// The address, as written.
    pub src: String,
    /// Its text for readers who cannot see it (empty when none was given).
    pub alt: String,
    pub title: String,
    /// Where it is written, in bytes of the text.
    pub at: Range<usize>,
}

/// Every image of `markdown`: markdown images and HTML `<img>` tags.
pub fn images(markdown: &str) -> Vec<Image> {
    let mut out = Vec::new();
    let mut open: Option<Image> = None;
    for (event, range) in Parser::new_ext(markdown, options()).into_offset_iter() {
        match event {
            Event::Start(Tag::Image {
                dest_url, title, ..
            }) => {
                open = Some(Image {
                    src: dest_url.to_string(),
                    alt: String::new(),
                    title: title.to_string(),
                    at: range,
                });
            }
            Event::Text(t) | Event::Code(t) => {
                if let Some(image) = &mut open {
                    image.alt.push_str(&t);
                }
            }
            Event::End(TagEnd::Image) => out.extend(open.take()),
            Event::Html(html) | Event::InlineHtml(html) => {
                html_images(&html, range.start, &mut out);
            }
            _ => {}
        }
    }
    out
}

/// The `<img>` tags of a piece of HTML that starts at byte `offset` of the text.
fn html_images(html: &str, offset: usize, out: &mut Vec<Image>) {
    let lower = html.to_ascii_lowercase();
    for (start, _) in lower.match_indices("<img") {
        let rest = &html[start + 4..];
        if !rest.starts_with(|c: char| c.is_ascii_whitespace() || c == '/' || c == '>') {
            continue;
        }
        let end = rest.find('>').map_or(rest.len(), |e| e);
        let attributes = attributes(&rest[..end]);
        let get = |name: &str| {
            attributes
                .iter()
                .find(|(n, _)| n.eq_ignore_ascii_case(name))
                .map(|(_, v)| v.clone())
        };
        out.push(Image {
            src: get("src").unwrap_or_default(),
            alt: get("alt").unwrap_or_default(),
            title: get("title").unwrap_or_default(),
            at: offset + start..offset + start + 4 + end + 1,
        });
    }
}

/// The attributes of a tag's inside (`src="a.png" alt='A'`), names as written.
fn attributes(mut s: &str) -> Vec<(String, String)> {
    let mut out = Vec::new();
    loop {
        s = s.trim_start_matches(|c: char| c.is_ascii_whitespace() || c == '/');
        let name_end = s
            .find(|c: char| c.is_ascii_whitespace() || c == '=' || c == '/')
            .unwrap_or(s.len());
        if name_end == 0 {
            return out;
        }
        let name = s[..name_end].to_string();
        s = s[name_end..].trim_start();
        let Some(after) = s.strip_prefix('=') else {
            out.push((name, String::new()));
            continue;
        };
        let after = after.trim_start();
        let (value, rest) = match after.chars().next() {
            Some(q @ ('"' | '\'')) => {
                let body = &after[1..];
                let end = body.find(q).unwrap_or(body.len());
                (&body[..end], body.get(end + 1..).unwrap_or(""))
            }
            _ => {
                let end = after
                    .find(|c: char| c.is_ascii_whitespace())
                    .unwrap_or(after.len());
                (&after[..end], &after[end..])
            }
        };
        out.push((name, value.to_string()));
        s = rest;
    }
}

/// What an image's address names.
#[derive(Debug, PartialEq, Eq)]
enum Source {
    /// Another website (or a `data:` address): never shown.
    Remote,
    /// A file of the council folder, normalised (`media/map.png`).
    Local(String),
    /// An address that does not name a file of the council folder (a page, a `mailto:`).
    Other,
}

fn source(src: &str) -> Result<Source, files::Problem> {
    let src = src.trim();
    let lower = src.to_ascii_lowercase().replace('\\', "/");
    if ["http:", "https:", "//", "data:"]
        .iter()
        .any(|p| lower.starts_with(p))
    {
        return Ok(Source::Remote);
    }
    if lower.contains(':') && !lower.starts_with('/') {
        return Ok(Source::Other);
    }
    let path = src.split(['#', '?']).next().unwrap_or("");
    if path.is_empty() {
        return Ok(Source::Other);
    }
    let decoded = crate::text::percent_decode(path).unwrap_or_else(|| path.to_string());
    // Written from the council folder on the portal (`/media/map.png`), or plainly.
    let from_root = decoded.strip_prefix('/').unwrap_or(&decoded);
    files::normalise(from_root)
        .map(Source::Local)
        .or_else(|problem| {
            // An image elsewhere in the folder: said as an image, in media/ (see `missing`).
            let plain = from_root.replace('\\', "/");
            let plain = plain.trim_start_matches("./");
            let elsewhere = !plain.starts_with("media/")
                && !plain.starts_with("documents/")
                && !plain.split('/').any(|part| part == "..")
                && !plain.chars().any(char::is_control);
            if elsewhere {
                Ok(Source::Local(plain.to_string()))
            } else {
                Err(problem)
            }
        })
}

/// Checks the images of a page or decision text. `listed` are the files `documents.csv`
/// and `decisions.csv` publish; any file of `media/` that is there is published.
pub fn check(
    file: &SourceFile,
    listing: &Listing,
    listed: &BTreeSet<&str>,
    diags: &mut Diagnostics,
) {
    // Front matter comes first; the body runs to the end of the file.
    let Some(front) = crate::load::markdown::split(&file.text) else {
        return;
    };
    let offset = file.text.len() - front.body.len();
    for image in images(front.body) {
        let at = offset + image.at.start;
        let (line, column) = line_column(&file.text, at);
        let width = file.text[at..offset + image.at.end].chars().count();
        let located = |d: Diagnostic| d.at_source(&file.text, line, column, width.min(80));
        let problem = match source(&image.src) {
            Err((message, hint)) => Some(Diagnostic::error(&file.shown, message).hint(hint)),
            Ok(Source::Remote) => Some(
                Diagnostic::warning(
                    &file.shown,
                    "an image from another website is not shown: it would cost readers a \
                     request to another host",
                )
                .hint("save the image in media/ and show it from there, e.g. ![Ward map](/media/ward-map.png)"),
            ),
            Ok(Source::Local(path)) => missing(&path, listing, listed)
                .map(|(message, hint)| Diagnostic::error(&file.shown, message).hint(hint)),
            Ok(Source::Other) => None,
        };
        if let Some(problem) = problem {
            diags.push(located(problem));
            continue;
        }
        if image.alt.trim().is_empty() && !image.title.trim().eq_ignore_ascii_case(DECORATIVE) {
            diags.push(located(
                Diagnostic::warning(
                    &file.shown,
                    "this image has no text for readers who cannot see it",
                )
                .hint(
                    "describe it between the brackets, e.g. ![Map of ward 4](/media/ward-4.png); \
                     if it is only decoration, give it the title \"decorative\": \
                     ![](/media/border.png \"decorative\")",
                ),
            ));
        }
    }
}

/// An error when the file at `path` would not be on the portal for an image to show.
fn missing(path: &str, listing: &Listing, listed: &BTreeSet<&str>) -> Option<files::Problem> {
    if listed.contains(path) {
        return None;
    }
    let (message, hint) = if !path.starts_with("media/") {
        (
            format!("the image {path} is not in the media/ folder"),
            "put the image in media/ and show it from there, e.g. ![Ward map](/media/ward-map.png)"
                .to_string(),
        )
    } else if listing.file(path).is_none() && !listing.leaves(path) {
        let name = path.rsplit('/').next().unwrap_or(path);
        let near = crate::diagnostics::closest(
            name,
            listing
                .plain_files_in("media")
                .filter_map(|p| p.rsplit('/').next()),
        );
        (
            format!("the image {path} does not exist"),
            match near {
                Some(n) => {
                    format!("did you mean media/{n}? Names must match, capital letters included")
                }
                None => "copy the image into media/, or correct its name (capital letters \
                         count)"
                    .to_string(),
            },
        )
    } else {
        // It is there: the checks of media files (kind, size, links out) apply to it.
        return None;
    };
    Some((message, hint))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::load::listing::ListedFile;

    fn listing() -> Listing {
        let mut l = Listing::default();
        l.insert_file(
            "media/ward-map.png",
            ListedFile {
                bytes: 10,
                plain: true,
                ..ListedFile::default()
            },
        );
        l
    }

    fn check_text(text: &str) -> Vec<String> {
        let file = SourceFile {
            name: "pages/about.md".into(),
            shown: "content/x/pages/about.md".into(),
            text: text.into(),
        };
        let mut diags = Diagnostics::new();
        check(
            &file,
            &listing(),
            &BTreeSet::from(["documents/plan.png"]),
            &mut diags,
        );
        diags.iter().map(|d| d.headline()).collect()
    }

    #[test]
    fn markdown_and_html_images_are_found_with_their_text() {
        let found = images(
            "A ![Ward *map*](/media/a.png \"t\") b\n\n<p><IMG alt='B' src=\"/media/b.png\"></p>\n",
        );
        assert_eq!(found.len(), 2, "{found:?}");
        assert_eq!(
            (
                found[0].src.as_str(),
                found[0].alt.as_str(),
                found[0].title.as_str()
            ),
            ("/media/a.png", "Ward map", "t")
        );
        assert_eq!(
            (found[1].src.as_str(), found[1].alt.as_str()),
            ("/media/b.png", "B")
        );
    }

    #[test]
    fn a_missing_image_is_an_error_at_its_line_and_column() {
        let out = check_text("---\ntitle: About\n---\nSee\n\n  ![Map](/media/ward_map.png)\n");
        assert_eq!(out.len(), 1, "{out:?}");
        assert!(
            out[0].starts_with(
                "content/x/pages/about.md:6:3: the image media/ward_map.png does not exist"
            ),
            "{}",
            out[0]
        );
        assert!(
            out[0].contains("did you mean media/ward-map.png"),
            "{}",
            out[0]
        );
    }

    #[test]
    fn images_outside_media_remote_or_without_text() {
        let out =
            check_text("![a](/budget.png) ![b](https://e.org/x.png) ![](/media/ward-map.png)\n");
        assert_eq!(out.len(), 3, "{out:?}");
        assert!(
            out[0].contains(":1:1: the image budget.png is not in the media/ folder"),
            "{}",
            out[0]
        );
        assert!(
            out[1].contains(":1:19: warning: an image from another website is not shown"),
            "{}",
            out[1]
        );
        assert!(
            out[2].contains(":1:45: warning: this image has no text"),
            "{}",
            out[2]
        );
    }

    #[test]
    fn images_that_are_fine() {
        let ok = "![Ward map](/media/ward-map.png) ![](media/ward-map.png \"Decorative\") \
                  ![Plan](documents/plan.png) <img src=\"./media/ward-map.png\" alt=\"Map\"> \
                  [a link](mailto:a@b.np) ![x](/media/ward-map.png#top)";
        assert_eq!(check_text(ok), Vec::<String>::new());
    }

    #[test]
    fn an_image_of_documents_that_no_list_publishes_is_an_error() {
        let out = check_text("![Other](/documents/other.png)\n");
        assert_eq!(out.len(), 1, "{out:?}");
        assert!(
            out[0].contains(":1:1: the image documents/other.png is not in the media/ folder"),
            "{}",
            out[0]
        );
    }

    #[test]
    fn a_path_leaving_the_council_is_an_error() {
        let out = check_text("![x](/media/../../secret.png)\n");
        assert_eq!(out.len(), 1, "{out:?}");
        assert!(out[0].contains(":1:1: "), "{}", out[0]);
        assert!(!out[0].contains("warning"), "{}", out[0]);
    }
}
