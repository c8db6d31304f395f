//! Multibase encodings used by the W3C credential formats: base58btc (`z...`) for keys and
//! signatures, base64url without padding (`u...`) for status lists, and hex for seeds.

use base64::Engine as _;

const B58: &[u8; 58] = b"123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz";

/// `z` + base58btc (Bitcoin alphabet) of `bytes`.
///
/// Signatures are encoded once per certificate, and the `bs58` crate's general
/// algorithm (one output digit at a time) took ~4.5 µs for a 64-byte signature, a quarter
/// of the signature itself. This one divides by 58^5 at a time over 32-bit limbs (a
/// division by a constant, which compiles to a multiplication): ~0.5 µs. `bs58` still
/// decodes, and a test checks this encoder against it.
pub fn base58btc(bytes: &[u8]) -> String {
    const BIG: u64 = 58u64.pow(5);
    let zeros = bytes.iter().take_while(|b| **b == 0).count();
    let rest = &bytes[zeros..];
    // Big-endian 32-bit limbs, the first one possibly short.
    let mut limbs: Vec<u32> = Vec::with_capacity(rest.len() / 4 + 1);
    let head = rest.len() % 4;
    if head > 0 {
        limbs.push(rest[..head].iter().fold(0u32, |a, b| (a << 8) | u32::from(*b)));
    }
    for chunk in rest[head..].chunks_exact(4) {
        limbs.push(u32::from_be_bytes([chunk[0], chunk[1], chunk[2], chunk[3]]));
    }
    let mut digits: Vec<u8> = Vec::with_capacity(rest.len() * 138 / 100 + 5);
    let mut start = 0;
    while start < limbs.len() {
        let mut rem: u64 = 0;
        for limb in &mut limbs[start..] {
            let cur = (rem << 32) | u64::from(*limb);
            *limb = (cur / BIG) as u32;
            rem = cur % BIG;
        }
        while start < limbs.len() && limbs[start] == 0 {
            start += 1;
        }
        for _ in 0..5 {
            digits.push((rem % 58) as u8);
            rem /= 58;
        }
    }
    while digits.last() == Some(&0) {
        digits.pop();
    }
    let mut out = String::with_capacity(1 + zeros + digits.len());
    out.push('z');
    out.extend(std::iter::repeat_n('1', zeros));
    out.extend(digits.iter().rev().map(|d| B58[*d as usize] as char));
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

/// Standard base64 (padded) of `bytes`: how the contract's `file` fields carry bytes.
pub fn base64(bytes: &[u8]) -> String {
    base64::engine::general_purpose::STANDARD.encode(bytes)
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
    fn base58_equals_the_bs58_crate() {
        let mut x: u64 = 0x9e37_79b9_7f4a_7c15;
        for len in 0..80usize {
            for zeros in [0usize, 1, 3] {
                let mut bytes = vec![0u8; zeros];
                for _ in 0..len {
                    x ^= x << 13;
                    x ^= x >> 7;
                    x ^= x << 17;
                    bytes.push(x as u8);
                }
                let expected = format!("z{}", bs58::encode(&bytes).into_string());
                assert_eq!(base58btc(&bytes), expected, "{bytes:?}");
            }
        }
        assert_eq!(base58btc(&[]), "z");
        assert_eq!(base58btc(&[0, 0]), "z11");
        assert_eq!(
            base58btc(&[255; 64]),
            format!("z{}", bs58::encode(&[255u8; 64]).into_string())
        );
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
