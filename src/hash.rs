//! The one hash of the program: FNV-1a, 64-bit. It names fingerprinted files
//! (`khula-0123abcd.css`), signs the inputs of a build record and digests comparison
//! pages. It is not a defence against anyone: only a quick, stable way to see a change.

/// FNV-1a, 64-bit, fed a piece at a time.
#[derive(Debug, Clone, Copy)]
pub struct Fnv(pub u64);

impl Default for Fnv {
    fn default() -> Self {
        Fnv::new()
    }
}

impl Fnv {
    pub const fn new() -> Fnv {
        Fnv(0xcbf2_9ce4_8422_2325)
    }

    pub fn write(&mut self, bytes: &[u8]) {
        for b in bytes {
            self.0 ^= u64::from(*b);
            self.0 = self.0.wrapping_mul(0x0100_0000_01b3);
        }
    }

    /// Feeds `bytes` eight at a time (little-endian words, the last padded with zeros),
    /// then their length: about eight times quicker than [`Fnv::write`] on large files, for
    /// the fingerprint of a whole portal (see `render::bundle::fingerprint`). Not the same
    /// value as `write`; the two are never mixed on one hash.
    pub fn write_words(&mut self, bytes: &[u8]) {
        let mut mix = |word: u64| {
            self.0 ^= word;
            self.0 = self.0.wrapping_mul(0x0100_0000_01b3).rotate_left(23);
        };
        let words = bytes.chunks_exact(8);
        let rest = words.remainder();
        for word in words {
            mix(u64::from_le_bytes(word.try_into().unwrap_or_default()));
        }
        if !rest.is_empty() {
            let mut word = [0u8; 8];
            word[..rest.len()].copy_from_slice(rest);
            mix(u64::from_le_bytes(word));
        }
        self.0 ^= bytes.len() as u64;
    }

    pub fn hex(&self) -> String {
        format!("{:016x}", self.0)
    }
}

/// The hash of `bytes` in hex, 16 characters.
pub fn fingerprint(bytes: &[u8]) -> String {
    let mut fnv = Fnv::new();
    fnv.write(bytes);
    fnv.hex()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fingerprint_is_stable() {
        assert_eq!(fingerprint(b""), "cbf29ce484222325");
        assert_eq!(fingerprint(b"a"), "af63dc4c8601ec8c");
        assert_ne!(fingerprint(b"a"), fingerprint(b"b"));
    }

    #[test]
    fn pieces_hash_as_the_whole() {
        let mut fnv = Fnv::new();
        fnv.write(b"ab");
        fnv.write(b"c");
        assert_eq!(fnv.hex(), fingerprint(b"abc"));
    }
}
