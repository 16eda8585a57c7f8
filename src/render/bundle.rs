//! The offline bundle: the whole council portal in one zip file, to copy onto a USB stick
//! or a phone. Entries are sorted and dated 1980-01-01, so the same portal always gives
//! byte-for-byte the same file.
//!
//! The archive is written here rather than through a zip library: a portal needs only the
//! plain format (no ZIP64, no encryption, no streaming), and compressing each whole file
//! with libdeflate in one call is two to three times quicker than a streaming deflater at
//! the same size, which matters when the bundle holds every page of 753 councils.

use libdeflater::{CompressionLvl, Compressor};
use rayon::prelude::*;

/// File name of a council's bundle inside its folder.
pub fn name(slug: &str) -> String {
    format!("{slug}-portal.zip")
}

/// One file to bundle: its path inside the portal and its bytes.
pub type Entry<'a> = (&'a str, &'a [u8]);

/// A fingerprint of the files to bundle, written as the zip's comment (the last bytes of a
/// zip file), so an unchanged portal's bundle can be recognised without unpacking it.
pub fn fingerprint(entries: &[Entry]) -> String {
    let mut sorted: Vec<&Entry> = entries.iter().collect();
    sorted.sort_by(|a, b| a.0.cmp(b.0));
    let mut hash = crate::hash::Fnv::new();
    for (path, bytes) in sorted {
        hash.write_words(path.as_bytes());
        hash.write_words(bytes);
    }
    format!("{PACKER} {:016x}", hash.0)
}

/// How bundles are packed, at the start of their comment. Entries are copied from a
/// previous bundle only when it was packed the same way, so that a bundle is always
/// byte-for-byte what a fresh build makes. Change it with the deflater or its level.
const PACKER: &str = "khula-bundle libdeflate-1.26-6-html-csv-json-1";

/// A home page as it goes into the bundle: without the link to download the bundle.
pub fn without_offline_link(html: &[u8]) -> Vec<u8> {
    let text = String::from_utf8_lossy(html);
    let marker = "<p class=\"offline\">";
    if let Some(start) = text.find(marker)
        && let Some(len) = text[start..].find("</p>")
    {
        let mut out = String::with_capacity(text.len());
        out.push_str(&text[..start]);
        out.push_str(&text[start + len + 4..]);
        return out.into_bytes();
    }
    text.replace(super::BUNDLE_SIZE, "").into_bytes()
}

/// Deflate level: libdeflate's 6 packs as tightly as zlib's default.
const LEVEL: i32 = 6;
/// The level of pages and data tables (CSV, JSON), nearly all of a portal's bytes:
/// libdeflate's quickest, well under half the time of 6. A page packed at 1 is about 9 %
/// larger than at 6, a table 16 to 20 %; but pages no longer repeat the menu's icons and a
/// label in every table cell, and JSON is no longer indented, so a portal's bundle is still
/// no larger than it was with everything at 6 before (docs/benchmarks.md, items 29 and 30).
/// The small files that every bundle carries (stylesheet, feeds, sitemap, JSON-LD) stay at
/// 6: in a portal of few pages they are much of the bundle.
const BULK_LEVEL: i32 = 1;

/// Whether `path` is packed at [`BULK_LEVEL`].
fn is_bulk(path: &str) -> bool {
    [".html", ".csv", ".json"]
        .iter()
        .any(|ext| path.ends_with(ext))
}

/// What one thread packs with: a compressor for each level, and a buffer kept for the next
/// file.
struct Packer {
    compressor: Compressor,
    bulk: Compressor,
    scratch: Vec<u8>,
}

impl Packer {
    fn new() -> Packer {
        let level = |n| CompressionLvl::new(n).unwrap_or_default();
        Packer {
            compressor: Compressor::new(level(LEVEL)),
            bulk: Compressor::new(level(BULK_LEVEL)),
            scratch: Vec::new(),
        }
    }
}
/// DOS date of 1980-01-01 (the earliest a zip can hold), the date of every entry.
const DOS_DATE: u16 = (1 << 5) | 1;
/// "Made by" Unix (3), format version 2.0, so unzip applies the permissions below.
const MADE_BY: u16 = (3 << 8) | 20;
const NEEDED: u16 = 20;
/// General-purpose flag bit 11: names are UTF-8.
const UTF8_NAMES: u16 = 1 << 11;
/// A regular file readable by all: `-rw-r--r--` in the high half of the external attributes.
const FILE_MODE: u32 = 0o100_644 << 16;

/// One file as it goes into the zip: how it is stored, and the stored bytes.
struct Packed<'a> {
    method: u16,
    crc: u32,
    data: std::borrow::Cow<'a, [u8]>,
}

/// Packs one file: the previous bundle's copy when it holds exactly these bytes, else
/// deflated (stored when already compressed, or when deflate would not shrink it).
fn pack<'a>(
    packer: &mut Packer,
    previous: Option<&Previous<'a>>,
    name: &str,
    path: &str,
    bytes: &'a [u8],
) -> Packed<'a> {
    let crc = libdeflater::crc32(bytes);
    if let Some(old) = previous.and_then(|p| p.same(name, crc, bytes)) {
        return old;
    }
    let already = [".zip", ".pdf", ".png", ".jpg", ".jpeg", ".gif", ".webp"]
        .iter()
        .any(|ext| path.to_ascii_lowercase().ends_with(ext));
    if !already && !bytes.is_empty() {
        // Deflated into a buffer kept for the next file, then copied out at its size:
        // a fresh zeroed buffer of the worst-case size for every file cost more.
        let Packer {
            compressor,
            bulk,
            scratch,
        } = packer;
        let compressor = if is_bulk(path) { bulk } else { compressor };
        let bound = compressor.deflate_compress_bound(bytes.len());
        if scratch.len() < bound {
            scratch.resize(bound, 0);
        }
        if let Ok(n) = compressor.deflate_compress(bytes, scratch)
            && n < bytes.len()
        {
            return Packed {
                method: 8,
                crc,
                data: scratch[..n].to_vec().into(),
            };
        }
    }
    Packed {
        method: 0,
        crc,
        data: bytes.into(),
    }
}

/// Zips `entries` under a folder named `slug`, with `comment` at the end of the file.
/// Files that are already compressed, and files deflate would not shrink, are stored.
/// A file whose bytes the `previous` bundle holds under the same name is copied from it
/// rather than compressed again (the same bytes always give the same entry).
/// Fails only when the portal is beyond the plain zip format (over 65,535 files or 4 GiB).
pub fn zip(
    slug: &str,
    entries: &[Entry],
    comment: &str,
    previous: Option<&[u8]>,
) -> Result<Vec<u8>, String> {
    let mut sorted: Vec<&Entry> = entries.iter().collect();
    sorted.sort_by(|a, b| a.0.cmp(b.0));
    let count = check_entries(&sorted)?;
    let comment_len = u16::try_from(comment.len()).map_err(|_| "comment too long".to_string())?;
    let previous = previous.and_then(Previous::read);
    let named: Vec<(String, &Entry)> = sorted
        .into_iter()
        .map(|e| (format!("{slug}/{}", e.0), e))
        .collect();
    // What the format cannot hold is refused before anything is compressed.
    for (name, (_, bytes)) in &named {
        u16::try_from(name.len()).map_err(|_| format!("name too long: {name}"))?;
        u32::try_from(bytes.len()).map_err(|_| too_big())?;
    }
    // Files are compressed side by side; the archive is then laid out in name order.
    let packed: Vec<Packed> = named
        .par_iter()
        .with_min_len(8)
        .map_init(Packer::new, |state, (name, (path, bytes))| {
            pack(state, previous.as_ref(), name, path, bytes)
        })
        .collect();
    let (mut out, central) = lay_out(&named, &packed)?;
    let central_offset = u32::try_from(out.len()).map_err(|_| too_big())?;
    let central_size = u32::try_from(central.len()).map_err(|_| too_big())?;
    out.extend_from_slice(&central);
    // End of central directory.
    put32(&mut out, END);
    put16(&mut out, 0);
    put16(&mut out, 0);
    put16(&mut out, count);
    put16(&mut out, count);
    put32(&mut out, central_size);
    put32(&mut out, central_offset);
    put16(&mut out, comment_len);
    out.extend_from_slice(comment.as_bytes());
    u32::try_from(out.len()).map_err(|_| too_big())?;
    Ok(out)
}

fn too_big() -> String {
    "the portal is larger than a zip can hold (4 GiB)".to_string()
}

/// Checks the entries, sorted by path, and gives their number. Whoever unzips the bundle
/// must get the portal's folder and nothing else: no entry may climb out of it or be
/// absolute, and no name may stand twice.
fn check_entries(sorted: &[&Entry]) -> Result<u16, String> {
    if let Some((path, _)) = sorted
        .iter()
        .find(|(p, _)| !crate::fs::is_plain_relative(p))
    {
        return Err(format!("the file name {path:?} cannot go into a zip"));
    }
    if let Some(pair) = sorted.windows(2).find(|w| w[0].0 == w[1].0) {
        return Err(format!("{} would be in the zip twice", pair[0].0));
    }
    u16::try_from(sorted.len()).map_err(|_| {
        format!(
            "{} files are more than a zip can hold (65,535)",
            sorted.len()
        )
    })
}

/// The local entries of the archive (each header followed by its data) and the central
/// directory that lists them.
fn lay_out(named: &[(String, &Entry)], packed: &[Packed]) -> Result<(Vec<u8>, Vec<u8>), String> {
    let stored: usize = named
        .iter()
        .zip(packed)
        .map(|((name, _), p)| 30 + name.len() + p.data.len())
        .sum();
    let mut out = Vec::with_capacity(stored);
    let mut central = Vec::new();
    for ((name, (_, bytes)), packed) in named.iter().zip(packed) {
        let name_len = u16::try_from(name.len()).map_err(|_| format!("name too long: {name}"))?;
        let size = u32::try_from(bytes.len()).map_err(|_| too_big())?;
        let stored_size = u32::try_from(packed.data.len()).map_err(|_| too_big())?;
        let offset = u32::try_from(out.len()).map_err(|_| too_big())?;
        let fields = EntryFields {
            method: packed.method,
            crc: packed.crc,
            stored_size,
            size,
            name_len,
        };
        // Local file header.
        put32(&mut out, LOCAL);
        fields.put(&mut out);
        out.extend_from_slice(name.as_bytes());
        out.extend_from_slice(&packed.data);
        // Its central directory record.
        put32(&mut central, CENTRAL);
        put16(&mut central, MADE_BY);
        fields.put(&mut central);
        put16(&mut central, 0); // comment
        put16(&mut central, 0); // disk
        put16(&mut central, 0); // internal attributes
        put32(&mut central, FILE_MODE);
        put32(&mut central, offset);
        central.extend_from_slice(name.as_bytes());
    }
    Ok((out, central))
}

const LOCAL: u32 = 0x0403_4b50;
const CENTRAL: u32 = 0x0201_4b50;
const END: u32 = 0x0605_4b50;

/// The entries of a previous bundle, by name. Only what this module writes is understood
/// (stored or deflated, no ZIP64); anything else is simply not reused.
struct Previous<'a> {
    entries: std::collections::HashMap<&'a [u8], OldEntry<'a>>,
}

struct OldEntry<'a> {
    method: u16,
    crc: u32,
    size: u32,
    data: &'a [u8],
}

impl<'a> Previous<'a> {
    fn read(zip: &'a [u8]) -> Option<Self> {
        // The end record is 22 bytes before the comment, which holds no zip signatures.
        let end = (0..zip.len().saturating_sub(21))
            .rev()
            .take(22 + usize::from(u16::MAX))
            .find(|&i| get32(zip, i) == Some(END))?;
        let comment_len = usize::from(get16(zip, end + 20)?);
        let comment = zip.get(end + 22..end + 22 + comment_len)?;
        if !comment.starts_with(PACKER.as_bytes()) || comment.get(PACKER.len()) != Some(&b' ') {
            return None;
        }
        let count = usize::from(get16(zip, end + 10)?);
        let mut at = usize::try_from(get32(zip, end + 16)?).ok()?;
        let mut entries = std::collections::HashMap::with_capacity(count);
        for _ in 0..count {
            if get32(zip, at)? != CENTRAL {
                return None;
            }
            let method = get16(zip, at + 10)?;
            let crc = get32(zip, at + 16)?;
            let stored = usize::try_from(get32(zip, at + 20)?).ok()?;
            let size = get32(zip, at + 24)?;
            let name_len = usize::from(get16(zip, at + 28)?);
            let extra_len = usize::from(get16(zip, at + 30)?);
            let comment_len = usize::from(get16(zip, at + 32)?);
            let local = usize::try_from(get32(zip, at + 42)?).ok()?;
            let name = zip.get(at + 46..at + 46 + name_len)?;
            at += 46 + name_len + extra_len + comment_len;
            if get32(zip, local)? != LOCAL {
                return None;
            }
            let start = local
                + 30
                + usize::from(get16(zip, local + 26)?)
                + usize::from(get16(zip, local + 28)?);
            let data = zip.get(start..start.checked_add(stored)?)?;
            if method == 0 || method == 8 {
                entries.insert(
                    name,
                    OldEntry {
                        method,
                        crc,
                        size,
                        data,
                    },
                );
            }
        }
        Some(Previous { entries })
    }

    /// The previous entry named `name`, when it holds exactly `bytes` (checked byte for
    /// byte, after unpacking: a matching CRC alone is not proof).
    fn same(&self, name: &str, crc: u32, bytes: &[u8]) -> Option<Packed<'a>> {
        let old = self.entries.get(name.as_bytes())?;
        if old.crc != crc || usize::try_from(old.size).ok()? != bytes.len() {
            return None;
        }
        let equal = match old.method {
            0 => old.data == bytes,
            _ => {
                let mut unpacked = vec![0; bytes.len()];
                let mut d = libdeflater::Decompressor::new();
                matches!(d.deflate_decompress(old.data, &mut unpacked), Ok(n) if n == bytes.len())
                    && unpacked == bytes
            }
        };
        equal.then(|| Packed {
            method: old.method,
            crc,
            data: old.data.into(),
        })
    }
}

fn get16(b: &[u8], at: usize) -> Option<u16> {
    Some(u16::from_le_bytes(
        b.get(at..at.checked_add(2)?)?.try_into().ok()?,
    ))
}

fn get32(b: &[u8], at: usize) -> Option<u32> {
    Some(u32::from_le_bytes(
        b.get(at..at.checked_add(4)?)?.try_into().ok()?,
    ))
}

/// The fields a file's local header and its central directory record share, in order:
/// version needed, flags, method, time, date, CRC-32, sizes, name length, extra length.
struct EntryFields {
    method: u16,
    crc: u32,
    stored_size: u32,
    size: u32,
    name_len: u16,
}

impl EntryFields {
    fn put(&self, out: &mut Vec<u8>) {
        put16(out, NEEDED);
        put16(out, UTF8_NAMES);
        put16(out, self.method);
        put16(out, 0); // time 00:00
        put16(out, DOS_DATE);
        put32(out, self.crc);
        put32(out, self.stored_size);
        put32(out, self.size);
        put16(out, self.name_len);
        put16(out, 0); // extra field
    }
}

fn put16(out: &mut Vec<u8>, v: u16) {
    out.extend_from_slice(&v.to_le_bytes());
}

fn put32(out: &mut Vec<u8>, v: u32) {
    out.extend_from_slice(&v.to_le_bytes());
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::{Cursor, Read};

    /// Whoever unzips a bundle gets the portal's folder and nothing else.
    #[test]
    fn entries_that_climb_out_or_stand_twice_are_refused() {
        for bad in [
            "../x.txt",
            "documents/../../x",
            "/etc/passwd",
            "a\\..\\b",
            "a//b",
            "./a",
        ] {
            let entries: [Entry; 1] = [(bad, b"x")];
            assert!(zip("c", &entries, "k", None).is_err(), "{bad}");
        }
        let twice: [Entry; 2] = [("index.html", b"1"), ("index.html", b"2")];
        let err = zip("c", &twice, "k", None).unwrap_err();
        assert!(err.contains("twice"), "{err}");
    }

    /// The fingerprint is kept in published bundles: the same files must always give it.
    #[test]
    fn fingerprint_is_stable() {
        let entries: [Entry; 3] = [
            ("index.html", "<p>नमस्ते</p>".as_bytes()),
            ("a/b.csv", b"x,y\n1,2\n"),
            ("e", b""),
        ];
        assert_eq!(fingerprint(&entries), format!("{PACKER} e02ed74f512e1e69"));
    }

    #[test]
    fn reproducible_and_sorted() {
        let a: Entry = ("b.html", b"<p>b</p>");
        let b: Entry = ("a.html", b"<p>a</p>");
        let stamp = fingerprint(&[a, b]);
        assert_eq!(stamp, fingerprint(&[b, a]));
        let one = zip("x", &[a, b], &stamp, None).unwrap();
        let two = zip("x", &[b, a], &stamp, None).unwrap();
        assert_eq!(one, two);
        assert!(one.ends_with(stamp.as_bytes()));
        let mut archive = zip::ZipArchive::new(Cursor::new(one)).unwrap();
        assert_eq!(archive.comment(), stamp.as_bytes());
        assert_eq!(archive.by_index(0).unwrap().name().unwrap(), "x/a.html");
    }

    #[test]
    fn entries_unpack_to_their_bytes_with_their_mode_and_date() {
        let page = "<p>खुला नेपाल</p>".repeat(400);
        let picture = [7u8; 300];
        let entries: Vec<Entry> = vec![
            ("ne/index.html", page.as_bytes()),
            ("photo.JPG", &picture),
            ("empty.txt", b""),
            ("one.txt", b"x"),
        ];
        let bytes = zip("गाउँ", &entries, "c", None).unwrap();
        let mut archive = zip::ZipArchive::new(Cursor::new(bytes)).unwrap();
        assert_eq!(archive.len(), 4);
        for (path, expected) in &entries {
            let mut file = archive.by_name(&format!("गाउँ/{path}")).unwrap();
            let mut got = Vec::new();
            file.read_to_end(&mut got).unwrap();
            assert_eq!(&got, expected, "{path}");
            assert_eq!(file.unix_mode(), Some(0o100_644), "{path}");
            let date = file.last_modified().unwrap();
            assert_eq!((date.year(), date.month(), date.day()), (1980, 1, 1));
            let deflated = file.compression() == zip::CompressionMethod::Deflated;
            assert_eq!(deflated, *path == "ne/index.html", "{path}");
        }
        let page_entry = archive.by_name("गाउँ/ne/index.html").unwrap();
        assert!(page_entry.compressed_size() * 10 < page_entry.size());
    }

    /// A zip holding `entries` stored (not deflated), with `comment`.
    fn stored_zip(entries: &[(&str, &[u8])], comment: &str) -> Vec<u8> {
        let mut w = zip::ZipWriter::new(Cursor::new(Vec::new()));
        w.set_comment(comment).unwrap();
        let opts = zip::write::SimpleFileOptions::default()
            .compression_method(zip::CompressionMethod::Stored);
        for (name, bytes) in entries {
            w.start_file(*name, opts).unwrap();
            std::io::Write::write_all(&mut w, bytes).unwrap();
        }
        w.finish().unwrap().into_inner()
    }

    fn methods(bytes: Vec<u8>) -> Vec<(String, zip::CompressionMethod, Vec<u8>)> {
        let mut archive = zip::ZipArchive::new(Cursor::new(bytes)).unwrap();
        (0..archive.len())
            .map(|i| {
                let mut f = archive.by_index(i).unwrap();
                let mut got = Vec::new();
                f.read_to_end(&mut got).unwrap();
                (f.name().unwrap().to_string(), f.compression(), got)
            })
            .collect()
    }

    #[test]
    fn a_previous_bundle_lends_only_entries_with_the_very_same_bytes() {
        let page = "<p>खुला नेपाल</p>".repeat(300);
        let edited = page.replace("नेपाल", "भारत");
        let files: [(&str, &[u8]); 2] =
            [("x/a.html", page.as_bytes()), ("x/b.html", page.as_bytes())];
        let previous = stored_zip(&files, &format!("{PACKER} 0123"));
        let entries: Vec<Entry> = vec![("a.html", page.as_bytes()), ("b.html", edited.as_bytes())];
        let got = methods(zip("x", &entries, "c", Some(&previous)).unwrap());
        // a.html is unchanged: its stored copy is taken as it is; b.html changed: deflated.
        assert_eq!(
            got[0],
            (
                "x/a.html".into(),
                zip::CompressionMethod::Stored,
                page.clone().into_bytes()
            )
        );
        assert_eq!(
            got[1],
            (
                "x/b.html".into(),
                zip::CompressionMethod::Deflated,
                edited.clone().into_bytes()
            )
        );

        // Bytes that no longer match the recorded CRC and size are never trusted.
        let mut tampered = previous.clone();
        let at = tampered
            .windows(page.len())
            .position(|w| w == page.as_bytes())
            .unwrap();
        tampered[at + 3] ^= 1;
        let got = methods(zip("x", &entries[..1], "c", Some(&tampered)).unwrap());
        assert_eq!(
            got[0],
            (
                "x/a.html".into(),
                zip::CompressionMethod::Deflated,
                page.clone().into_bytes()
            )
        );

        // Not a zip, a truncated one, or one packed otherwise: everything is compressed afresh.
        let fresh = zip("x", &entries, "c", None).unwrap();
        let other = stored_zip(&files, "khula-bundle zlib-6 0123");
        assert_eq!(zip("x", &entries, "c", Some(&other)).unwrap(), fresh);
        assert_eq!(zip("x", &entries, "c", Some(b"not a zip")).unwrap(), fresh);
        assert_eq!(
            zip("x", &entries, "c", Some(&previous[..previous.len() / 2])).unwrap(),
            fresh
        );
        // A bundle made on top of its own previous output is that same bundle.
        let stamp = fingerprint(&entries);
        let made = zip("x", &entries, &stamp, None).unwrap();
        assert_eq!(zip("x", &entries, &stamp, Some(&made)).unwrap(), made);
    }

    /// Copied entries are only byte-for-byte what a fresh build makes while the deflater
    /// gives the same bytes: if this fails after an update of libdeflate, change `PACKER`
    /// (bundles packed before are then compressed afresh) and the expected fingerprint.
    #[test]
    fn the_packer_named_in_bundles_still_packs_the_same_bytes() {
        let page =
            "<tr><th scope=\"row\">शिक्षा</th><td class=\"num\">३,००,००,०००</td></tr>\n".repeat(200);
        let packed = |level| {
            let mut c = Compressor::new(CompressionLvl::new(level).unwrap());
            let mut out = vec![0; c.deflate_compress_bound(page.len())];
            let n = c.deflate_compress(page.as_bytes(), &mut out).unwrap();
            (n, crate::hash::fingerprint(&out[..n]))
        };
        assert!(PACKER.contains(&format!("-{LEVEL}-")));
        assert!(PACKER.ends_with(&format!("-{BULK_LEVEL}")));
        assert_eq!(
            packed(LEVEL),
            (172, "08a250d580bc18a4".to_string()),
            "libdeflate level {LEVEL} output for a fixed page"
        );
        assert_eq!(
            packed(BULK_LEVEL),
            (194, "7ea0c5401d8c79e6".to_string()),
            "libdeflate level {BULK_LEVEL} output for a fixed page"
        );
    }

    #[test]
    fn the_bundled_home_page_has_no_link_to_the_bundle() {
        let html = b"<main><p class=\"offline\"><a href=\"x.zip\">Download (ZIP, KHULA-BUNDLE-SIZE)</a></p></main>";
        assert_eq!(without_offline_link(html), b"<main></main>".to_vec());
    }
}
