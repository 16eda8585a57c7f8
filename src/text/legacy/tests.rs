use super::*;

#[test]
fn preeti_moves_the_i_sign_after_its_consonant() {
    assert_eq!(convert(Font::Preeti, "gu/kflnsf"), "नगरपालिका");
    // Over a whole cluster: स्थि, and a half letter completed by `f` (क्षि).
    assert_eq!(convert(Font::Preeti, "l:y/"), "स्थिर");
    assert_eq!(convert(Font::Preeti, "lzIff"), "शिक्षा");
}

#[test]
fn preeti_moves_the_reph_before_its_syllable() {
    assert_eq!(convert(Font::Preeti, "sfof{no"), "कार्यालय");
    // Over the vowel sign and the consonant it follows: आर्थिक.
    assert_eq!(convert(Font::Preeti, "cfly{s"), "आर्थिक");
}

#[test]
fn preeti_keeps_unicode_spaces_and_amounts() {
    assert_eq!(
        convert(Font::Preeti, "j8f g+= % sf] ah]6 2080/81"),
        "वडा नं. ५ को बजेट 2080/81"
    );
    assert_eq!(convert(Font::Preeti, "नगर sfof{no"), "नगर कार्यालय");
}

#[test]
fn bijoy_moves_e_sign_and_joins_o() {
    assert_eq!(convert(Font::Bijoy, "h‡kvi"), "যশোর");
    assert_eq!(convert(Font::Bijoy, "‡cŠimfv"), "পৌরসভা");
    // A reph typed between the two halves of ো.
    assert_eq!(convert(Font::Bijoy, "K‡c©v‡ikb"), "কর্পোরেশন");
}

#[test]
fn bijoy_inside_unicode_text() {
    assert_eq!(convert(Font::Bijoy, "¯’াবর সম্পত্তি"), "স্থাবর সম্পত্তি");
}

#[test]
fn language_picks_the_layout() {
    assert_eq!(Font::for_language("ne"), Some(Font::Preeti));
    assert_eq!(Font::for_language("bn-BD"), Some(Font::Bijoy));
    assert_eq!(Font::for_language("en"), None);
}
