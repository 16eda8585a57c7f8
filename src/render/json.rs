//! JSON for the downloads, written directly rather than through a tree of
//! `serde_json::Value`s: the same bytes as `serde_json::to_vec_pretty`, without building
//! and dropping a map for every row.

/// JSON written as `serde_json::to_string_pretty` writes it (two spaces per level), a
/// value at a time: the downloads have a fixed shape, so no tree of values is built.
pub struct Pretty {
    pub out: Vec<u8>,
    depth: usize,
    /// Whether the innermost open array or object has no member yet.
    empty: bool,
}

impl Pretty {
    pub fn new() -> Pretty {
        Pretty {
            out: Vec::with_capacity(1 << 16),
            depth: 0,
            empty: true,
        }
    }

    fn newline(&mut self) {
        self.out.push(b'\n');
        for _ in 0..self.depth {
            self.out.extend_from_slice(b"  ");
        }
    }

    pub fn open(&mut self, bracket: u8) {
        self.out.push(bracket);
        self.depth += 1;
        self.empty = true;
    }

    pub fn close(&mut self, bracket: u8) {
        self.depth -= 1;
        if !self.empty {
            self.newline();
        }
        self.out.push(bracket);
        self.empty = false;
    }

    /// Starts an array element.
    pub fn element(&mut self) {
        if !self.empty {
            self.out.push(b',');
        }
        self.newline();
        self.empty = false;
    }

    /// Starts an object member: its key, then its value is written.
    pub fn key(&mut self, key: &str) {
        self.element();
        self.string(key);
        self.out.extend_from_slice(b": ");
    }

    pub fn string(&mut self, s: &str) {
        // Writing a string into a Vec cannot fail.
        let _ = serde_json::to_writer(&mut self.out, s);
    }

    /// A number as serde_json writes an `f64` (`1500.0`, `0.25`); finite numbers only.
    pub fn float(&mut self, n: f64) {
        let _ = serde_json::to_writer(&mut self.out, &n);
    }

    pub fn integer(&mut self, n: i64) {
        let _ = serde_json::to_writer(&mut self.out, &n);
    }

    pub fn null(&mut self) {
        self.out.extend_from_slice(b"null");
    }

    /// A text column: `null` when empty.
    pub fn text(&mut self, s: &str) {
        if s.is_empty() {
            self.null();
        } else {
            self.string(s);
        }
    }

    /// A figure in its CSV form, as a JSON number (whole numbers exact); `null` when empty.
    pub fn number(&mut self, s: &str) {
        let digits = s.strip_prefix('-').unwrap_or(s);
        // A whole number as our own formatting writes it is already JSON; anything else
        // (decimals, `-0`) goes through serde_json's reading and writing of numbers.
        let whole = !digits.is_empty()
            && digits.len() < 19
            && digits.bytes().all(|b| b.is_ascii_digit())
            && (digits == "0" && s.len() == 1 || !digits.starts_with('0'));
        if whole {
            self.out.extend_from_slice(s.as_bytes());
            return;
        }
        match serde_json::from_str::<serde_json::Number>(s) {
            Ok(n) if !s.is_empty() => {
                let _ = serde_json::to_writer(&mut self.out, &n);
            }
            _ => self.null(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::Pretty;

    /// What `Pretty` writes reads back as JSON, and serde_json writes it out the same.
    #[test]
    fn pretty_writes_what_serde_json_would() {
        let mut json = Pretty::new();
        json.open(b'{');
        json.key("empty list");
        json.open(b'[');
        json.close(b']');
        json.key("empty map");
        json.open(b'{');
        json.close(b'}');
        json.key("figures");
        json.open(b'[');
        for n in [
            "0",
            "-0",
            "7",
            "-12",
            "9.04",
            "16252.96",
            "-0.0001",
            "123456789012345678",
            "12345678901234567890",
            "",
            "007",
            "1e3",
        ] {
            json.element();
            json.number(n);
        }
        json.close(b']');
        json.key("text \"quoted\"\n\u{1}");
        json.open(b'{');
        json.key("none");
        json.text("");
        json.key("नाम");
        json.text("आमचोक गाउँपालिका\t\\");
        json.close(b'}');
        json.close(b'}');
        let written = String::from_utf8(json.out).unwrap();
        let value: serde_json::Value = serde_json::from_str(&written).unwrap();
        assert_eq!(written, serde_json::to_string_pretty(&value).unwrap());
        assert_eq!(value["figures"][1], serde_json::json!(-0.0));
        assert_eq!(value["figures"][9], serde_json::Value::Null);
        assert_eq!(value["figures"][10], serde_json::Value::Null);
        assert_eq!(
            value["figures"][7],
            serde_json::json!(123_456_789_012_345_678_u64)
        );
    }
}
