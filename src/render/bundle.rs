//! The offline bundle: the whole council portal in one zip file, to copy onto a USB stick
//! or a phone. Entries are sorted and dated 1980-01-01, so the same portal always gives
//! byte-for-byte the same file.
//!
//! The archive is written here rather than through a zip library: a portal needs only the
//! plain format (no ZIP64, no encryption, no streaming), and compressing each whole file
//! with libdeflate in one call is two to three times quicker than a streaming deflater at
//! the same size, which matters when the bundle holds every page of 753 councils.

use libdeflater::{CompressionLvl, Compressor};

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
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    let mut feed = |bytes: &[u8]| {
        for chunk in bytes.chunks(8) {
            let mut word = [0u8; 8];
            word[..chunk.len()].copy_from_slice(chunk);
            hash ^= u64::from_le_bytes(word);
            hash = hash.wrapping_mul(0x0100_0000_01b3).rotate_left(23);
        }
        hash ^= bytes.len() as u64;
    };
    for (path, bytes) in sorted {
        feed(path.as_bytes());
        feed(bytes);
    }
    format!("khula-bundle {hash:016x}")
}

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

/// Deflate level: libdeflate's 6 packs portals as tightly as zlib's default.
const LEVEL: i32 = 6;
/// DOS date of 1980-01-01 (the earliest a zip can hold), the date of every entry.
const DOS_DATE: u16 = (1 << 5) | 1;
/// "Made by" Unix (3), format version 2.0, so unzip applies the permissions below.
const MADE_BY: u16 = (3 << 8) | 20;
const NEEDED: u16 = 20;
/// General-purpose flag bit 11: names are UTF-8.
const UTF8_NAMES: u16 = 1 << 11;
/// A regular file readable by all: `-rw-r--r--` in the high half of the external attributes.
const FILE_MODE: u32 = 0o100_644 << 16;

/// Zips `entries` under a folder named `slug`, with `comment` at the end of the file.
/// Files that are already compressed, and files deflate would not shrink, are stored.
/// Fails only when the portal is beyond the plain zip format (over 65,535 files or 4 GiB).
pub fn zip(slug: &str, entries: &[Entry], comment: &str) -> Result<Vec<u8>, String> {
    let mut sorted: Vec<&Entry> = entries.iter().collect();
    sorted.sort_by(|a, b| a.0.cmp(b.0));
    let count = u16::try_from(sorted.len()).map_err(|_| {
        format!(
            "{} files are more than a zip can hold (65,535)",
            sorted.len()
        )
    })?;
    let too_big = || "the portal is larger than a zip can hold (4 GiB)".to_string();
    let comment_len = u16::try_from(comment.len()).map_err(|_| "comment too long".to_string())?;
    let mut compressor = Compressor::new(CompressionLvl::new(LEVEL).unwrap_or_default());
    let mut out = Vec::new();
    let mut central = Vec::new();
    let mut packed = Vec::new();
    for (path, bytes) in sorted {
        let name = format!("{slug}/{path}");
        let name_len = u16::try_from(name.len()).map_err(|_| format!("name too long: {name}"))?;
        let size = u32::try_from(bytes.len()).map_err(|_| too_big())?;
        let crc = libdeflater::crc32(bytes);
        let already = [".zip", ".pdf", ".png", ".jpg", ".jpeg", ".gif", ".webp"]
            .iter()
            .any(|ext| path.to_ascii_lowercase().ends_with(ext));
        let mut method = 0u16;
        if !already && !bytes.is_empty() {
            packed.resize(compressor.deflate_compress_bound(bytes.len()), 0);
            if let Ok(n) = compressor.deflate_compress(bytes, &mut packed)
                && n < bytes.len()
            {
                packed.truncate(n);
                method = 8;
            }
        }
        let data: &[u8] = if method == 8 { &packed } else { bytes };
        let stored_size = u32::try_from(data.len()).map_err(|_| too_big())?;
        let offset = u32::try_from(out.len()).map_err(|_| too_big())?;
        let fields = EntryFields {
            method,
            crc,
            stored_size,
            size,
            name_len,
        };
        // Local file header.
        put32(&mut out, 0x0403_4b50);
        fields.put(&mut out);
        out.extend_from_slice(name.as_bytes());
        out.extend_from_slice(data);
        // Its central directory record.
        put32(&mut central, 0x0201_4b50);
        put16(&mut central, MADE_BY);
        fields.put(&mut central);
        put16(&mut central, 0); // comment
        put16(&mut central, 0); // disk
        put16(&mut central, 0); // internal attributes
        put32(&mut central, FILE_MODE);
        put32(&mut central, offset);
        central.extend_from_slice(name.as_bytes());
    }
    let central_offset = u32::try_from(out.len()).map_err(|_| too_big())?;
    let central_size = u32::try_from(central.len()).map_err(|_| too_big())?;
    out.extend_from_slice(&central);
    // End of central directory.
    put32(&mut out, 0x0605_4b50);
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

    #[test]
    fn reproducible_and_sorted() {
        let a: Entry = ("b.html", b"<p>b</p>");
        let b: Entry = ("a.html", b"<p>a</p>");
        let stamp = fingerprint(&[a, b]);
        assert_eq!(stamp, fingerprint(&[b, a]));
        let one = zip("x", &[a, b], &stamp).unwrap();
        let two = zip("x", &[b, a], &stamp).unwrap();
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
        let bytes = zip("गाउँ", &entries, "c").unwrap();
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

    #[test]
    fn the_bundled_home_page_has_no_link_to_the_bundle() {
        let html = b"<main><p class=\"offline\"><a href=\"x.zip\">Download (ZIP, KHULA-BUNDLE-SIZE)</a></p></main>";
        assert_eq!(without_offline_link(html), b"<main></main>".to_vec());
    }
}
