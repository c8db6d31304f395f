//! A fast writer of the RFC 8785 (JCS) canonical form, for the hot path of signing
//! certificates in bulk.
//!
//! The reference canonicaliser is the `serde_json_canonicalizer` crate (used for
//! [`crate::proofs::integrity::canonicalize`], for verification and for signing arbitrary
//! documents). It takes ~55 µs for a 4 KB certificate, three times the cost of the
//! Ed25519 signature itself, because it buffers and re-sorts every property. This writer
//! produces the same bytes (a property test compares the two on random documents,
//! including non-BMP keys, escapes and floats) and lets shared parts of a cohort's
//! credentials (course, signatory, issuer) be canonicalised once and spliced in.
//!
//! The rules: object keys sorted by their UTF-16 code units; strings with only `"`, `\`
//! and control characters escaped (`\b \t \n \f \r`, others `\u00xx`); numbers as
//! ECMAScript writes them (`ryu-js`, the formatter the reference crate uses too); no
//! whitespace.

use std::cmp::Ordering;
use std::sync::Arc;

use serde_json::Value;

/// Compares keys as RFC 8785 sorts them: by UTF-16 code units.
///
/// UTF-8 byte order is code point order, and that differs from UTF-16 order only between
/// a character U+E000..U+FFFF (lead byte 0xEE or 0xEF) and one above U+FFFF (lead byte
/// 0xF0..0xF4, a surrogate pair in UTF-16): only there does this compare UTF-16 units.
pub fn key_order(a: &str, b: &str) -> Ordering {
    let (x, y) = (a.as_bytes(), b.as_bytes());
    match x.iter().zip(y).position(|(p, q)| p != q) {
        None => x.len().cmp(&y.len()),
        Some(i) if x[i] >= 0xEE && y[i] >= 0xEE => a[i..].encode_utf16().cmp(b[i..].encode_utf16()),
        Some(i) => x[i].cmp(&y[i]),
    }
}

/// Bytes that a JSON string must escape.
const ESCAPE: [bool; 256] = {
    let mut t = [false; 256];
    let mut i = 0;
    while i < 0x20 {
        t[i] = true;
        i += 1;
    }
    t[b'"' as usize] = true;
    t[b'\\' as usize] = true;
    t
};

/// Appends a JSON string literal.
pub fn write_str(s: &str, out: &mut Vec<u8>) {
    const HEX: &[u8; 16] = b"0123456789abcdef";
    out.reserve(s.len() + 2);
    out.push(b'"');
    // Most strings need no escape: check without branching (this vectorises), then copy.
    let dirty = s
        .as_bytes()
        .iter()
        .fold(false, |acc, &b| acc | (b < 0x20) | (b == b'"') | (b == b'\\'));
    if !dirty {
        out.extend_from_slice(s.as_bytes());
        out.push(b'"');
        return;
    }
    let mut rest = s.as_bytes();
    while let Some(i) = rest.iter().position(|b| ESCAPE[*b as usize]) {
        out.extend_from_slice(&rest[..i]);
        let b = rest[i];
        match b {
            b'"' => out.extend_from_slice(b"\\\""),
            b'\\' => out.extend_from_slice(b"\\\\"),
            0x08 => out.extend_from_slice(b"\\b"),
            0x09 => out.extend_from_slice(b"\\t"),
            0x0a => out.extend_from_slice(b"\\n"),
            0x0c => out.extend_from_slice(b"\\f"),
            0x0d => out.extend_from_slice(b"\\r"),
            _ => {
                out.extend_from_slice(b"\\u00");
                out.push(HEX[(b >> 4) as usize]);
                out.push(HEX[(b & 15) as usize]);
            }
        }
        rest = &rest[i + 1..];
    }
    out.extend_from_slice(rest);
    out.push(b'"');
}

/// Appends an integer in decimal, without an intermediate `String`.
pub fn write_int(i: i64, out: &mut Vec<u8>) {
    if i < 0 {
        out.push(b'-');
    }
    let mut n = i.unsigned_abs();
    let mut buf = [0u8; 20];
    let mut at = buf.len();
    loop {
        at -= 1;
        buf[at] = b'0' + (n % 10) as u8;
        n /= 10;
        if n == 0 {
            break;
        }
    }
    out.extend_from_slice(&buf[at..]);
}

/// Appends the canonical form of a value.
pub fn write_value(v: &Value, out: &mut Vec<u8>) {
    match v {
        Value::Null => out.extend_from_slice(b"null"),
        Value::Bool(true) => out.extend_from_slice(b"true"),
        Value::Bool(false) => out.extend_from_slice(b"false"),
        Value::Number(n) => {
            if let Some(i) = n.as_i64().filter(|i| i.unsigned_abs() <= (1 << 53)) {
                write_int(i, out);
            } else if let Some(f) = n.as_f64() {
                out.extend_from_slice(ryu_js::Buffer::new().format(f).as_bytes());
            } else {
                out.extend_from_slice(b"null");
            }
        }
        Value::String(s) => write_str(s, out),
        Value::Array(items) => {
            out.push(b'[');
            for (i, item) in items.iter().enumerate() {
                if i > 0 {
                    out.push(b',');
                }
                write_value(item, out);
            }
            out.push(b']');
        }
        Value::Object(map) => write_object(map, out),
    }
}

/// Appends the canonical form of an object: members sorted by their keys' UTF-16 code
/// units.
pub fn write_object(map: &serde_json::Map<String, Value>, out: &mut Vec<u8>) {
    write_members(map.iter().map(|(k, v)| (k.as_str(), v)).collect(), out);
}

/// Appends the canonical form of an object given as its members, in any order (each key
/// once): what a verifier hashes for a document without its `proof`, with no copy of it.
pub fn write_members(mut entries: Vec<(&str, &Value)>, out: &mut Vec<u8>) {
    crate::model::sorting::sort_by(&mut entries, |a, b| key_order(a.0, b.0));
    out.push(b'{');
    for (i, (k, v)) in entries.into_iter().enumerate() {
        if i > 0 {
            out.push(b',');
        }
        write_str(k, out);
        out.push(b':');
        write_value(v, out);
    }
    out.push(b'}');
}

/// The canonical bytes of a value.
pub fn to_vec(v: &Value) -> Vec<u8> {
    let mut out = Vec::with_capacity(256);
    write_value(v, &mut out);
    out
}

/// A member's canonical bytes: owned, or shared by many objects (a cohort's course).
enum Part {
    /// A range of the object's own buffer.
    Local(usize, usize),
    Owned(Vec<u8>),
    Shared(Arc<[u8]>),
    Nested(Object),
}

impl Part {
    fn size(&self) -> usize {
        match self {
            Part::Local(a, b) => b - a,
            Part::Owned(v) => v.len(),
            Part::Shared(a) => a.len(),
            Part::Nested(o) => o.size(),
        }
    }

    fn write(&mut self, local: &[u8], out: &mut Vec<u8>) {
        match self {
            Part::Local(a, b) => out.extend_from_slice(&local[*a..*b]),
            Part::Owned(v) => out.extend_from_slice(v),
            Part::Shared(a) => out.extend_from_slice(a),
            Part::Nested(o) => {
                o.write_into(out, None);
            }
        }
    }
}

/// An object assembled from parts, some already canonical: entries are sorted when it is
/// written (adding them in order saves the sort its moves). Member names are `'static`
/// identifiers of this crate and are written unescaped.
#[derive(Default)]
pub struct Object {
    entries: Vec<(&'static str, Part)>,
    /// Small members are written here rather than each in its own allocation.
    local: Vec<u8>,
}

impl Object {
    /// An empty object.
    pub fn new() -> Object {
        Object::with_capacity(16, 256)
    }

    /// An empty object with room for `members` members and `bytes` bytes of small ones.
    pub fn with_capacity(members: usize, bytes: usize) -> Object {
        Object {
            entries: Vec::with_capacity(members),
            local: Vec::with_capacity(bytes),
        }
    }

    /// Adds a date-time member as `chrono` serializes it (RFC 3339, `Z`, fraction only
    /// when there is one).
    pub fn date_time(&mut self, key: &'static str, t: chrono::DateTime<chrono::Utc>) -> &mut Object {
        use chrono::Timelike;
        if t.nanosecond() == 0 && (0..=9999).contains(&chrono::Datelike::year(&t)) {
            let text = crate::model::schedule::format_date_time(t);
            self.str(key, &text)
        } else {
            self.ser(key, &t)
        }
    }

    /// Adds an integer member.
    pub fn int(&mut self, key: &'static str, value: i64) -> &mut Object {
        self.local(key, |out| write_int(value, out))
    }

    /// Adds a member whose canonical bytes are given.
    pub fn raw(&mut self, key: &'static str, canonical: Vec<u8>) -> &mut Object {
        self.entries.push((key, Part::Owned(canonical)));
        self
    }

    /// Adds a member whose canonical bytes are shared.
    pub fn shared(&mut self, key: &'static str, canonical: &Arc<[u8]>) -> &mut Object {
        self.entries.push((key, Part::Shared(Arc::clone(canonical))));
        self
    }

    fn local(&mut self, key: &'static str, write: impl FnOnce(&mut Vec<u8>)) -> &mut Object {
        let start = self.local.len();
        write(&mut self.local);
        let end = self.local.len();
        self.entries.push((key, Part::Local(start, end)));
        self
    }

    /// Adds a string member.
    pub fn str(&mut self, key: &'static str, value: &str) -> &mut Object {
        self.local(key, |out| write_str(value, out))
    }

    /// Adds a string member made of several pieces (no intermediate `String`).
    pub fn str_concat(&mut self, key: &'static str, pieces: &[&str]) -> &mut Object {
        self.local(key, |out| {
            out.push(b'"');
            for p in pieces {
                let start = out.len();
                write_str(p, out);
                // Drop the quotes write_str added around this piece.
                out.remove(start);
                out.pop();
            }
            out.push(b'"');
        })
    }

    /// Adds a date member, `YYYY-MM-DD` (or `null`), as `chrono` serializes it.
    pub fn date(&mut self, key: &'static str, date: Option<chrono::NaiveDate>) -> &mut Object {
        use chrono::Datelike;
        match date {
            Some(d) if (0..=9999).contains(&d.year()) => self.local(key, |out| {
                let (y, m, day) = (d.year() as u32, d.month(), d.day());
                let digits = [
                    b'"',
                    b'0' + (y / 1000) as u8,
                    b'0' + (y / 100 % 10) as u8,
                    b'0' + (y / 10 % 10) as u8,
                    b'0' + (y % 10) as u8,
                    b'-',
                    b'0' + (m / 10) as u8,
                    b'0' + (m % 10) as u8,
                    b'-',
                    b'0' + (day / 10) as u8,
                    b'0' + (day % 10) as u8,
                    b'"',
                ];
                out.extend_from_slice(&digits);
            }),
            Some(d) => self.ser(key, &d),
            None => self.local(key, |out| out.extend_from_slice(b"null")),
        }
    }

    /// Adds a string or `null` member.
    pub fn opt_str(&mut self, key: &'static str, value: Option<&str>) -> &mut Object {
        match value {
            Some(v) => self.str(key, v),
            None => self.local(key, |out| out.extend_from_slice(b"null")),
        }
    }

    /// Adds a member from a JSON value.
    pub fn value(&mut self, key: &'static str, value: &Value) -> &mut Object {
        self.local(key, |out| write_value(value, out))
    }

    /// Adds a member from anything serializable (as `serde_json::to_value` reads it).
    pub fn ser(&mut self, key: &'static str, value: &impl serde::Serialize) -> &mut Object {
        let v = serde_json::to_value(value).unwrap_or(Value::Null);
        self.value(key, &v)
    }

    /// Adds a member that is an object, written in place (no intermediate copy).
    pub fn object(&mut self, key: &'static str, value: Object) -> &mut Object {
        self.entries.push((key, Part::Nested(value)));
        self
    }

    fn size(&self) -> usize {
        self.entries.iter().map(|e| e.0.len() + e.1.size() + 4).sum::<usize>() + 2
    }

    /// Writes the object; returns where a member named `slot` would go (the offset of
    /// the first member that sorts after it, or of the closing brace).
    fn write_into(&mut self, out: &mut Vec<u8>, slot: Option<&str>) -> usize {
        crate::model::sorting::sort_by(&mut self.entries, |a, b| key_order(a.0, b.0));
        out.push(b'{');
        let mut at = None;
        let local = &self.local;
        for (i, (k, v)) in self.entries.iter_mut().enumerate() {
            if i > 0 {
                out.push(b',');
            }
            if at.is_none() && slot.is_some_and(|s| key_order(k, s) == Ordering::Greater) {
                at = Some(out.len());
            }
            // Member names are this crate's own identifiers: nothing to escape.
            debug_assert!(!k.bytes().any(|b| ESCAPE[b as usize]));
            out.push(b'"');
            out.extend_from_slice(k.as_bytes());
            out.extend_from_slice(b"\":");
            v.write(local, out);
        }
        let end = out.len();
        out.push(b'}');
        at.unwrap_or(end)
    }

    /// The object's canonical bytes, keeping the object to add more members.
    pub fn canonical_bytes(&mut self) -> Vec<u8> {
        let mut out = Vec::with_capacity(self.size());
        self.write_into(&mut out, None);
        out
    }

    /// The object's canonical bytes.
    pub fn into_vec(mut self) -> Vec<u8> {
        self.canonical_bytes()
    }

    /// The canonical bytes of this object with one more member `key` (which it must not
    /// have), made from the bytes of the object without it: `make` gets those and
    /// returns the member's canonical value. This is how a proof is added to the very
    /// document it signs without writing the document twice.
    pub fn with_member(mut self, key: &'static str, make: impl FnOnce(&[u8]) -> Vec<u8>) -> Vec<u8> {
        let mut doc = Vec::with_capacity(self.size() + key.len() + 800);
        let at = self.write_into(&mut doc, Some(key));
        let value = make(&doc);
        let mut member = Vec::with_capacity(key.len() + value.len() + 4);
        let closing = doc.get(at) == Some(&b'}');
        if closing && doc.len() > 2 {
            member.push(b',');
        }
        write_str(key, &mut member);
        member.push(b':');
        member.extend_from_slice(&value);
        if !closing {
            member.push(b',');
        }
        // Open a gap at `at` (only the few members after it move) and fill it.
        let (len, gap) = (doc.len(), member.len());
        doc.resize(len + gap, 0);
        doc.copy_within(at..len, at + gap);
        doc[at..at + gap].copy_from_slice(&member);
        doc
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;
    use serde_json::json;

    fn reference(v: &Value) -> Vec<u8> {
        serde_json_canonicalizer::to_vec(v).unwrap()
    }

    #[test]
    #[allow(clippy::excessive_precision)] // the RFC's own literal
    fn rfc8785_examples() {
        let v = json!({"numbers": [333333333.33333329, 1E30, 4.50, 2e-3, 0.000000000000000000000000001],
            "string": "\u{20ac}$\u{000F}\u{000a}A'\u{0042}\u{0022}\u{005c}\\\"/", "literals": [null, true, false]});
        let expected = r#"{"literals":[null,true,false],"numbers":[333333333.3333333,1e+30,4.5,0.002,1e-27],"string":"€$\u000f\nA'B\"\\\\\"/"}"#;
        assert_eq!(String::from_utf8(to_vec(&v)).unwrap(), expected);
        let keys = json!({"\u{20ac}": 1, "\r": 2, "\u{fb33}": 3, "1": 4, "\u{1F600}": 5, "\u{0080}": 6, "\u{00f6}": 7});
        let text = String::from_utf8(to_vec(&keys)).unwrap();
        let pos = |k: &str| text.find(&format!("\"{k}\"")).unwrap();
        assert!(pos("\\r") < pos("1") && pos("1") < pos("\u{0080}") && pos("\u{00f6}") < pos("\u{20ac}"));
        assert!(pos("\u{20ac}") < pos("\u{1F600}") && pos("\u{1F600}") < pos("\u{fb33}"));
        assert_eq!(to_vec(&keys), reference(&keys));
    }

    #[test]
    fn a_member_added_afterwards_lands_in_sorted_place() {
        for (key, whole) in [
            ("proof", json!({"a": 1, "type": [2], "proof": {"x": true}})),
            ("zz", json!({"a": 1, "b": 2, "zz": 3})),
            ("0", json!({"a": 1, "0": 3})),
            ("k", json!({"k": 3})),
        ] {
            let mut o = Object::new();
            let mut seen = Vec::new();
            for (k, v) in whole.as_object().unwrap() {
                if k != key {
                    o.value(Box::leak(k.clone().into_boxed_str()), v);
                }
            }
            let bytes = o.with_member(key, |without| {
                seen = without.to_vec();
                to_vec(&whole[key])
            });
            let mut rest = whole.clone();
            rest.as_object_mut().unwrap().remove(key);
            assert_eq!(seen, reference(&rest));
            assert_eq!(
                String::from_utf8(bytes).unwrap(),
                String::from_utf8(reference(&whole)).unwrap()
            );
        }
    }

    #[test]
    fn date_times_as_chrono_writes_them() {
        for text in [
            "2025-07-17T16:00:00Z",
            "2025-07-17T16:00:00.250Z",
            "2025-07-17T16:00:00.000000001Z",
        ] {
            let t = crate::model::schedule::parse_date_time(text).unwrap();
            let mut a = Object::new();
            a.date_time("t", t);
            let mut b = Object::new();
            b.ser("t", &t);
            assert_eq!(a.into_vec(), b.into_vec(), "{text}");
        }
    }

    #[test]
    fn dates_and_concatenations() {
        for d in ["2025-07-18", "0999-01-02", "-0001-12-31", "10000-01-01"] {
            let date: Option<chrono::NaiveDate> = serde_json::from_value(json!(d)).ok();
            let mut a = Object::new();
            a.date("d", date);
            let mut b = Object::new();
            b.ser("d", &date);
            assert_eq!(a.into_vec(), b.into_vec(), "{d}");
        }
        let mut a = Object::new();
        a.str_concat("s", &["a\"b", "#", "\u{1}é"]);
        let mut b = Object::new();
        b.str("s", "a\"b#\u{1}é");
        assert_eq!(a.into_vec(), b.into_vec());
    }

    #[test]
    fn integers() {
        for i in [0i64, 7, -7, 10, 1 << 53, -(1 << 53), i64::MIN + 1] {
            let mut out = Vec::new();
            write_int(i, &mut out);
            assert_eq!(String::from_utf8(out).unwrap(), i.to_string());
        }
    }

    #[test]
    fn objects_from_parts_equal_whole_values() {
        let whole = json!({"b": [1, {"z": null, "a": "x"}], "a": "é", "ab": 2.5});
        let mut o = Object::new();
        let mut inner = Object::new();
        inner.str("a", "x").value("z", &Value::Null);
        let mut list = Vec::new();
        list.extend_from_slice(b"[1,");
        list.extend_from_slice(&inner.into_vec());
        list.push(b']');
        o.ser("ab", &2.5f64).str("a", "é").raw("b", list);
        assert_eq!(o.into_vec(), reference(&whole));
    }

    fn json_value() -> impl Strategy<Value = Value> {
        let leaf = prop_oneof![
            Just(Value::Null),
            any::<bool>().prop_map(Value::from),
            any::<i64>().prop_map(Value::from),
            any::<u64>().prop_map(Value::from),
            any::<f64>()
                .prop_filter("finite", |f| f.is_finite())
                .prop_map(Value::from),
            "\\PC{0,8}".prop_map(Value::from),
            "[\\x00-\\x1f\"\\\\/a\u{7f}\u{e000}\u{ffff}\u{10000}\u{1F600}]{0,6}".prop_map(Value::from),
        ];
        leaf.prop_recursive(4, 48, 6, |inner| {
            prop_oneof![
                prop::collection::vec(inner.clone(), 0..6).prop_map(Value::from),
                prop::collection::btree_map(
                    "[a-zA-Z0-9_@\u{e9}\u{e000}\u{ffff}\u{10000}\u{1F600}\u{fb33}\r]{0,5}",
                    inner,
                    0..6
                )
                .prop_map(|m| Value::Object(m.into_iter().collect())),
            ]
        })
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(512))]
        /// The fast writer and the reference crate give the same bytes.
        #[test]
        fn equals_the_reference_canonicaliser(v in json_value()) {
            prop_assert_eq!(String::from_utf8(to_vec(&v)).unwrap(), String::from_utf8(reference(&v)).unwrap());
        }
    }
}
