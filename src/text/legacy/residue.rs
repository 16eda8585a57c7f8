//! What a careless converter leaves behind: a vowel sign split into two (`अा` for `आ`,
//! `ाे` for `ो`), which a reader's font draws with a dotted circle or a gap.

/// Pairs that are one letter or sign, and that letter or sign. In Bengali only `অা` is
/// listed: `ে` + `া` is the canonical form of `ো` and draws correctly.
const SPLIT: [(&str, &str); 11] = [
    ("अा", "आ"),
    ("अो", "ओ"),
    ("अौ", "औ"),
    ("आे", "ओ"),
    ("आै", "औ"),
    ("एे", "ऐ"),
    ("ाे", "ो"),
    ("ाै", "ौ"),
    ("ेा", "ो"),
    ("ैा", "ौ"),
    ("অা", "আ"),
];

/// A split sign found in a text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Residue {
    /// Byte offset of the first split sign.
    pub start: usize,
    /// Its length in bytes.
    pub len: usize,
    /// The whole text with every split sign joined.
    pub fixed: String,
}

/// Whether `a` then `b` is a pair of [`SPLIT`] (the same pairs, as characters, so that a
/// text is read once; a unit test keeps the two lists equal).
fn splits(a: char, b: char) -> bool {
    matches!(
        (a, b),
        ('अ', 'ा')
            | ('अ', 'ो')
            | ('अ', 'ौ')
            | ('आ', 'े')
            | ('आ', 'ै')
            | ('ए', 'े')
            | ('ा', 'े')
            | ('ा', 'ै')
            | ('े', 'ा')
            | ('ै', 'ा')
            | ('অ', 'া')
    )
}

/// The first split sign of `text`, with the text joined; `None` when there is none.
pub fn residue(text: &str) -> Option<Residue> {
    // Every sign of a pair is a letter of the scripts, none of them ASCII.
    if text.is_ascii() {
        return None;
    }
    // One pass over the characters finds the first pair; most texts have none, and are
    // done without a search per pair.
    let mut previous: Option<(usize, char)> = None;
    let mut found = None;
    for (at, c) in text.char_indices() {
        if let Some((start, p)) = previous
            && splits(p, c)
        {
            found = Some((start, p.len_utf8() + c.len_utf8()));
            break;
        }
        previous = Some((at, c));
    }
    let (start, len) = found?;
    let mut fixed = text.to_string();
    loop {
        let before = fixed.clone();
        for (pair, joined) in SPLIT {
            fixed = fixed.replace(pair, joined);
        }
        if fixed == before {
            break;
        }
    }
    Some(Residue { start, len, fixed })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_character_pairs_are_the_split_list() {
        for (pair, _) in SPLIT {
            let c: Vec<char> = pair.chars().collect();
            assert!(splits(c[0], c[1]), "{pair}");
        }
        let listed = SPLIT.len();
        let matched = ['अ', 'आ', 'ए', 'ा', 'े', 'ै', 'অ']
            .iter()
            .flat_map(|a| ['ा', 'ो', 'ौ', 'े', 'ै', 'া'].map(|b| (*a, b)))
            .filter(|(a, b)| splits(*a, *b))
            .count();
        assert_eq!(matched, listed);
    }

    #[test]
    fn joins_split_signs() {
        let r = residue("अाएकाे").unwrap();
        assert_eq!((r.start, r.len), (0, "अा".len()));
        assert_eq!(r.fixed, "आएको");
        assert_eq!(residue("नगरपालिका कार्यालय"), None);
        assert_eq!(residue("অাবেদন").unwrap().fixed, "আবেদন");
        // The canonical two-part Bengali o is left alone.
        assert_eq!(residue("পো"), None);
    }
}
