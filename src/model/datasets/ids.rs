//! Columns of identifiers (codes, pincodes, ward and serial numbers, telephone numbers,
//! years): numbers that name something rather than count it, so they are never added up
//! and are kept exactly as written (`00123` stays `00123`).
//!
//! A column is taken for one by its name, in any of the portal's languages, or by its
//! values: whole numbers written with leading zeros to a fixed width. The data dictionary's
//! `type:` overrides both (see `super::dictionary`).

/// Words that, as the last word of a column's name, say the column holds identifiers.
/// Words that mean a count (`संख्या`, `সংখ্যা`, `تعداد`) are not among them: `विद्यार्थी_संख्या`
/// is a number of students.
#[rustfmt::skip]
const ID_WORDS: &[&str] = &[
    // English
    "id", "ids", "code", "codes", "pincode", "pin", "postcode", "zip", "ward", "phone",
    "mobile", "telephone", "tel", "year", "no", "number", "sn", "serial", "ref",
    // Nepali
    "कोड", "नं", "नं.", "नम्बर", "वडा", "साल", "वर्ष", "क्र.सं.", "क्रसं", "क्रम", "फोन",
    "मोबाइल", "पिन", "पिनकोड",
    // Hindi
    "नंबर", "वार्ड", "क्रमांक", "कूट", "पिन", "पिनकोड",
    // Bengali
    "কোড", "নং", "নম্বর", "ওয়ার্ড", "সাল", "বছর", "অর্থবছর", "ফোন", "মোবাইল", "ক্রমিক",
    "ক্রমিক নং", "আইডি", "পিন",
    // Urdu
    "کوڈ", "نمبر", "وارڈ", "سال", "فون", "موبائل", "شناخت", "پن", "نمبرشمار",
    // Dzongkha
    "ཨང", "ཨང་རྟགས", "ཁ་པར", "ལོ", "ལོ་ངོ",
];

/// Words for a coordinate, as the last word of a column's name (`geo.lat`, `Longitude`,
/// `gps_lng`, `अक्षांश`): a position is no quantity either, and its every decimal counts.
#[rustfmt::skip]
const COORDINATE_WORDS: &[&str] = &[
    "lat", "latitude", "lon", "lng", "long", "longitude", "easting", "northing", "gps",
    "coordinate", "coordinates",
    "अक्षांश", "देशान्तर", "देशांतर", "अक्षांस",
    "অক্ষাংশ", "দ্রাঘিমাংশ", "দ্রাঘিমা",
    "عرض_البلد", "طول_البلد", "عرض", "طول",
];

/// Word endings that mark an identifier however the word starts: `locallevel_fullcode`,
/// `पिनकोड`.
const ID_ENDINGS: &[&str] = &["code", "कोड", "কোড", "کوڈ"];

/// True for a column whose name says it holds identifiers (`pincode`, `district_code`,
/// `locallevel_fullcode`, `ward_no`, `phone number`, `year`, `वडा_नं`, `ওয়ার্ড নং`,
/// `وارڈ نمبر`, `ཁ་པར`): its last word is one of [`ID_WORDS`] or ends in a word for code.
/// `ward_population`, `wards` (a count of wards) and `students` are quantities.
pub fn is_id_like(header: &str) -> bool {
    let lower = fold(&header.trim().to_lowercase());
    let last = lower
        .rsplit(['_', ' ', '-', '/', '(', ')'])
        .find(|w| !w.trim_matches(['.', '་']).is_empty())
        .unwrap_or(&lower);
    // Dzongkha ends every syllable with a tsheg; "ལོ" and "ལོ་" are one word.
    let last = last.trim_end_matches('་');
    let bare = last.trim_end_matches('.');
    let listed = |w: &str| ID_WORDS.iter().any(|id| fold(id) == w);
    listed(last)
        || listed(bare)
        || ID_ENDINGS.iter().any(|e| bare.ends_with(&fold(e)))
        || is_coordinate(&lower)
}

/// True for a column of coordinates: the last word of its name, with `.` also between
/// words (`geo.lat`), is a word for latitude, longitude or a grid position.
fn is_coordinate(lower: &str) -> bool {
    let last = lower
        .rsplit(['_', ' ', '-', '/', '(', ')', '.', ':'])
        .find(|w| !w.is_empty())
        .unwrap_or(lower);
    COORDINATE_WORDS.contains(&last)
}

/// One spelling of letters that are written two ways: a nukta letter precomposed or as
/// the base letter and a nukta (`फ़`, `য়`), which are then read without the nukta, and the
/// Arabic forms of kaf and yeh typed for the Urdu ones (`ك`, `ي`).
fn fold(s: &str) -> String {
    s.chars()
        .filter(|c| !matches!(c, '\u{093C}' | '\u{09BC}'))
        .map(|c| match c {
            '\u{0958}' => 'क',
            '\u{0959}' => 'ख',
            '\u{095A}' => 'ग',
            '\u{095B}' => 'ज',
            '\u{095C}' => 'ड',
            '\u{095D}' => 'ढ',
            '\u{095E}' => 'फ',
            '\u{095F}' => 'य',
            '\u{09DC}' => 'ড',
            '\u{09DD}' => 'ঢ',
            '\u{09DF}' => 'য',
            'ك' => 'ک',
            'ي' | 'ى' => 'ی',
            other => other,
        })
        .collect()
}

/// True when `cells` look like codes by their values: every cell is digits only, all of
/// one width, and at least one starts with a 0 that a number would not write (`007`,
/// `04412`). Such a column read as numbers would lose its zeros.
pub fn looks_like_codes(cells: &[&str]) -> bool {
    let digits = |s: &str| !s.is_empty() && s.chars().all(|c| c.is_numeric());
    let Some(first) = cells.first() else {
        return false;
    };
    let width = first.chars().count();
    width > 1
        && cells
            .iter()
            .all(|c| digits(c) && c.chars().count() == width)
        && cells.iter().any(|c| c.chars().next().is_some_and(is_zero))
}

/// A zero in any script's digits (`0`, `०`, `০`, `۰`, `༠`).
fn is_zero(c: char) -> bool {
    matches!(c, '0' | '०' | '০' | '۰' | '٠' | '༠')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_in_each_language() {
        for id in [
            "pincode",
            "district_code",
            "lgd_code",
            "LGD Code",
            "ward",
            "ward_no",
            "Ward No.",
            "phone_number",
            "year",
            "fiscal_year",
            "id",
            "locallevel_fullcode",
            "वडा_नं",
            "वडा",
            "वडा नं.",
            "आर्थिक_वर्ष",
            "पिनकोड",
            "वार्ड संख्या क्रमांक",
            "ওয়ার্ড নং",
            "ও\u{09AF}\u{09BC}ার্ড নং",
            "फ़ोन",
            "फ\u{093C}ोन नंबर",
            "وارڈ نمبر",
            "كوڈ",
            "অর্থবছর",
            "মোবাইল",
            "وارڈ نمبر",
            "فون",
            "ཁ་པར",
            "ལོ་",
            "geo.lat",
            "geo.lon",
            "Latitude",
            "gps_lng",
            "अक्षांश",
            "দ্রাঘিমাংশ",
        ] {
            assert!(is_id_like(id), "{id}");
        }
        for quantity in [
            "students",
            "ward_population",
            "wards",
            "households",
            "area_km2",
            "budget",
            "विद्यार्थी_संख्या",
            "छात्र संख्या",
            "ছাত্র সংখ্যা",
            "طلبہ کی تعداد",
            "Number of schools",
            "flat",
            "plots",
            "road_length_km",
        ] {
            assert!(!is_id_like(quantity), "{quantity}");
        }
    }

    #[test]
    fn codes_by_their_leading_zeros() {
        assert!(looks_like_codes(&["007", "012", "120"]));
        assert!(looks_like_codes(&["०४", "११"]));
        assert!(!looks_like_codes(&["7", "12", "120"]), "widths differ");
        assert!(!looks_like_codes(&["120", "340"]), "no leading zero");
        assert!(
            !looks_like_codes(&["0.5", "1.5"]),
            "decimals are quantities"
        );
        assert!(!looks_like_codes(&["0", "0"]), "a single zero is a number");
        assert!(!looks_like_codes(&[]));
    }
}
