//! JSON for the downloads, written directly rather than through a tree of
//! `serde_json::Value`s, without building and dropping a map for every row.

/// JSON written a record to a line: every element of an array starts a line of its own,
/// and nothing else has spaces or line breaks. A download of rows reads as one row per
/// line in a text editor, and a reader diffs or greps it line by line, with none of the
/// indentation that made a pretty-printed download a sixth larger. A value at a time:
/// the downloads have a fixed shape, so no tree of values is built.
pub struct Lines {
    pub out: Vec<u8>,
    /// The open arrays and objects, innermost last: `true` for an array.
    open: Vec<bool>,
    /// Whether the innermost open array or object has no member yet.
    empty: bool,
}

impl Lines {
    pub fn new() -> Lines {
        Lines {
            out: Vec::with_capacity(1 << 16),
            open: Vec::with_capacity(8),
            empty: true,
        }
    }

    pub fn open(&mut self, bracket: u8) {
        self.out.push(bracket);
        self.open.push(bracket == b'[');
        self.empty = true;
    }

    pub fn close(&mut self, bracket: u8) {
        let array = self.open.pop().unwrap_or(false);
        if array && !self.empty {
            self.out.push(b'\n');
        }
        self.out.push(bracket);
        self.empty = false;
    }

    /// Starts an array element, on a line of its own.
    pub fn element(&mut self) {
        if !self.empty {
            self.out.push(b',');
        }
        self.out.push(b'\n');
        self.empty = false;
    }

    /// Starts an object member: its key, then its value is written.
    pub fn key(&mut self, key: &str) {
        if !self.empty {
            self.out.push(b',');
        }
        self.empty = false;
        self.string(key);
        self.out.push(b':');
    }

    pub fn string(&mut self, s: &str) {
        // Most strings need no escape: copied whole, between quotes. The others are
        // written by serde_json (writing into a Vec cannot fail).
        if s.bytes().all(|b| b >= 0x20 && b != b'"' && b != b'\\') {
            self.out.reserve(s.len() + 2);
            self.out.push(b'"');
            self.out.extend_from_slice(s.as_bytes());
            self.out.push(b'"');
        } else {
            let _ = serde_json::to_writer(&mut self.out, s);
        }
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
    use super::Lines;

    /// What `Lines` writes reads back as the JSON serde_json would write, with a line for
    /// each array element and no other whitespace.
    #[test]
    fn lines_write_what_serde_json_would_a_record_to_a_line() {
        let mut json = Lines::new();
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
        let compact = serde_json::to_string(&value).unwrap();
        assert_eq!(written.replace('\n', ""), compact);
        assert!(
            written.starts_with("{\"empty list\":[],\"empty map\":{},\"figures\":[\n0,\n-0.0,\n7,")
        );
        assert!(written.contains("\n1000.0\n],\"text"), "{written}");
        assert_eq!(written.lines().count(), 14);
        assert_eq!(value["figures"][1], serde_json::json!(-0.0));
        assert_eq!(value["figures"][9], serde_json::Value::Null);
        assert_eq!(value["figures"][10], serde_json::Value::Null);
        assert_eq!(
            value["figures"][7],
            serde_json::json!(123_456_789_012_345_678_u64)
        );
    }
}
