//! Folding of confusable characters (homoglyphs) to Latin, after Unicode TS #39.
//!
//! This is a deliberately small table: the Cyrillic, Greek, Armenian and Latin-extension letters
//! that render like ASCII letters in common fonts. Fullwidth forms and mathematical alphanumerics
//! are already folded by NFKC before this table is consulted.

/// The ASCII letter a confusable character looks like, if any.
pub fn fold_char(c: char) -> Option<char> {
    let folded = match c {
        // Cyrillic lower case
        'а' => 'a',
        'в' => 'b',
        'с' => 'c',
        'ԁ' => 'd',
        'е' | 'ё' => 'e',
        'һ' => 'h',
        'і' | 'ї' => 'i',
        'ј' => 'j',
        'к' => 'k',
        'ӏ' => 'l',
        'м' => 'm',
        'о' => 'o',
        'р' => 'p',
        'ԛ' => 'q',
        'ѕ' => 's',
        'т' => 't',
        'ս' => 'u',
        'ѵ' => 'v',
        'ԝ' => 'w',
        'х' => 'x',
        'у' => 'y',
        // Cyrillic upper case
        'А' => 'A',
        'В' => 'B',
        'С' => 'C',
        'Е' | 'Ё' => 'E',
        'Н' => 'H',
        'І' | 'Ї' => 'I',
        'Ј' => 'J',
        'К' => 'K',
        'М' => 'M',
        'О' => 'O',
        'Р' => 'P',
        'Ѕ' => 'S',
        'Т' => 'T',
        'Х' => 'X',
        'У' => 'Y',
        'Ԁ' => 'D',
        'Ԛ' => 'Q',
        'Ԝ' => 'W',
        // Greek
        'α' => 'a',
        'ε' => 'e',
        'ι' => 'i',
        'κ' => 'k',
        'ν' => 'v',
        'ο' => 'o',
        'ρ' => 'p',
        'τ' => 't',
        'υ' => 'u',
        'χ' => 'x',
        'Α' => 'A',
        'Β' => 'B',
        'Ε' => 'E',
        'Ζ' => 'Z',
        'Η' => 'H',
        'Ι' => 'I',
        'Κ' => 'K',
        'Μ' => 'M',
        'Ν' => 'N',
        'Ο' => 'O',
        'Ρ' => 'P',
        'Τ' => 'T',
        'Υ' => 'Y',
        'Χ' => 'X',
        // Armenian
        'օ' => 'o',
        'ո' => 'n',
        'հ' => 'h',
        'ց' => 'g',
        // Latin extensions that look like plain letters
        'ı' => 'i',
        'ɡ' => 'g',
        'ɑ' => 'a',
        'ɩ' => 'i',
        'ʏ' => 'y',
        'ǀ' => 'l',
        _ => return None,
    };
    Some(folded)
}

/// Whether `c` is a letter of the Latin script (ASCII or Latin-1/Extended ranges).
pub fn is_latin_letter(c: char) -> bool {
    c.is_ascii_alphabetic()
        || matches!(c as u32, 0x00C0..=0x00FF | 0x0100..=0x024F | 0x1E00..=0x1EFF)
            && c.is_alphabetic()
}

/// The skeleton of an identifier, for lookalike comparison of tool names: confusables folded,
/// lower-cased, separators dropped, and the ASCII lookalikes `0→o`, `1→l`, `i→l`, `rn→m`,
/// `vv→w`, `5→s` merged.
pub fn skeleton(name: &str) -> String {
    let mut out = String::with_capacity(name.len());
    for c in name.chars() {
        let c = fold_char(c).unwrap_or(c);
        for c in c.to_lowercase() {
            let c = match c {
                '0' => 'o',
                '1' | 'i' | '|' => 'l',
                '5' => 's',
                '-' | '_' | '.' | ' ' | ':' | '/' => continue,
                other => other,
            };
            out.push(c);
        }
    }
    out.replace("rn", "m").replace("vv", "w")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn skeleton_merges_lookalikes() {
        assert_eq!(skeleton("read_fiIe"), skeleton("read_file"));
        assert_eq!(skeleton("send-email"), skeleton("send_email"));
        assert_eq!(skeleton("ѕend_еmail"), skeleton("send_email"));
        assert_eq!(skeleton("get_modern"), skeleton("get_modem"));
        assert_ne!(skeleton("get_user"), skeleton("get_users"));
    }
}
