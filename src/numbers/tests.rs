use super::parse::{CURRENCY_TOKENS, TRAILING_MARKS, parse_decorated};
use super::*;

fn ok(cell: &str) -> i64 {
    match parse_amount(cell) {
        Ok(Some(a)) => a.raw(),
        other => panic!("{cell:?} parsed as {other:?}"),
    }
}

fn err(cell: &str) -> AmountError {
    match parse_amount(cell) {
        Err(e) => e,
        other => panic!("{cell:?} should fail, got {other:?}"),
    }
}

const ALL_FORMATS: [NumberFormat; 12] = {
    let mut out = [NumberFormat {
        digits: Digits::Latin,
        grouping: Grouping::Western,
    }; 12];
    let mut i = 0;
    while i < 6 {
        out[2 * i].digits = Digits::ALL[i];
        out[2 * i + 1].digits = Digits::ALL[i];
        out[2 * i + 1].grouping = Grouping::SouthAsian;
        i += 1;
    }
    out
};

const LATIN_SA: NumberFormat = NumberFormat {
    digits: Digits::Latin,
    grouping: Grouping::SouthAsian,
};
const LATIN_W: NumberFormat = NumberFormat {
    digits: Digits::Latin,
    grouping: Grouping::Western,
};
const NE: NumberFormat = NumberFormat {
    digits: Digits::Devanagari,
    grouping: Grouping::SouthAsian,
};
const BN: NumberFormat = NumberFormat {
    digits: Digits::Bengali,
    grouping: Grouping::SouthAsian,
};
const DZ: NumberFormat = NumberFormat {
    digits: Digits::Tibetan,
    grouping: Grouping::SouthAsian,
};
const AR: NumberFormat = NumberFormat {
    digits: Digits::ArabicIndic,
    grouping: Grouping::Western,
};

fn units(n: i64) -> Amount {
    Amount::from_units(n).unwrap()
}

// ---- Amount ----------------------------------------------------------

#[test]
fn amount_basics() {
    assert_eq!(Amount::ZERO.raw(), 0);
    assert_eq!(Amount::default(), Amount::ZERO);
    assert_eq!(Amount::from_units(12).unwrap().raw(), 120_000);
    assert_eq!(Amount::from_units(-3).unwrap().raw(), -30_000);
    assert_eq!(
        Amount::from_units(i64::MAX / 10_000).unwrap().raw(),
        9_223_372_036_854_770_000
    );
    assert_eq!(Amount::from_units(i64::MAX / 10_000 + 1), None);
    assert_eq!(Amount::from_units(i64::MIN / 10_000 - 1), None);
    assert_eq!(Amount::from_units(i64::MAX), None);
    assert_eq!(Amount::from_raw(5).raw(), 5);
    assert!(Amount::from_raw(-1).is_negative());
    assert!(!Amount::ZERO.is_negative());
}

#[test]
fn amount_checked_arithmetic() {
    let max = Amount::from_raw(i64::MAX);
    let min = Amount::from_raw(i64::MIN);
    let one = Amount::from_raw(1);
    assert_eq!(max.checked_add(one), None);
    assert_eq!(min.checked_sub(one), None);
    assert_eq!(min.checked_add(max), Some(Amount::from_raw(-1)));
    assert_eq!(units(2).checked_add(units(3)), Some(units(5)));
    assert_eq!(units(2).checked_sub(units(3)), Some(units(-1)));
}

#[test]
fn amount_to_f64() {
    assert_eq!(Amount::from_raw(125_000).to_f64(), 12.5);
    assert_eq!(Amount::from_raw(-1).to_f64(), -0.0001);
    assert_eq!(Amount::ZERO.to_f64(), 0.0);
    assert!((Amount::from_raw(i64::MIN).to_f64() + 922_337_203_685_477.6).abs() < 1.0);
}

#[test]
fn amount_plain() {
    assert_eq!(units(1_234_567).plain(), "1234567");
    assert_eq!(Amount::from_raw(-125_000).plain(), "-12.5");
    assert_eq!(Amount::from_raw(1_250).plain(), "0.125");
    assert_eq!(Amount::from_raw(1).plain(), "0.0001");
    assert_eq!(Amount::from_raw(-1).plain(), "-0.0001");
    assert_eq!(Amount::ZERO.plain(), "0");
    assert_eq!(Amount::from_raw(i64::MAX).plain(), "922337203685477.5807");
    assert_eq!(Amount::from_raw(i64::MIN).plain(), "-922337203685477.5808");
}

// ---- Parsing: accepted forms -----------------------------------------

#[test]
fn empty_cells_are_not_reported() {
    for cell in [
        "",
        " ",
        "\t",
        "\r\n",
        "\u{A0}",
        " \u{A0}\u{2007}\u{202F} ",
        "\u{FEFF}",
        "\u{3000}",
    ] {
        assert_eq!(parse_amount(cell), Ok(None), "{cell:?}");
    }
}

#[test]
fn plain_numbers_and_signs() {
    assert_eq!(ok("0"), 0);
    assert_eq!(ok("7"), 70_000);
    assert_eq!(ok("007"), 70_000);
    assert_eq!(ok("1234567"), 12_345_670_000);
    assert_eq!(ok("+500"), 5_000_000);
    assert_eq!(ok("-500"), -5_000_000);
    assert_eq!(ok("\u{2212}500"), -5_000_000);
    assert_eq!(ok("- 500"), -5_000_000);
    assert_eq!(ok("-0"), 0);
    assert_eq!(ok("  42 "), 420_000);
    assert_eq!(ok("\u{A0}42\u{A0}"), 420_000);
    assert_eq!(ok("\u{FEFF}42"), 420_000);
    assert_eq!(ok("\u{200F}42\u{200E}"), 420_000);
}

#[test]
fn decimals() {
    assert_eq!(ok("12.5"), 125_000);
    assert_eq!(ok("0.125"), 1_250);
    assert_eq!(ok(".5"), 5_000);
    assert_eq!(ok("5."), 50_000);
    assert_eq!(ok("1234.5678"), 12_345_678);
    assert_eq!(ok("-0.0001"), -1);
    assert_eq!(ok("1.5000"), 15_000);
    assert_eq!(ok("1,234.50"), 12_345_000);
    assert_eq!(ok("12\u{066B}5"), 125_000);
}

#[test]
fn grouping_styles() {
    assert_eq!(ok("1,234"), 12_340_000);
    assert_eq!(ok("12,345"), 123_450_000);
    assert_eq!(ok("123,456"), 1_234_560_000);
    assert_eq!(ok("1,234,567"), 12_345_670_000);
    assert_eq!(ok("1,23,456"), 1_234_560_000);
    assert_eq!(ok("12,34,567"), 12_345_670_000);
    assert_eq!(ok("1,23,45,678.50"), 123_456_785_000);
    assert_eq!(ok("1\u{066C}234\u{066C}567"), 12_345_670_000);
    assert_eq!(ok("0,123"), 1_230_000);
}

#[test]
fn accounting_negatives() {
    assert_eq!(ok("(1,234)"), -12_340_000);
    assert_eq!(ok("( 1,234.5 )"), -12_345_000);
    assert_eq!(ok("(Rs. 1,234)"), -12_340_000);
    assert_eq!(ok("Rs (1,234)"), -12_340_000);
    assert_eq!(ok("(1,234) NPR"), -12_340_000);
    assert_eq!(ok("(1,234/-)"), -12_340_000);
    assert_eq!(ok("(0)"), 0);
    assert_eq!(err("-(1,234)"), AmountError::NotANumber);
    assert_eq!(err("(-1,234)"), AmountError::NotANumber);
    assert_eq!(err("(1,234"), AmountError::NotANumber);
    assert_eq!(err("()"), AmountError::NotANumber);
}

#[test]
fn digit_scripts() {
    assert_eq!(ok("१,२३,४५६"), 1_234_560_000);
    assert_eq!(ok("०.५"), 5_000);
    assert_eq!(ok("১২,৩৪৫.৬৭"), 123_456_700);
    assert_eq!(ok("٣٤٥٬٦٧٨٫٩"), 3_456_789_000);
    assert_eq!(ok("۱۲۳۴"), 12_340_000);
    assert_eq!(ok("۱٬۲۳۴٫۵"), 12_345_000);
    assert_eq!(ok("༡༢༣"), 1_230_000);
    assert_eq!(ok("༡,༠༠,༠༠༠"), 1_000_000_000);
    assert_eq!(ok("-९९९"), -9_990_000);
    // Every digit of every script.
    for script in Digits::ALL {
        let fmt = NumberFormat {
            digits: script,
            grouping: Grouping::Western,
        };
        let text = fmt.digits("1234567890");
        assert_eq!(ok(&text), 12_345_678_900_000, "{script:?}");
    }
}

#[test]
fn mixed_digit_scripts_are_rejected() {
    assert_eq!(err("१2३"), AmountError::NotANumber);
    assert_eq!(err("12.५"), AmountError::NotANumber);
    assert_eq!(err("১,234"), AmountError::NotANumber);
}

#[test]
fn currency_tokens_everywhere() {
    for token in CURRENCY_TOKENS {
        let variants = [
            token.to_string(),
            token.to_ascii_lowercase(),
            token.to_ascii_uppercase(),
        ];
        for t in &variants {
            for cell in [
                format!("{t}1,234.5"),
                format!("{t} 1,234.5"),
                format!("{t}\u{A0}1,234.5"),
                format!("1,234.5{t}"),
                format!("1,234.5 {t}"),
                format!("{t} 1,234.5/-"),
            ] {
                assert_eq!(ok(&cell), 12_345_000, "{cell:?}");
            }
            assert_eq!(ok(&format!("-{t} 500")), -5_000_000, "-{t} 500");
            assert_eq!(ok(&format!("{t} -500")), -5_000_000, "{t} -500");
            assert_eq!(ok(&format!("({t} 500)")), -5_000_000, "({t} 500)");
            assert_eq!(ok(&format!("{t} (500)")), -5_000_000, "{t} (500)");
        }
    }
    assert_eq!(ok("रु. १,२३,४५६"), 1_234_560_000);
    assert_eq!(ok("रू ५००"), 5_000_000);
    assert_eq!(ok("৳৫০০"), 5_000_000);
    assert_eq!(ok("₹1,23,456.50"), 1_234_565_000);
    assert_eq!(ok("Nu. ༥༠༠"), 5_000_000);
    assert_eq!(ok("500 BTN"), 5_000_000);
    assert_eq!(ok("RS.500"), 5_000_000);
}

#[test]
fn only_one_currency_token() {
    assert_eq!(err("Rs 500 Rs"), AmountError::NotANumber);
    assert_eq!(err("Rs NPR 500"), AmountError::NotANumber);
    assert_eq!(err("Rs"), AmountError::NotANumber);
    assert_eq!(err("USD 500"), AmountError::NotANumber);
    assert_eq!(err("$500"), AmountError::NotANumber);
}

#[test]
fn receipt_slash_dash() {
    assert_eq!(ok("500/-"), 5_000_000);
    assert_eq!(ok("500 /-"), 5_000_000);
    assert_eq!(ok("Rs. 1,250/-"), 12_500_000);
    assert_eq!(ok("रु. ५००/-"), 5_000_000);
    assert_eq!(err("500/-/-"), AmountError::NotANumber);
    assert_eq!(err("/-"), AmountError::NotANumber);
}

// ---- Parsing: errors -------------------------------------------------

#[test]
fn dash_cells() {
    for cell in [
        "-", "\u{2013}", "\u{2014}", "\u{2212}", " - ", "--", "Rs -", "-/-", "Rs. -/-", "(-)",
    ] {
        assert_eq!(err(cell), AmountError::Dash, "{cell:?}");
    }
}

#[test]
fn not_a_number() {
    for cell in [
        "abc",
        "N/A",
        "nil",
        "1.2E+07",
        "1.2e7",
        "1E-3",
        "12 345",
        "1.234.567",
        "1,234.5,6",
        "1-2",
        "500-",
        "+",
        "+-5",
        "--5",
        ".",
        ",",
        "0x1F",
        "१२a",
        "12%",
        "½",
        "٪",
    ] {
        assert_eq!(err(cell), AmountError::NotANumber, "{cell:?}");
    }
}

#[test]
fn bad_grouping() {
    for cell in [
        "1,2345",
        "12,34",
        "1,,234",
        ",123",
        "1,234,",
        "123,45,678",
        "1,23,4567",
        "1234,567",
        "1,234,56",
        "12,345,67,890",
        "1,23,456,789",
        ",",
    ]
    .into_iter()
    .filter(|c| *c != ",")
    {
        assert_eq!(err(cell), AmountError::BadGrouping, "{cell:?}");
    }
    assert_eq!(err("1,2345.5"), AmountError::BadGrouping);
    assert_eq!(err("(12,34)"), AmountError::BadGrouping);
}

#[test]
fn too_many_decimals() {
    assert_eq!(err("1.23456"), AmountError::TooManyDecimals);
    assert_eq!(err("0.00001"), AmountError::TooManyDecimals);
    assert_eq!(err("1.50000"), AmountError::TooManyDecimals);
    assert_eq!(err("०.१२३४५"), AmountError::TooManyDecimals);
    assert_eq!(err("(1,234.56789)"), AmountError::TooManyDecimals);
}

#[test]
fn limits_of_i64() {
    assert_eq!(ok("922337203685477.5807"), i64::MAX);
    assert_eq!(ok("92,23,37,20,36,85,477.5807"), i64::MAX);
    assert_eq!(ok("922,337,203,685,477.5807"), i64::MAX);
    assert_eq!(ok("-922337203685477.5808"), i64::MIN);
    assert_eq!(ok("(922,337,203,685,477.5808)"), i64::MIN);
    assert_eq!(err("922337203685477.5808"), AmountError::TooLarge);
    assert_eq!(err("-922337203685477.5809"), AmountError::TooLarge);
    assert_eq!(err("922337203685478"), AmountError::TooLarge);
    assert_eq!(err("18446744073709551615"), AmountError::TooLarge);
    assert_eq!(err("18446744073709551616"), AmountError::TooLarge);
    assert_eq!(err(&"9".repeat(400)), AmountError::TooLarge);
    assert_eq!(ok(&format!("{}1", "0".repeat(400))), 10_000);
}

#[test]
fn error_messages_and_hints() {
    let all = [
        AmountError::NotANumber,
        AmountError::Dash,
        AmountError::BadGrouping,
        AmountError::TooManyDecimals,
        AmountError::TooLarge,
    ];
    for (i, a) in all.iter().enumerate() {
        assert!(!a.to_string().is_empty());
        assert!(!a.hint().is_empty());
        assert!(!a.hint().contains('\n'));
        for b in all.iter().skip(i + 1) {
            assert_ne!(a.to_string(), b.to_string());
            assert_ne!(a.hint(), b.hint());
        }
    }
    assert_eq!(AmountError::NotANumber.to_string(), "is not an amount");
    assert_eq!(
        AmountError::BadGrouping.to_string(),
        "has a thousands separator in the wrong place"
    );
    assert_eq!(
        AmountError::TooManyDecimals.to_string(),
        "has more than 4 decimal places"
    );
    assert_eq!(AmountError::TooLarge.to_string(), "is too large");
    assert!(
        AmountError::NotANumber
            .hint()
            .contains("format the column as Number")
    );
    assert_eq!(
        AmountError::Dash.hint(),
        "write 0 if the amount is zero, or leave the cell empty if it was not reported"
    );
}

#[test]
fn hostile_input_does_not_panic() {
    let pieces = [
        "(",
        ")",
        "-",
        "+",
        ",",
        ".",
        "/-",
        "Rs",
        "रु.",
        "৳",
        "१",
        "9",
        "٫",
        "٬",
        " ",
        "\u{A0}",
        "e",
        "\u{0301}",
        "\u{10FFFF}",
        "\u{0}",
    ];
    for a in pieces {
        for b in pieces {
            for c in pieces {
                let _ = parse_amount(&format!("{a}{b}{c}"));
                let _ = parse_amount(&format!("{a}{b}{c}{a}"));
            }
        }
    }
}

// ---- Formatting ------------------------------------------------------

const NINETEEN: &str = "1234567890123456789";

const WESTERN: [&str; 19] = [
    "1",
    "12",
    "123",
    "1,234",
    "12,345",
    "123,456",
    "1,234,567",
    "12,345,678",
    "123,456,789",
    "1,234,567,890",
    "12,345,678,901",
    "123,456,789,012",
    "1,234,567,890,123",
    "12,345,678,901,234",
    "123,456,789,012,345",
    "1,234,567,890,123,456",
    "12,345,678,901,234,567",
    "123,456,789,012,345,678",
    "1,234,567,890,123,456,789",
];

const SOUTH_ASIAN: [&str; 19] = [
    "1",
    "12",
    "123",
    "1,234",
    "12,345",
    "1,23,456",
    "12,34,567",
    "1,23,45,678",
    "12,34,56,789",
    "1,23,45,67,890",
    "12,34,56,78,901",
    "1,23,45,67,89,012",
    "12,34,56,78,90,123",
    "1,23,45,67,89,01,234",
    "12,34,56,78,90,12,345",
    "1,23,45,67,89,01,23,456",
    "12,34,56,78,90,12,34,567",
    "1,23,45,67,89,01,23,45,678",
    "12,34,56,78,90,12,34,56,789",
];

#[test]
fn grouping_at_every_length() {
    for len in 1..=19 {
        let n: i64 = NINETEEN[..len].parse().unwrap();
        let western = WESTERN[len - 1];
        let south_asian = SOUTH_ASIAN[len - 1];
        assert_eq!(LATIN_W.integer(n), western);
        assert_eq!(LATIN_SA.integer(n), south_asian);
        assert_eq!(LATIN_W.integer(-n), format!("-{western}"));
        assert_eq!(LATIN_SA.integer(-n), format!("-{south_asian}"));
        // Both groupings parse back; 16 digits and more exceed the amount range.
        for text in [western, south_asian] {
            let parsed = parse_amount(text);
            if len <= 15 {
                assert_eq!(parsed, Ok(Amount::from_units(n)), "{text}");
            } else {
                assert_eq!(parsed, Err(AmountError::TooLarge), "{text}");
            }
        }
    }
}

#[test]
fn integers_in_scripts() {
    assert_eq!(NE.integer(10_449_999), "१,०४,४९,९९९");
    assert_eq!(BN.integer(230_000_000), "২৩,০০,০০,০০০");
    assert_eq!(DZ.integer(100_000), "༡,༠༠,༠༠༠");
    assert_eq!(AR.integer(1_234_567), "١٬٢٣٤٬٥٦٧");
    assert_eq!(AR.integer(-5), "\u{61C}-٥");
    let ext = NumberFormat {
        digits: Digits::ExtendedArabicIndic,
        grouping: Grouping::SouthAsian,
    };
    assert_eq!(ext.integer(1_234_567), "۱۲٬۳۴٬۵۶۷");
    assert_eq!(LATIN_SA.integer(0), "0");
    assert_eq!(LATIN_W.integer(i64::MAX), "9,223,372,036,854,775,807");
    assert_eq!(LATIN_W.integer(i64::MIN), "-9,223,372,036,854,775,808");
    assert_eq!(LATIN_SA.integer(i64::MIN), "-92,23,37,20,36,85,47,75,808");
}

#[test]
fn amount_rounding() {
    let a = Amount::from_raw;
    assert_eq!(LATIN_W.amount(a(12_345), 2), "1.23");
    assert_eq!(LATIN_W.amount(a(12_350), 2), "1.24");
    assert_eq!(LATIN_W.amount(a(-12_350), 2), "-1.24");
    assert_eq!(LATIN_W.amount(a(12_349), 2), "1.23");
    assert_eq!(LATIN_W.amount(a(5_000), 0), "1");
    assert_eq!(LATIN_W.amount(a(-5_000), 0), "-1");
    assert_eq!(LATIN_W.amount(a(4_999), 0), "0");
    assert_eq!(LATIN_W.amount(a(-4_999), 0), "0");
    assert_eq!(LATIN_W.amount(a(-40), 2), "0.00");
    assert_eq!(LATIN_W.amount(a(99_995), 3), "10.000");
    assert_eq!(LATIN_SA.amount(a(999_999_999), 0), "1,00,000");
    assert_eq!(LATIN_W.amount(a(12_345), 4), "1.2345");
    assert_eq!(LATIN_W.amount(a(12_345), 9), "1.2345");
    assert_eq!(LATIN_W.amount(a(10_000), 2), "1.00");
    assert_eq!(LATIN_W.amount(Amount::ZERO, 1), "0.0");
    assert_eq!(LATIN_W.amount(a(i64::MAX), 0), "922,337,203,685,478");
    assert_eq!(LATIN_W.amount(a(i64::MAX), 3), "922,337,203,685,477.581");
    assert_eq!(LATIN_W.amount(a(i64::MIN), 0), "-922,337,203,685,478");
    assert_eq!(
        LATIN_SA.amount(a(i64::MIN), 4),
        "-92,23,37,20,36,85,477.5808"
    );
    assert_eq!(NE.amount(a(12_345_678_900), 2), "१२,३४,५६७.८९");
    assert_eq!(AR.amount(a(12_345_678_900), 2), "١٬٢٣٤٬٥٦٧٫٨٩");
    assert_eq!(AR.amount(a(-15_000), 1), "\u{61C}-١٫٥");
}

#[test]
fn amount_auto_decimals() {
    assert_eq!(LATIN_SA.amount_auto(units(1_234_567)), "12,34,567");
    assert_eq!(
        LATIN_SA.amount_auto(Amount::from_raw(12_345_675_000)),
        "12,34,567.50"
    );
    assert_eq!(LATIN_SA.amount_auto(Amount::from_raw(-12_345)), "-1.23");
    assert_eq!(LATIN_SA.amount_auto(Amount::from_raw(-12_355)), "-1.24");
    assert_eq!(LATIN_SA.amount_auto(Amount::ZERO), "0");
    assert_eq!(LATIN_SA.amount_auto(Amount::from_raw(1)), "0.00");
    assert_eq!(BN.amount_auto(units(-500)), "-৫০০");
}

#[test]
fn percentages() {
    assert_eq!(LATIN_W.percent(87.456, 1), "87.5%");
    assert_eq!(NE.percent(87.456, 1), "८७.५%");
    assert_eq!(BN.percent(87.456, 0), "৮৭%");
    assert_eq!(AR.percent(87.456, 1), "٨٧٫٥٪");
    assert_eq!(LATIN_W.percent(2.5, 0), "3%");
    assert_eq!(LATIN_W.percent(-2.5, 0), "-3%");
    assert_eq!(LATIN_W.percent(0.0, 2), "0.00%");
    assert_eq!(LATIN_W.percent(-0.0, 0), "0%");
    assert_eq!(LATIN_W.percent(-0.04, 1), "0.0%");
    assert_eq!(LATIN_W.percent(12_345.0, 0), "12,345%");
    assert_eq!(LATIN_W.percent(f64::NAN, 1), "—");
    assert_eq!(LATIN_W.percent(f64::INFINITY, 1), "—");
    assert_eq!(LATIN_W.percent(f64::NEG_INFINITY, 1), "—");
}

#[test]
fn decimals_from_floats() {
    assert_eq!(LATIN_W.decimal(782.4, 1), "782.4");
    assert_eq!(NE.decimal(782.4, 1), "७८२.४");
    assert_eq!(LATIN_SA.decimal(1_234_567.891, 2), "12,34,567.89");
    assert_eq!(LATIN_W.decimal(1.005, 2), "1.01");
    assert_eq!(LATIN_W.decimal(0.125, 2), "0.13");
    assert_eq!(LATIN_W.decimal(-0.125, 2), "-0.13");
    assert_eq!(LATIN_W.decimal(9.96, 1), "10.0");
    assert_eq!(LATIN_W.decimal(999.95, 1), "1,000.0");
    assert_eq!(LATIN_W.decimal(0.1 + 0.2, 2), "0.30");
    assert_eq!(LATIN_W.decimal(1e-7, 3), "0.000");
    assert_eq!(LATIN_W.decimal(5.0, 0), "5");
    assert_eq!(LATIN_W.decimal(1e21, 0), "1,000,000,000,000,000,000,000");
    assert_eq!(
        LATIN_W
            .decimal(f64::MAX, 0)
            .chars()
            .filter(|c| *c == ',')
            .count(),
        102
    );
    assert_eq!(LATIN_W.decimal(f64::MIN_POSITIVE, 2), "0.00");
    assert_eq!(LATIN_W.decimal(1.5, 255).len(), 257);
    assert_eq!(LATIN_W.decimal(f64::NAN, 1), "—");
}

#[test]
fn transliteration() {
    assert_eq!(NE.digits("2080/81"), "२०८०/८१");
    assert_eq!(BN.digits("FY 2023-24"), "FY ২০২৩-২৪");
    assert_eq!(DZ.digits("2024"), "༢༠༢༤");
    assert_eq!(AR.digits("10 - 12"), "١٠ - ١٢");
    assert_eq!(LATIN_W.digits("१२ abc 34"), "१२ abc 34");
    assert_eq!(NE.digits(""), "");
    let ext = NumberFormat {
        digits: Digits::ExtendedArabicIndic,
        grouping: Grouping::Western,
    };
    assert_eq!(ext.digits("0123456789"), "۰۱۲۳۴۵۶۷۸۹");
}

#[test]
fn digits_by_language_and_name() {
    assert_eq!(Digits::for_lang("ne"), Digits::Devanagari);
    assert_eq!(Digits::for_lang("ne-NP"), Digits::Devanagari);
    assert_eq!(Digits::for_lang("hi"), Digits::Devanagari);
    assert_eq!(Digits::for_lang("mr"), Digits::Devanagari);
    assert_eq!(Digits::for_lang("bn"), Digits::Bengali);
    assert_eq!(Digits::for_lang("BN_bd"), Digits::Bengali);
    assert_eq!(Digits::for_lang("dz"), Digits::Tibetan);
    assert_eq!(Digits::for_lang("en"), Digits::Latin);
    assert_eq!(Digits::for_lang("ur"), Digits::Latin);
    assert_eq!(Digits::for_lang(""), Digits::Latin);
    assert_eq!(Digits::for_lang("new"), Digits::Latin);
    for (name, digits) in [
        ("latin", Digits::Latin),
        ("devanagari", Digits::Devanagari),
        ("bengali", Digits::Bengali),
        ("tibetan", Digits::Tibetan),
        ("arabic-indic", Digits::ArabicIndic),
        ("extended-arabic-indic", Digits::ExtendedArabicIndic),
        ("Devanagari", Digits::Devanagari),
        ("deva", Digits::Devanagari),
        ("arabext", Digits::ExtendedArabicIndic),
    ] {
        assert_eq!(Digits::from_name(name), Some(digits), "{name}");
    }
    assert_eq!(Digits::from_name("roman"), None);
    assert_eq!(Digits::from_name(""), None);
}

// ---- In words --------------------------------------------------------

#[test]
fn sums_in_words() {
    // Units of currency, language, format, and the words.
    let cases: &[(i64, &str, NumberFormat, &str)] = &[
        (104_500_000, "en", LATIN_SA, "10.45 crore"),
        (104_500_000, "ne", NE, "१०.४५ करोड"),
        (104_500_000, "hi", NE, "१०.४५ करो\u{921}\u{93C}"),
        (104_500_000, "ur", LATIN_SA, "10.45 کروڑ"),
        (104_500_000, "dz", DZ, "༡༠.༤༥ བྱེ་བ"),
        (104_500_000, "mr", NE, "१०.४५ कोटी"),
        (230_000_000, "bn", BN, "২৩ কোটি"),
        (23_000_000, "bn", BN, "২.৩ কোটি"),
        (1_045_000_000, "ne", NE, "१.०५ अर्ब"),
        (1_044_999_999, "ne", NE, "१.०४ अर्ब"),
        (1_040_000_000, "hi", NE, "१.०४ अरब"),
        (2_500_000_000, "ur", LATIN_SA, "2.5 ارب"),
        (10_450_000_000, "en", LATIN_W, "1,045 crore"),
        (10_450_000_000, "bn", BN, "১,০৪৫ কোটি"),
        (10_450_000_000, "dz", DZ, "༡,༠༤༥ བྱེ་བ"),
        (500_000, "en", LATIN_SA, "5 lakh"),
        (500_000, "dz", DZ, "༥ འབུམ"),
        (123_456, "ne", NE, "१.२३ लाख"),
        (100_000, "bn", BN, "১ লাখ"),
        (150_000, "ur", LATIN_SA, "1.5 لاکھ"),
        (-104_500_000, "en", LATIN_SA, "-10.45 crore"),
        (-500_000, "ne", NE, "-५ लाख"),
        (104_500_000, "fr", LATIN_W, "10.45 crore"),
    ];
    for &(amount, lang, format, words) in cases {
        let shown = in_words(units(amount), lang, &format);
        assert_eq!(shown.as_deref(), Some(words), "{amount} in {lang}");
    }
}

#[test]
fn words_thresholds_and_carries() {
    assert_eq!(in_words(units(99_999), "en", &LATIN_SA), None);
    assert_eq!(
        in_words(Amount::from_raw(999_999_999), "en", &LATIN_SA),
        None
    );
    assert_eq!(in_words(units(-99_999), "en", &LATIN_SA), None);
    assert_eq!(in_words(Amount::ZERO, "en", &LATIN_SA), None);
    // Rounds up into the next scale instead of "100 lakh".
    assert_eq!(
        in_words(units(9_999_999), "en", &LATIN_SA).as_deref(),
        Some("1 crore")
    );
    assert_eq!(
        in_words(units(9_994_999), "en", &LATIN_SA).as_deref(),
        Some("99.95 lakh")
    );
    assert_eq!(
        in_words(units(999_999_999), "ne", &NE).as_deref(),
        Some("१ अर्ब")
    );
    assert_eq!(
        in_words(units(999_999_999), "en", &LATIN_SA).as_deref(),
        Some("100 crore")
    );
    assert_eq!(
        in_words(units(10_050_000), "en", &LATIN_SA).as_deref(),
        Some("1.01 crore")
    );
    assert_eq!(
        in_words(units(10_049_999), "en", &LATIN_SA).as_deref(),
        Some("1 crore")
    );
    assert_eq!(
        in_words(Amount::from_raw(i64::MAX), "en", &LATIN_SA).as_deref(),
        Some("9,22,33,720.37 crore")
    );
    assert_eq!(
        in_words(Amount::from_raw(i64::MIN), "ne", &NE).as_deref(),
        Some("-९,२२,३३७.२ अर्ब")
    );
}

// ---- Round trips -----------------------------------------------------

/// Deterministic spread of raw values over every magnitude, plus the edges.
fn sample_amounts() -> Vec<Amount> {
    let mut out = vec![
        Amount::ZERO,
        Amount::from_raw(1),
        Amount::from_raw(-1),
        Amount::from_raw(i64::MAX),
        Amount::from_raw(i64::MIN),
        Amount::from_raw(i64::MAX - 1),
        Amount::from_raw(i64::MIN + 1),
    ];
    let mut power: i64 = 1;
    while let Some(next) = power.checked_mul(10) {
        for v in [power, power - 1, power + 1, next / 2] {
            out.push(Amount::from_raw(v));
            out.push(Amount::from_raw(-v));
        }
        power = next;
    }
    let mut state: u64 = 0x9E37_79B9_7F4A_7C15;
    for i in 0..2_000u32 {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        // Vary the magnitude: shift away 0..63 bits.
        let raw = (state as i64) >> (i % 64);
        out.push(Amount::from_raw(raw));
    }
    out
}

#[test]
fn format_then_parse_round_trips() {
    let amounts = sample_amounts();
    let mut checked = 0usize;
    for fmt in ALL_FORMATS {
        for &a in &amounts {
            let text = fmt.amount(a, 4);
            assert_eq!(parse_amount(&text), Ok(Some(a)), "{fmt:?} {text}");
            checked += 1;
            let integer = a.raw() / 10_000;
            if let Some(whole) = Amount::from_units(integer) {
                let text = fmt.integer(integer);
                assert_eq!(parse_amount(&text), Ok(Some(whole)), "{fmt:?} {text}");
            }
        }
    }
    assert!(checked > 20_000);
}

#[test]
fn plain_then_parse_round_trips() {
    for a in sample_amounts() {
        assert_eq!(parse_amount(&a.plain()), Ok(Some(a)), "{}", a.plain());
    }
}

#[test]
fn rounded_output_matches_integer_arithmetic() {
    // amount(x, d) agrees with rounding half away from zero done in i128.
    for a in sample_amounts() {
        for d in 0..=4u8 {
            let step = 10i128.pow(4 - u32::from(d));
            let raw = i128::from(a.raw());
            let q = (raw.abs() + step / 2) / step;
            let rounded = if raw < 0 { -q } else { q };
            if i64::try_from(rounded * step).is_err() {
                continue;
            }
            let text = LATIN_W.amount(a, d);
            let back = parse_amount(&text).unwrap().unwrap();
            assert_eq!(i128::from(back.raw()), rounded * step, "{a:?} {d} {text}");
        }
    }
}

#[test]
fn currency_marks_that_charters_write() {
    assert_eq!(ok("रु। १००"), 100 * 10_000);
    assert_eq!(ok("रू।100"), 100 * 10_000);
    assert_eq!(ok("१००|-"), 100 * 10_000);
    assert_eq!(ok("रु. १,५००।-"), 1_500 * 10_000);
    assert_eq!(ok("৫০০ টাকা"), 500 * 10_000);
    assert_eq!(ok("৫০০/="), 500 * 10_000);
    assert_eq!(ok("Tk. 50/-"), 50 * 10_000);
    assert_eq!(ok("₹ 25"), 25 * 10_000);
    assert_eq!(ok("NPR 1,000"), 1_000 * 10_000);
    assert_eq!(ok("१०० रुपैयाँ"), 100 * 10_000);
    // Each mark once: two currencies is not an amount.
    assert_eq!(err("रु रु 100"), AmountError::NotANumber);
}

#[test]
fn free_words_in_every_language() {
    for word in [
        "निःशुल्क",
        "नि:शुल्क",
        "निशुल्क",
        "निःशुल्क।",
        "मुफ्त",
        "বিনামূল্যে",
        "বিনা মূল্যে",
        "ফ্রি",
        "مفت",
        "རིན་མེད",
        "Free",
        " FREE. ",
        "nil",
        "No fee",
        "free of charge",
    ] {
        assert_eq!(parse_charge(word), Ok(Some(Charge::Free)), "{word}");
    }
    assert!(!is_free_word("free parking 50"));
}

#[test]
fn charges_are_amounts_free_words_or_rules() {
    assert_eq!(parse_charge(""), Ok(None));
    assert_eq!(parse_charge("  "), Ok(None));
    assert_eq!(
        parse_charge("रु. ५००/-"),
        Ok(Some(Charge::Amount(units(500))))
    );
    assert_eq!(parse_charge("0"), Ok(Some(Charge::Amount(Amount::ZERO))));
    for rule in [
        "रु १०० र प्रति पाना रु. ५",
        "প্রতি বছরের জন্য ৫ টাকা হারে",
        "अनुसुची नं. १ बमोजिम",
        "As per schedule 1 of the regulation",
        "Rs 50 per page",
    ] {
        assert_eq!(
            parse_charge(rule),
            Ok(Some(Charge::Rule(rule.to_string()))),
            "{rule}"
        );
    }
    // A number mistyped stays an error: it has no word in it.
    assert_eq!(parse_charge("1,00,0O0"), Err(AmountError::NotANumber));
    assert_eq!(parse_charge("12I0"), Err(AmountError::NotANumber));
    assert_eq!(parse_charge("1,0,00"), Err(AmountError::BadGrouping));
    assert_eq!(parse_charge("-"), Err(AmountError::Dash));
    assert_eq!(parse_charge("12.5.3"), Err(AmountError::NotANumber));
}

#[test]
fn decimals_are_counted_as_written() {
    assert_eq!(decimals_written("7%"), 0);
    assert_eq!(decimals_written("0.05%"), 2);
    assert_eq!(decimals_written("1.50"), 2);
    assert_eq!(decimals_written("Rs. 100.5"), 1);
    assert_eq!(decimals_written("०.२५%"), 2);
    assert_eq!(decimals_written("0.123456"), 4);
}

/// The quick reading of plain whole numbers gives what the general reading gives, and the
/// marks and tokens it skips looking for cannot sit next to a digit at either end.
#[test]
fn plain_figures_read_as_the_general_path_reads_them() {
    for token in CURRENCY_TOKENS.iter().chain(TRAILING_MARKS) {
        let b = token.as_bytes();
        assert!(
            !b[0].is_ascii_digit() && !b[b.len() - 1].is_ascii_digit(),
            "{token}"
        );
    }
    let mut cells: Vec<String> = [
        "0",
        "7",
        "007",
        "10",
        "46442265",
        "99999999999999",
        "100000000000000",
        "922337203685477",
        "12345678901234567890",
    ]
    .iter()
    .map(|s| s.to_string())
    .collect();
    let mut n: u64 = 1;
    for _ in 0..60 {
        n = n.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1);
        cells.push((n % 10u64.pow((n % 16) as u32 + 1)).to_string());
    }
    for cell in &cells {
        assert_eq!(parse_amount(cell), parse_decorated(cell), "{cell}");
        assert_eq!(
            parse_amount(&format!(" {cell}\u{a0}")),
            parse_decorated(cell),
            "{cell}"
        );
    }
    assert_eq!(ok("46442265"), 464_422_650_000);
    assert_eq!(ok("Rs 4,64,42,265/-"), 464_422_650_000);
}
