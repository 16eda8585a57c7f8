//! The words clerks write in budget.csv's `type`, `nature` and `grant` columns, in every
//! language Khula speaks, and the folding that lets one spelling match its variants.
//!
//! Words are compared after [`fold`]: lowercase, joiners and soft hyphens dropped, nukta
//! letters written as letter + nukta (Bengali য় and য় are one word), candrabindu as
//! anusvara (पूँजीगत and पूंजीगत), Arabic letter forms as Urdu's (ي ی, ك ک, ه ہ), a
//! trailing Tibetan tsheg dropped, and runs of spaces, `_` and `-` as one space.

use super::{Flow, Grant, Nature};
use std::collections::{BTreeSet, HashMap, HashSet};
use std::sync::OnceLock;

/// One spelling of a word, folded for comparison.
pub fn fold(word: &str) -> String {
    let mut out = String::with_capacity(word.len());
    let mut space = false;
    for c in word.trim().chars().flat_map(char::to_lowercase) {
        if c.is_whitespace() || c == '_' || c == '-' {
            space = !out.is_empty();
            continue;
        }
        if matches!(c, '\u{200c}' | '\u{200d}' | '\u{00ad}' | '\u{feff}') {
            continue;
        }
        if space {
            out.push(' ');
            space = false;
        }
        push_folded(&mut out, c);
    }
    while out.ends_with('་') || out.ends_with('།') {
        out.pop();
    }
    out
}

/// Pushes one character in its folded form.
fn push_folded(out: &mut String, c: char) {
    let (base, nukta) = match c {
        // Devanagari letters with a nukta, precomposed.
        '\u{0929}' => ('\u{0928}', Some('\u{093c}')),
        '\u{0931}' => ('\u{0930}', Some('\u{093c}')),
        '\u{0934}' => ('\u{0933}', Some('\u{093c}')),
        '\u{0958}'..='\u{095f}' => (DEVANAGARI_NUKTA_BASE[c as usize - 0x0958], Some('\u{093c}')),
        '\u{0901}' => ('\u{0902}', None),
        // Bengali ড় ঢ় য়, precomposed.
        '\u{09dc}' => ('\u{09a1}', Some('\u{09bc}')),
        '\u{09dd}' => ('\u{09a2}', Some('\u{09bc}')),
        '\u{09df}' => ('\u{09af}', Some('\u{09bc}')),
        // Arabic forms typed for Urdu letters.
        '\u{064a}' | '\u{0649}' => ('\u{06cc}', None),
        '\u{0643}' => ('\u{06a9}', None),
        '\u{0647}' => ('\u{06c1}', None),
        _ => (c, None),
    };
    out.push(base);
    out.extend(nukta);
}

/// क़ ख़ ग़ ज़ ड़ ढ़ फ़ य़ without their nukta.
const DEVANAGARI_NUKTA_BASE: [char; 8] = [
    '\u{0915}', '\u{0916}', '\u{0917}', '\u{091c}', '\u{0921}', '\u{0922}', '\u{092b}', '\u{092f}',
];

/// Words for money going out (`type` column).
pub const EXPENDITURE: &[&str] = &[
    "expenditure",
    "expenditures",
    "expense",
    "expenses",
    "spending",
    "outlay",
    "payments",
    "व्यय",
    "खर्च",
    "खर्चा",
    "ব্যয়",
    "খরচ",
    "اخراجات",
    "خرچ",
    "ཟད་འགྲོ",
];

/// Words for money coming in (`type` column).
pub const REVENUE: &[&str] = &[
    "revenue",
    "revenues",
    "income",
    "receipt",
    "receipts",
    "आय",
    "आम्दानी",
    "राजस्व",
    "प्राप्ति",
    "प्राप्तियाँ",
    "आमदनी",
    "আয়",
    "রাজস্ব",
    "প্রাপ্তি",
    "آمدنی",
    "آمدن",
    "محصول",
    "محاصل",
    "وصولیاں",
    "འོང་འབབ",
];

/// Recurrent (current) expenditure: salaries, running costs, transfers. Where budgets are
/// split into a revenue and a development account (Bangladesh, India, Pakistan), the
/// revenue account is this.
pub const RECURRENT: &[&str] = &[
    "recurrent",
    "current",
    "revenue",
    "revenue account",
    "non development",
    "चालु",
    "चालू",
    "चालु खर्च",
    "चालू खर्च",
    "राजस्व",
    "राजस्व व्यय",
    "রাজস্ব",
    "রাজস্ব হিসাব",
    "চলতি",
    "جاری",
    "غیر ترقیاتی",
    "رواں",
    "རྒྱུན་སྤྱོད",
];

/// Capital (development) expenditure: building and buying what lasts.
pub const CAPITAL: &[&str] = &[
    "capital",
    "development",
    "development account",
    "पूँजीगत",
    "पुँजीगत",
    "पूँजीगत खर्च",
    "पुँजीगत खर्च",
    "पूँजीगत व्यय",
    "विकास",
    "উন্নয়ন",
    "উন্নয়ন হিসাব",
    "মূলধন",
    "ترقیاتی",
    "سرمایہ",
    "سرمایہ کاری",
    "མ་རྩ",
];

/// Financing: repaying loans and investing in shares or funds.
pub const FINANCING: &[&str] = &[
    "financing",
    "finance",
    "वित्तीय व्यवस्था",
    "वित्तीय व्यवस्थापन",
    "অর্থায়ন",
    "مالیاتی انتظام",
];

/// Grant-type words (`grant` column, or found beside a grant word in a revenue line's
/// sector or source).
pub const EQUALISATION: &[&str] = &[
    "equalisation",
    "equalization",
    "समानीकरण",
    "समानिकरण",
    "সমতা",
];
pub const CONDITIONAL: &[&str] = &[
    "conditional",
    "सशर्त",
    "शसर्त",
    "सर्शत",
    "शशर्त",
    "सशर्त्त",
    "ससर्त",
    "শর্তযুক্ত",
    "مشروط",
];
pub const SPECIAL: &[&str] = &["special", "विशेष", "बिशेष", "বিশেষ", "خصوصی"];
pub const COMPLEMENTARY: &[&str] = &[
    "complementary",
    "matching",
    "समपूरक",
    "समपुरक",
    "सम्पूरक",
    "সম্পূরক",
];

/// Words that say a line is a grant: a grant-type word counts in a sector or source only
/// beside one of these ("विशेष कार्यक्रम" is a special programme, not a special grant).
pub const GRANT: &[&str] = &["grant", "grants", "अनुदान", "অনুদান", "گرانٹ", "امداد"];

/// The word lists, folded once, by what each word says.
struct Lists {
    flow: HashMap<String, Flow>,
    nature: HashMap<String, Nature>,
    grant: HashMap<String, Grant>,
    grant_noun: HashSet<String>,
}

fn lists() -> &'static Lists {
    static LISTS: OnceLock<Lists> = OnceLock::new();
    LISTS.get_or_init(|| {
        fn folded<T: Copy>(groups: &[(T, &[&str])]) -> HashMap<String, T> {
            groups
                .iter()
                .flat_map(|(value, words)| words.iter().map(move |w| (fold(w), *value)))
                .collect()
        }
        Lists {
            flow: folded(&[(Flow::Expenditure, EXPENDITURE), (Flow::Revenue, REVENUE)]),
            nature: folded(&[
                (Nature::Recurrent, RECURRENT),
                (Nature::Capital, CAPITAL),
                (Nature::Financing, FINANCING),
            ]),
            grant: folded(&[
                (Grant::Equalisation, EQUALISATION),
                (Grant::Conditional, CONDITIONAL),
                (Grant::Special, SPECIAL),
                (Grant::Complementary, COMPLEMENTARY),
            ]),
            grant_noun: GRANT.iter().map(|w| fold(w)).collect(),
        }
    })
}

/// The flow a `type` cell names; an empty cell is expenditure.
pub fn flow(cell: Option<&str>) -> Option<Flow> {
    match cell {
        None => Some(Flow::Expenditure),
        Some(cell) => lists().flow.get(&fold(cell)).copied(),
    }
}

/// The nature a `nature` cell names.
pub fn nature(cell: &str) -> Option<Nature> {
    lists().nature.get(&fold(cell)).copied()
}

/// The words of a cell, folded, split at spaces and punctuation.
fn tokens(cell: &str) -> Vec<String> {
    fold(cell)
        .split([' ', '/', ',', '(', ')', ':'])
        .filter(|t| !t.is_empty())
        .map(str::to_string)
        .collect()
}

/// The one grant type named among a cell's words ("संघीय सशर्त अनुदान" is conditional);
/// `None` when there is none, or more than one.
pub fn grant_in(cell: &str) -> Option<Grant> {
    let found: BTreeSet<Grant> = tokens(cell)
        .iter()
        .filter_map(|w| lists().grant.get(w).copied())
        .collect();
    let mut found = found.into_iter();
    let first = found.next()?;
    found.next().is_none().then_some(first)
}

/// Nepal's revenue codes for grants from the federal government whose type is certain:
/// 13311 fiscal equalisation, 13312 conditional (recurrent), 13313 conditional (capital).
const GRANT_CODES: &[(&str, Grant)] = &[
    ("13311", Grant::Equalisation),
    ("13312", Grant::Conditional),
    ("13313", Grant::Conditional),
];

/// The grant type a revenue code stands for, in any digits (`13311`, `१३३११`).
pub fn grant_of_code(code: &str) -> Option<Grant> {
    let digits: String = code
        .trim()
        .chars()
        .map(|c| match c {
            '\u{0966}'..='\u{096f}' => char::from(b'0' + (c as u32 - 0x0966) as u8),
            '\u{09e6}'..='\u{09ef}' => char::from(b'0' + (c as u32 - 0x09e6) as u8),
            _ => c,
        })
        .collect();
    GRANT_CODES
        .iter()
        .find(|(c, _)| *c == digits)
        .map(|(_, g)| *g)
}

/// The grant type a sector or source names, when it also says it is a grant.
pub fn grant_named(text: &str) -> Option<Grant> {
    let says_grant = tokens(text).iter().any(|w| lists().grant_noun.contains(w));
    says_grant.then(|| grant_in(text)).flatten()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nukta_and_candrabindu_spellings_fold_together() {
        // য় precomposed (U+09DF) and as য + nukta.
        assert_eq!(fold("ব্য\u{09df}"), fold("ব্য\u{09af}\u{09bc}"));
        assert_eq!(fold("पूँजीगत"), fold("पूंजीगत"));
        assert_eq!(fold("  Revenue\u{200d} "), "revenue");
        assert_eq!(fold("ཟད་འགྲོ་"), fold("ཟད་འགྲོ"));
        assert_eq!(fold("non-development"), "non development");
        assert_eq!(fold("آمدني"), fold("آمدنی"));
    }

    #[test]
    fn type_words_in_every_language() {
        for w in [
            "राजस्व",
            "आय",
            "आम्दानी",
            "प्राप्ति",
            "\u{0986}\u{09df}",
            "\u{0986}\u{09af}\u{09bc}",
            "রাজস্ব",
            "প্রাপ্তি",
        ] {
            assert_eq!(flow(Some(w)), Some(Flow::Revenue), "{w}");
        }
        for w in ["آمدنی", "محصول", "Receipts", "INCOME", "འོང་འབབ་"] {
            assert_eq!(flow(Some(w)), Some(Flow::Revenue), "{w}");
        }
        for w in [
            "व्यय",
            "खर्च",
            "ব্য\u{09df}",
            "ব্য\u{09af}\u{09bc}",
            "খরচ",
            "اخراجات",
            "Expenses",
            "ཟད་འགྲོ",
        ] {
            assert_eq!(flow(Some(w)), Some(Flow::Expenditure), "{w}");
        }
        assert_eq!(flow(None), Some(Flow::Expenditure));
        assert_eq!(flow(Some("capital")), None);
    }

    #[test]
    fn nature_words() {
        for w in [
            "चालु",
            "चालू",
            "Recurrent",
            "রাজস্ব",
            "غیر ترقیاتی",
            "Non-development",
        ] {
            assert_eq!(nature(w), Some(Nature::Recurrent), "{w}");
        }
        for w in ["पूँजीगत", "पुँजीगत", "पूंजीगत", "Capital", "উন্নয়ন", "ترقیاتی"]
        {
            assert_eq!(nature(w), Some(Nature::Capital), "{w}");
        }
        assert_eq!(nature("वित्तीय व्यवस्था"), Some(Nature::Financing));
        assert_eq!(nature("salaries"), None);
    }

    #[test]
    fn no_word_says_two_things_in_one_column() {
        let columns: [&[&[&str]]; 3] = [
            &[EXPENDITURE, REVENUE],
            &[RECURRENT, CAPITAL, FINANCING],
            &[EQUALISATION, CONDITIONAL, SPECIAL, COMPLEMENTARY],
        ];
        for groups in columns {
            let mut seen = HashMap::new();
            for (i, group) in groups.iter().enumerate() {
                for w in *group {
                    if let Some(other) = seen.insert(fold(w), i) {
                        assert_eq!(other, i, "{w} is in two lists");
                    }
                }
            }
        }
    }

    #[test]
    fn every_word_is_in_the_content_format() {
        let doc = include_str!("../../../docs/content-format.md");
        let start = doc.find("### 5.1 budget.csv").unwrap();
        let end = doc.find("### 5.2 tax-rates.csv").unwrap();
        let section = &doc[start..end];
        let lists = [
            EXPENDITURE,
            REVENUE,
            RECURRENT,
            CAPITAL,
            FINANCING,
            EQUALISATION,
            CONDITIONAL,
            SPECIAL,
            COMPLEMENTARY,
            GRANT,
        ];
        let missing: Vec<&str> = lists
            .iter()
            .flat_map(|l| l.iter())
            .filter(|w| !section.contains(&format!("`{w}`")))
            .copied()
            .collect();
        assert!(
            missing.is_empty(),
            "not in docs/content-format.md 5.1: {missing:?}"
        );
    }

    #[test]
    fn grant_types_among_other_words() {
        assert_eq!(grant_in("संघीय सशर्त अनुदान"), Some(Grant::Conditional));
        assert_eq!(grant_in("वित्तीय समानिकरण अनुदान"), Some(Grant::Equalisation));
        assert_eq!(grant_in("प्रदेश समपुरक"), Some(Grant::Complementary));
        assert_eq!(grant_in("Special grant"), Some(Grant::Special));
        assert_eq!(grant_in("सशर्त / विशेष"), None);
        assert_eq!(grant_named("विशेष कार्यक्रम"), None);
        assert_eq!(grant_named("संघीय बिशेष अनुदान"), Some(Grant::Special));
        assert_eq!(grant_named("Property tax"), None);
        assert_eq!(grant_named("ससर्त अनुदान"), Some(Grant::Conditional));
        assert_eq!(grant_of_code("13311"), Some(Grant::Equalisation));
        assert_eq!(grant_of_code(" १३३१३ "), Some(Grant::Conditional));
        assert_eq!(grant_of_code("13314"), None);
        assert_eq!(grant_of_code("22522"), None);
    }
}
