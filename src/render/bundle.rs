//! The offline bundle: the whole council portal in one zip file, to copy onto a USB stick
//! or a phone. Entries are sorted and dated 1980-01-01, so the same portal always gives
//! byte-for-byte the same file.

use super::Output;
use std::io::{Cursor, Write};
use zip::write::SimpleFileOptions;
use zip::{CompressionMethod, DateTime, ZipWriter};

/// File name of a council's bundle inside its folder.
pub fn name(slug: &str) -> String {
    format!("{slug}-portal.zip")
}

/// A fingerprint of the files to bundle, written as the zip's comment (the last bytes of a
/// zip file), so an unchanged portal's bundle can be recognised without unpacking it.
pub fn fingerprint(outputs: &[Output]) -> String {
    let mut sorted: Vec<&Output> = outputs.iter().collect();
    sorted.sort_by(|a, b| a.path.cmp(&b.path));
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
    for o in sorted {
        feed(o.path.as_bytes());
        feed(&o.bytes);
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

/// Zips `outputs` under a folder named `slug`, with `comment` at the end of the file. Files
/// that are already compressed are stored.
pub fn zip(slug: &str, outputs: &[Output], comment: &str) -> Vec<u8> {
    let mut sorted: Vec<&Output> = outputs.iter().collect();
    sorted.sort_by(|a, b| a.path.cmp(&b.path));
    let mut writer = ZipWriter::new(Cursor::new(Vec::new()));
    for o in sorted {
        let packed = [".zip", ".pdf", ".png", ".jpg", ".jpeg", ".gif", ".webp"]
            .iter()
            .any(|ext| o.path.to_ascii_lowercase().ends_with(ext));
        let options = SimpleFileOptions::default()
            .compression_method(if packed {
                CompressionMethod::Stored
            } else {
                CompressionMethod::Deflated
            })
            .last_modified_time(DateTime::default())
            .unix_permissions(0o644);
        if writer
            .start_file(format!("{slug}/{}", o.path), options)
            .is_err()
        {
            continue;
        }
        let _ = writer.write_all(&o.bytes);
    }
    let _ = writer.set_comment(comment);
    writer.finish().map(Cursor::into_inner).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reproducible_and_sorted() {
        let a = Output {
            path: "b.html".into(),
            bytes: b"<p>b</p>".to_vec(),
        };
        let b = Output {
            path: "a.html".into(),
            bytes: b"<p>a</p>".to_vec(),
        };
        let stamp = fingerprint(&[a.clone(), b.clone()]);
        assert_eq!(stamp, fingerprint(&[b.clone(), a.clone()]));
        let one = zip("x", &[a.clone(), b.clone()], &stamp);
        let two = zip("x", &[b, a], &stamp);
        assert_eq!(one, two);
        assert!(one.ends_with(stamp.as_bytes()));
        let mut archive = zip::ZipArchive::new(Cursor::new(one)).unwrap();
        assert_eq!(archive.by_index(0).unwrap().name().unwrap(), "x/a.html");
    }

    #[test]
    fn the_bundled_home_page_has_no_link_to_the_bundle() {
        let html = b"<main><p class=\"offline\"><a href=\"x.zip\">Download (ZIP, KHULA-BUNDLE-SIZE)</a></p></main>";
        assert_eq!(without_offline_link(html), b"<main></main>".to_vec());
    }
}
