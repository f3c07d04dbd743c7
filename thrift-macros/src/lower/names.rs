//! Thrift names to Rust names: case conventions, keyword escaping, and no collisions.

use std::collections::HashSet;

use proc_macro2::{Ident, Span};

/// Splits an identifier into lower-case words at `_`, lower-to-upper changes and the end of
/// acronyms: `sendMessage`, `send_message` and `SendMessage` are all `["send", "message"]`,
/// `HTTPCode2xx` is `["http", "code2xx"]`.
pub fn words(name: &str) -> Vec<String> {
    let chars: Vec<char> = name.chars().collect();
    let mut words = Vec::new();
    let mut current = String::new();
    for (i, &c) in chars.iter().enumerate() {
        if c == '_' || c == '.' {
            if !current.is_empty() {
                words.push(std::mem::take(&mut current));
            }
            continue;
        }
        let prev = i.checked_sub(1).map(|j| chars[j]);
        let next = chars.get(i + 1).copied();
        let boundary = c.is_uppercase()
            && !current.is_empty()
            && (prev.is_some_and(|p| p.is_lowercase() || p.is_ascii_digit())
                || (prev.is_some_and(char::is_uppercase) && next.is_some_and(char::is_lowercase)));
        if boundary {
            words.push(std::mem::take(&mut current));
        }
        current.extend(c.to_lowercase());
    }
    if !current.is_empty() {
        words.push(current);
    }
    words
}

/// `snake_case`.
pub fn snake(name: &str) -> String {
    let joined = words(name).join("_");
    if joined.is_empty() {
        "_".to_owned()
    } else {
        joined
    }
}

/// `SCREAMING_SNAKE_CASE`.
pub fn screaming(name: &str) -> String {
    snake(name).to_uppercase()
}

/// `UpperCamelCase`.
pub fn upper_camel(name: &str) -> String {
    let mut out = String::new();
    for word in words(name) {
        let mut chars = word.chars();
        if let Some(first) = chars.next() {
            // A word that starts with a digit joins the previous one with `_` to stay legible.
            if first.is_ascii_digit() && !out.is_empty() {
                out.push('_');
            }
            out.extend(first.to_uppercase());
            out.extend(chars);
        }
    }
    if out.is_empty() {
        "_".to_owned()
    } else {
        out
    }
}

const KEYWORDS: &[&str] = &[
    "as", "break", "const", "continue", "else", "enum", "extern", "false", "fn", "for", "if",
    "impl", "in", "let", "loop", "match", "mod", "move", "mut", "pub", "ref", "return", "static",
    "struct", "trait", "true", "type", "unsafe", "use", "where", "while", "async", "await", "dyn",
    "abstract", "become", "box", "do", "final", "macro", "override", "priv", "typeof", "unsized",
    "virtual", "yield", "try", "gen",
];

/// Keywords that cannot even be raw identifiers; they get a trailing `_`.
const UNRAWABLE: &[&str] = &["self", "Self", "crate", "super", "_"];

/// Makes an identifier from a name already in Rust case: keywords become raw identifiers
/// (`r#type`), and `self`, `Self`, `crate`, `super` become `self_` and so on.
pub fn ident(name: &str) -> Ident {
    if UNRAWABLE.contains(&name) {
        Ident::new(&format!("{name}_"), Span::call_site())
    } else if KEYWORDS.contains(&name) {
        Ident::new_raw(name, Span::call_site())
    } else if name.starts_with(|c: char| c.is_ascii_digit()) {
        Ident::new(&format!("_{name}"), Span::call_site())
    } else {
        Ident::new(name, Span::call_site())
    }
}

/// Hands out names unique within one Rust namespace: a converted name that is already taken
/// gets `_` appended until it is free.
#[derive(Default)]
pub struct Namer {
    taken: HashSet<String>,
}

impl Namer {
    /// A namer where `reserved` names are already taken.
    pub fn with_reserved(reserved: &[&str]) -> Self {
        Namer {
            taken: reserved.iter().map(|s| (*s).to_owned()).collect(),
        }
    }

    /// Claims `name` (or the first free variant of it) and returns its identifier.
    pub fn claim(&mut self, name: String) -> Ident {
        let mut name = ident(&name).to_string().trim_start_matches("r#").to_owned();
        while !self.taken.insert(name.clone()) {
            name.push('_');
        }
        ident(&name)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn conventions() {
        assert_eq!(snake("sendMessage"), "send_message");
        assert_eq!(snake("SendMessage"), "send_message");
        assert_eq!(snake("HTTPCode"), "http_code");
        assert_eq!(snake("already_snake"), "already_snake");
        assert_eq!(snake("v2Field"), "v2_field");
        assert_eq!(upper_camel("chat_service"), "ChatService");
        assert_eq!(
            upper_camel("TApplicationException"),
            "TApplicationException"
        );
        assert_eq!(upper_camel("i18n"), "I18n");
        assert_eq!(screaming("lightBlue"), "LIGHT_BLUE");
        assert_eq!(screaming("RED"), "RED");
    }

    #[test]
    fn keywords_and_collisions() {
        assert_eq!(ident("type").to_string(), "r#type");
        assert_eq!(ident("self").to_string(), "self_");
        assert_eq!(ident("Self").to_string(), "Self_");
        let mut namer = Namer::default();
        assert_eq!(namer.claim(snake("fooBar")).to_string(), "foo_bar");
        assert_eq!(namer.claim(snake("foo_bar")).to_string(), "foo_bar_");
        assert_eq!(namer.claim("match".into()).to_string(), "r#match");
        assert_eq!(namer.claim("match".into()).to_string(), "match_");
    }
}
