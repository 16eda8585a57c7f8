//! Stage 3, render: a council's model to pages in memory, one set per language.
//!
//! The council's first language sits at the council root, every other one under a folder
//! named by its code (`en/`). Every link is relative, so a council folder works alone from
//! a USB stick (`file://`), and no page needs a script, a web font or another host.

pub mod chart;
pub mod locale;
pub mod markdown;
mod page;
mod templates;
pub mod views;

pub mod compare;

pub(crate) mod address;
mod budget;
mod bundle;
pub mod csv_file;
mod data;
mod datasets;
mod decisions;
mod disclosure;
mod documents;
pub mod export;
mod feeds;
mod grievances;
mod hearings;
mod home;
mod index;
mod json;
mod kinds;
mod laws;
mod meetings;
mod notices;
mod ocds;
mod pages;
mod people;
mod profile;
mod projects;
mod services;
mod tax_rates;
mod tenders;

pub use bundle::name as bundle_name;
pub use index::render_index;

pub use templates::CompiledTheme;
use templates::compile;

use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::load::theme::ThemeFiles;
use crate::model::Council;
use locale::Locale;
use page::{Emitter, Prepared};
pub(crate) use page::{lang_prefix, tel};
use rayon::prelude::*;
use std::collections::BTreeMap;

/// A file of the built portal: its path relative to the council folder and its bytes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Output {
    pub path: String,
    pub bytes: Vec<u8>,
}

/// Holds every theme the councils use, compiled once and shared across threads.
pub struct Renderer {
    themes: BTreeMap<String, CompiledTheme>,
    /// Extra settings that apply to every page (mirror base URL etc.).
    pub options: RenderOptions,
    /// This program's fingerprint (see [`Renderer::new`]), part of every council's input
    /// signature.
    program: String,
}

#[derive(Debug, Clone, Default)]
pub struct RenderOptions {
    /// Address the portals are published at when they are a mirror of the councils'
    /// own (`https://ngo.example.org/mirrors/`, ending in `/`); councils sit below it by slug.
    pub base_url: Option<String>,
    /// Whether each portal gets its offline bundle: when building, not when checking (the
    /// bundle cannot hold a mistake).
    pub bundle: bool,
    /// The day of the build (Gregorian): notices and tenders are current or past as of it.
    pub today: Option<crate::calendar::Date>,
}

/// What a council's portal is made from besides its model, read by the caller.
#[derive(Debug, Default)]
pub struct CouncilInputs {
    /// The files the council links to ([`Council::linked_files`], in that order), each with
    /// its bytes or the error reading it gave.
    pub linked: Vec<(String, Result<Vec<u8>, Diagnostic>)>,
    /// The bundle its last build published, if any: reused whole when made from the same
    /// files, else the files it holds unchanged are copied from it.
    pub previous_bundle: Option<Vec<u8>>,
}

impl Renderer {
    /// Compiles the default theme and every other theme in `themes` (read by
    /// [`crate::load::theme::load`]). `program` tells
    /// this program from another (its version and when it was built): a council built by
    /// another program is built again.
    pub fn new(
        options: RenderOptions,
        themes: Vec<ThemeFiles>,
        program: String,
        diags: &mut Diagnostics,
    ) -> Option<Renderer> {
        let mut compiled = BTreeMap::new();
        for files in themes {
            if compiled.contains_key(&files.name) {
                continue;
            }
            let name = files.name.clone();
            if let Some(theme) = compile(files, diags) {
                compiled.insert(name, theme);
            }
        }
        let themes = compiled;
        themes.contains_key("default").then_some(Renderer {
            themes,
            options,
            program,
        })
    }

    /// What, besides a council's own files, decides its pages: this program, the theme and
    /// the options. Part of the signature that lets an unchanged council be skipped.
    pub fn signature(&self, theme: Option<&str>) -> String {
        format!("{}/{}", self.program, self.options_signature(theme))
    }

    /// The part of [`Renderer::signature`] that is not the program: the theme and the
    /// options. Shards built on other machines (by copies of the same program) share it.
    pub fn options_signature(&self, theme: Option<&str>) -> String {
        format!(
            "{}/{}",
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

    /// Every page of a council, in every language, plus its stylesheet, the files it links
    /// to and, when [`RenderOptions::bundle`], its offline bundle.
    pub fn render_council(
        &self,
        council: &Council,
        inputs: CouncilInputs,
    ) -> Result<Vec<Output>, Diagnostic> {
        let theme = self.theme(council.site.theme.as_deref());
        let mut out = vec![Output {
            path: theme.css_name.clone(),
            bytes: theme.css.clone().into_bytes(),
        }];
        let default_strings = theme.files.strings(council.site.default_lang());
        let published = data::publish(export::tables(council, default_strings), &mut out);
        let mut extras = vec![
            data::datapackage(council, &published, self.options.base_url.as_deref()),
            data::catalogue(council, &published, self.options.base_url.as_deref()),
        ];
        let mirror = self.options.base_url.as_deref();
        extras.extend(ocds::package(council, mirror));
        for lang in &council.site.languages {
            let locale = Locale::new(lang, &council.site, theme.files.strings(lang));
            extras.push(feeds::atom(council, &locale, mirror));
            extras.push(feeds::data_feed(council, &locale, &published, mirror));
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
        let prepared = Prepared::new(council, self.options.today);
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
                let mut emit = Emitter::new(
                    theme,
                    council,
                    &locale,
                    self.options.base_url.as_deref(),
                    (&published, &prepared),
                    &mut pages,
                );
                home::render(&mut emit)?;
                for kind in kinds::KINDS {
                    (kind.render)(&mut emit)?;
                }
                data::render_page(&mut emit, &published, &extra_links)?;
                Ok(pages)
            })
            .collect::<Vec<Result<Vec<_>, Diagnostic>>>()
            .into_iter()
            .collect::<Result<Vec<_>, _>>()?;
        out.extend(pages.into_iter().flatten());
        let maps = feeds::sitemap(council, &out, mirror);
        out.extend(maps);
        add_linked(council, inputs.linked, &mut out)?;
        if self.options.bundle {
            self.add_bundle(council, &mut out, inputs.previous_bundle)?;
        }
        Ok(out)
    }

    /// Zips the portal and writes the bundle's size into the home pages. Inside the bundle
    /// the home pages leave out the link to the bundle itself, so one pass is enough; when
    /// the previous bundle was made from the same files (its comment records their
    /// fingerprint), it is reused whole; otherwise the files it already holds are copied
    /// from it and only new or changed ones are compressed.
    fn add_bundle(
        &self,
        council: &Council,
        out: &mut Vec<Output>,
        previous: Option<Vec<u8>>,
    ) -> Result<(), Diagnostic> {
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

/// Adds the files the council links to (see [`CouncilInputs::linked`]) to `out`, the files
/// made for its portal. A council's file may never stand in for a page or download the
/// build makes.
fn add_linked(
    council: &Council,
    linked: Vec<(String, Result<Vec<u8>, Diagnostic>)>,
    out: &mut Vec<Output>,
) -> Result<(), Diagnostic> {
    // Only a council that publishes files of its own needs the list of the files made.
    let made: std::collections::HashSet<String> = if linked.is_empty() {
        std::collections::HashSet::new()
    } else {
        out.iter().map(|o| o.path.to_lowercase()).collect()
    };
    for (rel, bytes) in linked {
        if made.contains(&rel.to_lowercase()) {
            return Err(Diagnostic::error(
                council.shown_dir.join(&rel),
                format!("{rel} has the name of a file the portal makes itself"),
            )
            .hint("rename the file"));
        }
        out.push(Output {
            path: rel,
            bytes: bytes?,
        });
    }
    Ok(())
}

/// Stands in the home page for the bundle's size until the bundle is made.
pub(crate) const BUNDLE_SIZE: &str = "KHULA-BUNDLE-SIZE";
