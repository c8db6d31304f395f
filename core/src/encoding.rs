//! Multibase encodings used by the W3C credential formats: base58btc (`z...`) for keys and
//! signatures, base64url without padding (`u...`) for status lists, and hex for seeds.

use base64::Engine as _;

/// `z` + base58btc (Bitcoin alphabet) of `bytes`.
pub fn base58btc(bytes: &[u8]) -> String {
    let mut out = String::with_capacity(1 + bytes.len() * 138 / 100 + 1);
    out.push('z');
    out.push_str(&bs58::encode(bytes).into_string());
    out
}

/// Decodes a `z`-prefixed base58btc multibase string.
pub fn from_base58btc(text: &str) -> Result<Vec<u8>, &'static str> {
    let body = text.strip_prefix('z').ok_or("multibase_prefix")?;
    bs58::decode(body).into_vec().map_err(|_| "multibase_encoding")
}

/// `u` + base64url without padding of `bytes`.
pub fn base64url(bytes: &[u8]) -> String {
    let mut out = String::from("u");
    base64::engine::general_purpose::URL_SAFE_NO_PAD.encode_string(bytes, &mut out);
    out
}

/// Decodes a `u`-prefixed base64url (no padding) multibase string.
pub fn from_base64url(text: &str) -> Result<Vec<u8>, &'static str> {
    let body = text.strip_prefix('u').ok_or("multibase_prefix")?;
    base64::engine::general_purpose::URL_SAFE_NO_PAD
        .decode(body)
        .map_err(|_| "multibase_encoding")
}

/// Lower-case hex.
pub fn hex(bytes: &[u8]) -> String {
    const DIGITS: &[u8; 16] = b"0123456789abcdef";
    let mut out = String::with_capacity(bytes.len() * 2);
    for b in bytes {
        out.push(DIGITS[(b >> 4) as usize] as char);
        out.push(DIGITS[(b & 15) as usize] as char);
    }
    out
}

/// Decodes hex (either case).
pub fn from_hex(text: &str) -> Result<Vec<u8>, &'static str> {
    let t = text.as_bytes();
    if !t.len().is_multiple_of(2) {
        return Err("hex_length");
    }
    let nibble = |c: u8| -> Result<u8, &'static str> {
        match c {
            b'0'..=b'9' => Ok(c - b'0'),
            b'a'..=b'f' => Ok(c - b'a' + 10),
            b'A'..=b'F' => Ok(c - b'A' + 10),
            _ => Err("hex_digit"),
        }
    };
    t.chunks(2).map(|p| Ok((nibble(p[0])? << 4) | nibble(p[1])?)).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trips() {
        let bytes = [0u8, 0, 1, 2, 255, 254, 17];
        assert_eq!(from_base58btc(&base58btc(&bytes)).unwrap(), bytes);
        assert_eq!(from_base64url(&base64url(&bytes)).unwrap(), bytes);
        assert_eq!(from_hex(&hex(&bytes)).unwrap(), bytes);
        assert_eq!(hex(&[0xab, 0x01]), "ab01");
        assert_eq!(base64url(&[0xfb, 0xff]), "u-_8");
    }

    #[test]
    fn refuses_wrong_prefix_and_alphabet() {
        assert_eq!(from_base58btc("u123"), Err("multibase_prefix"));
        assert_eq!(from_base58btc("z0OIl"), Err("multibase_encoding"));
        assert_eq!(from_base64url("z+/"), Err("multibase_prefix"));
        assert_eq!(from_base64url("u+/"), Err("multibase_encoding"));
        assert_eq!(from_hex("abc"), Err("hex_length"));
        assert_eq!(from_hex("zz"), Err("hex_digit"));
    }
}
