//! W3C Bitstring Status List v1.0: index 0 is the left-most bit of the first byte, the
//! list is gzip-compressed and written as base64url multibase (`u...`).
//!
//! # One entry per credential, two readers
//!
//! The Open Badges 3.0 schema allows one `credentialStatus` object, and a certificate can
//! be revoked (for good) or suspended (for now). So a tamat credential names one entry
//! with `statusPurpose: "message"` and `statusSize: 2` in one list: the entry's two bits
//! (at `2 x statusListIndex`) are `revoked` then `suspended`, and its `statusMessage`
//! says so (`0x0` valid, `0x1` suspended, `0x2` and `0x3` revoked).
//!
//! Some verifiers read one bit at `statusListIndex` whatever the `statusSize` (Digital
//! Bazaar's `vc-bitstring-status-list` 2.0). The indices tamat hands out are laid out so
//! that they read the truth too: that bit is set exactly when the certificate is revoked
//! or suspended. Index `i`'s pair of bits is `2i, 2i+1`; its one-bit reader reads bit
//! `i`, which belongs to the pair of index `i / 2`. Indices are taken only from the
//! ranges `[2^15, 2^16)`, `[2^17, 2^18)`, `[2^19, 2^20)`..., so neither `i / 2` nor
//! `2i`, `2i+1` is ever an index in use: a pair and a one-bit reader's bit never meet.
//! The smallest list (131,072 bits) holds 32,768 certificates, one of 2^19 bits 163,840.
//! See `docs/status.md`.
//!
//! Lists of one purpose (`revocation` or `suspension`, one bit per certificate at the
//! same index) can be written too, and credentials of other issuers that name such
//! lists are verified.

use std::io::Write;

use serde::{Deserialize, Serialize};

use crate::error::TamatError;
use crate::proofs::encoding;

/// The smallest status list the Bitstring Status List specification allows (herd privacy).
pub const MIN_STATUS_LIST_SIZE: u64 = 131_072;

/// Decompressed lists larger than this (2^27 entries) are refused, so that a small
/// hostile input cannot expand without bound.
pub const MAX_LIST_BYTES: usize = 16 * 1024 * 1024;

/// What a status list says.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum StatusPurpose {
    /// Two bits per certificate, revoked then suspended: the list tamat's credentials name
    /// (the default).
    #[default]
    Message,
    /// One bit: revoked for good.
    Revocation,
    /// One bit: suspended for now.
    Suspension,
}

/// Bits per entry of a `message` list.
pub const MESSAGE_STATUS_SIZE: u64 = 2;

/// The `statusMessage` of a tamat entry: each value of its two bits and what it means.
pub const STATUS_MESSAGES: [(&str, &str); 4] = [
    ("0x0", "valid"),
    ("0x1", "suspended"),
    ("0x2", "revoked"),
    ("0x3", "revoked"),
];

/// The `statusListIndex` of the certificate with status slot `slot` (the register's
/// `status_index`: 0, 1, 2... in order of issue). See the module's documentation.
pub fn list_index(slot: u64) -> u64 {
    let (mut base, mut rest) = (1u64 << 15, slot);
    while rest >= base && base < 1 << 60 {
        rest -= base;
        base <<= 2;
    }
    base + rest
}

/// How many certificates a list of `size` bits holds: the slots whose two bits fit.
pub fn capacity(size: u64) -> u64 {
    let last = (size / 2).saturating_sub(1); // the highest index whose pair fits
    let (mut base, mut total) = (1u64 << 15, 0u64);
    while base <= last && base < 1 << 60 {
        total += base.min(last - base + 1);
        base <<= 2;
    }
    total
}

impl StatusPurpose {
    /// `message`, `revocation` or `suspension`.
    pub fn code(self) -> &'static str {
        match self {
            StatusPurpose::Message => "message",
            StatusPurpose::Revocation => "revocation",
            StatusPurpose::Suspension => "suspension",
        }
    }

    /// Reads `message`, `revocation` or `suspension`.
    pub fn parse(text: &str) -> Option<StatusPurpose> {
        match text {
            "message" => Some(StatusPurpose::Message),
            "revocation" => Some(StatusPurpose::Revocation),
            "suspension" => Some(StatusPurpose::Suspension),
            _ => None,
        }
    }
}

/// A bitstring.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Bitstring {
    bytes: Vec<u8>,
}

impl Bitstring {
    /// `size` zero bits (rounded up to whole bytes).
    pub fn new(size: u64) -> Bitstring {
        Bitstring {
            bytes: vec![0; size.div_ceil(8) as usize],
        }
    }

    /// Writes the state of the certificate with status slot `slot` into a list of
    /// `purpose`; false when it does not fit.
    pub fn mark(&mut self, purpose: StatusPurpose, slot: u64, state: CertificateState) -> bool {
        let index = list_index(slot);
        let (revoked, suspended) = (state == CertificateState::Revoked, state == CertificateState::Suspended);
        match purpose {
            StatusPurpose::Message => {
                let pair = index.saturating_mul(MESSAGE_STATUS_SIZE);
                if pair.saturating_add(1) >= self.len() {
                    return false;
                }
                // The entry's two bits, then the bit a one-bit reader reads.
                (!revoked || self.set(pair))
                    && (!suspended || self.set(pair + 1))
                    && (!(revoked || suspended) || self.set(index))
            }
            StatusPurpose::Revocation => index < self.len() && (!revoked || self.set(index)),
            StatusPurpose::Suspension => index < self.len() && (!suspended || self.set(index)),
        }
    }

    /// The `size` bits at entry `index` as a number (the first bit the highest); `None`
    /// outside the list.
    pub fn value(&self, index: u64, size: u64) -> Option<u64> {
        let start = index.checked_mul(size)?;
        (0..size).try_fold(0u64, |v, k| Some(v << 1 | u64::from(self.get(start.checked_add(k)?)?)))
    }

    /// Entries.
    pub fn len(&self) -> u64 {
        self.bytes.len() as u64 * 8
    }

    /// Whether it has no entries.
    pub fn is_empty(&self) -> bool {
        self.bytes.is_empty()
    }

    /// Sets bit `index`; false when it is outside the list.
    pub fn set(&mut self, index: u64) -> bool {
        match usize::try_from(index / 8).ok().and_then(|i| self.bytes.get_mut(i)) {
            Some(b) => {
                *b |= 0x80 >> (index % 8);
                true
            }
            None => false,
        }
    }

    /// Bit `index`; `None` outside the list.
    pub fn get(&self, index: u64) -> Option<bool> {
        let b = usize::try_from(index / 8).ok().and_then(|i| self.bytes.get(i))?;
        Some(b & (0x80 >> (index % 8)) != 0)
    }

    /// gzip, then base64url multibase.
    pub fn encode(&self) -> Result<String, TamatError> {
        let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::best());
        gz.write_all(&self.bytes)
            .and_then(|_| gz.finish())
            .map(|bytes| encoding::base64url(&bytes))
            .map_err(|e| TamatError::Internal {
                message: format!("gzip failed: {e}"),
            })
    }

    /// Reads an `encodedList`.
    pub fn decode(encoded: &str, list: &str) -> Result<Bitstring, TamatError> {
        let bad = |reason| TamatError::InvalidStatusList {
            list: list.to_string(),
            problem: reason,
        };
        let gz = encoding::from_base64url(encoded).map_err(|_| bad("encoded_list"))?;
        let bytes = gunzip(&gz, MAX_LIST_BYTES).ok_or_else(|| bad("encoded_list"))?;
        let bits = Bitstring { bytes };
        if bits.len() < MIN_STATUS_LIST_SIZE {
            return Err(bad("list_too_short"));
        }
        Ok(bits)
    }
}

/// The bytes of a gzip file (RFC 1952) of one member, or `None`: a bad header, a broken
/// deflate stream, a CRC-32 or length that does not match, bytes after the member, or
/// more than `limit` bytes out. miniz_oxide inflates (what flate2 wraps) and the `crc`
/// crate checks the CRC-32 with a 1 KB table: flate2's reader would bring crc32fast's
/// 16 KB table into the small WebAssembly package.
fn gunzip(gz: &[u8], limit: usize) -> Option<Vec<u8>> {
    use miniz_oxide::inflate::core::{decompress, inflate_flags, DecompressorOxide};
    use miniz_oxide::inflate::TINFLStatus;
    const FHCRC: u8 = 2;
    const FEXTRA: u8 = 4;
    const FNAME: u8 = 8;
    const FCOMMENT: u8 = 16;
    if gz.get(..3)? != [0x1f, 0x8b, 8] {
        return None;
    }
    let flags = *gz.get(3)?;
    if flags & 0xe0 != 0 {
        return None;
    }
    let mut at = 10;
    if flags & FEXTRA != 0 {
        let n = u16::from_le_bytes([*gz.get(at)?, *gz.get(at + 1)?]);
        at += 2 + usize::from(n);
    }
    for field in [FNAME, FCOMMENT] {
        if flags & field != 0 {
            at += gz.get(at..)?.iter().position(|&b| b == 0)? + 1;
        }
    }
    if flags & FHCRC != 0 {
        let header = CRC32.checksum(gz.get(..at)?);
        if gz.get(at..at + 2)? != &header.to_le_bytes()[..2] {
            return None;
        }
        at += 2;
    }
    let mut input = gz.get(at..)?;
    let mut out = vec![0; input.len().saturating_mul(4).clamp(64, limit.max(64))];
    let mut inflater = Box::<DecompressorOxide>::default();
    let mut written = 0;
    loop {
        let (status, read, wrote) = decompress(
            &mut inflater,
            input,
            &mut out,
            written,
            inflate_flags::TINFL_FLAG_USING_NON_WRAPPING_OUTPUT_BUF,
        );
        written += wrote;
        input = input.get(read..)?;
        match status {
            TINFLStatus::Done => break,
            TINFLStatus::HasMoreOutput if out.len() <= limit => {
                let grown = out.len().saturating_mul(2).min(limit + 1);
                out.resize(grown, 0);
            }
            _ => return None,
        }
    }
    out.truncate(written);
    let trailer: [u8; 8] = input.try_into().ok()?;
    let (crc, size) = trailer.split_at(4);
    let ok = written <= limit && crc == CRC32.checksum(&out).to_le_bytes() && size == (written as u32).to_le_bytes();
    ok.then_some(out)
}

/// gzip's CRC-32 (ISO-HDLC), with a 256-entry table.
const CRC32: crc::Crc<u32, crc::Table<1>> = crc::Crc::<u32, crc::Table<1>>::new(&crc::CRC_32_ISO_HDLC);

/// Whether a certificate is in force.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum CertificateState {
    /// In force.
    Active,
    /// Temporarily not in force; can be reinstated.
    Suspended,
    /// Withdrawn for good (also when replaced by a re-issue).
    Revoked,
}

impl CertificateState {
    /// `active`, `suspended`, `revoked`.
    pub fn code(self) -> &'static str {
        match self {
            CertificateState::Active => "active",
            CertificateState::Suspended => "suspended",
            CertificateState::Revoked => "revoked",
        }
    }
}

/// Refuses a list size the specification or this crate does not allow.
pub(crate) fn check_size(size: u64) -> Result<(), TamatError> {
    if !(MIN_STATUS_LIST_SIZE..=MAX_LIST_BYTES as u64 * 8).contains(&size) || !size.is_multiple_of(8) {
        return Err(TamatError::InvalidIssuanceSetting {
            field: "status_list_size".into(),
            problem: "status_list_size",
        });
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// gzip written by flate2 (another implementation), with every optional header
    /// field, reads back; a changed byte, a short or extended file, a wrong length or
    /// too many bytes out do not.
    #[test]
    fn gunzip_reads_gzip_files_and_refuses_damaged_ones() {
        let data: Vec<u8> = (0..50_000u32).map(|i| (i * 7 % 251) as u8).collect();
        let plain = {
            let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
            gz.write_all(&data).unwrap();
            gz.finish().unwrap()
        };
        let fields = {
            let mut gz = flate2::GzBuilder::new()
                .filename("list.bin")
                .comment("status")
                .extra(vec![1, 2, 3])
                .write(Vec::new(), flate2::Compression::fast());
            gz.write_all(&data).unwrap();
            gz.finish().unwrap()
        };
        assert_ne!(fields[3], 0, "the header carries optional fields");
        for gz in [&plain, &fields] {
            assert_eq!(gunzip(gz, MAX_LIST_BYTES).as_deref(), Some(&data[..]));
            let n = gz.len();
            // The CRC-32, the length, the deflate stream, the magic.
            for at in [n - 6, n - 2, n / 2, 0] {
                let mut bad = gz.clone();
                bad[at] ^= 0x10;
                assert_eq!(gunzip(&bad, MAX_LIST_BYTES), None, "byte {at} changed");
            }
            assert_eq!(gunzip(&gz[..n - 1], MAX_LIST_BYTES), None);
            assert_eq!(gunzip(&gz[..n / 2], MAX_LIST_BYTES), None);
            let mut longer = gz.clone();
            longer.push(0);
            assert_eq!(gunzip(&longer, MAX_LIST_BYTES), None);
            assert_eq!(gunzip(gz, data.len() - 1), None, "over the limit");
            assert_eq!(gunzip(gz, data.len()).map(|d| d.len()), Some(data.len()));
        }
        assert_eq!(gunzip(&[], MAX_LIST_BYTES), None);
        let empty = Bitstring { bytes: Vec::new() }.encode().unwrap();
        let gz = encoding::from_base64url(&empty).unwrap();
        assert_eq!(gunzip(&gz, MAX_LIST_BYTES), Some(Vec::new()));
    }

    #[test]
    fn indices_keep_pairs_and_one_bit_readers_apart() {
        assert_eq!(list_index(0), 32_768);
        assert_eq!(list_index(32_767), 65_535);
        assert_eq!(list_index(32_768), 131_072);
        assert_eq!(capacity(MIN_STATUS_LIST_SIZE), 32_768);
        assert_eq!(capacity(1 << 19), 32_768 + 131_072);
        assert_eq!(capacity(1 << 18), 32_768);
        assert_eq!(capacity((1 << 18) + 1024), 32_768 + 512);
        assert_eq!(capacity(1024), 0);
        // Every slot that fits: its pair fits, and no index in use is another's half or
        // double (so no pair holds a one-bit reader's bit of another certificate).
        let size = 1 << 19;
        let used: std::collections::HashSet<u64> = (0..capacity(size)).map(list_index).collect();
        for &i in &used {
            assert!(2 * i + 1 < size);
            assert!(!used.contains(&(i / 2)) && !used.contains(&(2 * i)) && !used.contains(&(2 * i + 1)));
        }
        assert!(2 * list_index(capacity(size)) + 1 >= size, "the next slot does not fit");
    }

    #[test]
    fn message_lists_read_alike_by_pairs_and_single_bits() {
        let mut b = Bitstring::new(MIN_STATUS_LIST_SIZE);
        assert!(b.mark(StatusPurpose::Message, 0, CertificateState::Revoked));
        assert!(b.mark(StatusPurpose::Message, 1, CertificateState::Suspended));
        assert!(b.mark(StatusPurpose::Message, 2, CertificateState::Active));
        assert!(!b.mark(StatusPurpose::Message, 32_768, CertificateState::Active));
        let (i0, i1, i2) = (list_index(0), list_index(1), list_index(2));
        assert_eq!(b.value(i0, 2), Some(0b10));
        assert_eq!(b.value(i1, 2), Some(0b01));
        assert_eq!(b.value(i2, 2), Some(0));
        assert_eq!((b.get(i0), b.get(i1), b.get(i2)), (Some(true), Some(true), Some(false)));
        assert_eq!(b.value(MIN_STATUS_LIST_SIZE / 2, 2), None);
        let mut r = Bitstring::new(MIN_STATUS_LIST_SIZE);
        assert!(r.mark(StatusPurpose::Revocation, 0, CertificateState::Revoked));
        assert!(r.mark(StatusPurpose::Revocation, 1, CertificateState::Suspended));
        assert_eq!((r.get(i0), r.get(i1)), (Some(true), Some(false)));
    }

    #[test]
    fn bit_order_is_left_most_first() {
        let mut b = Bitstring::new(MIN_STATUS_LIST_SIZE);
        assert!(b.set(0));
        assert!(b.set(9));
        assert!(!b.set(MIN_STATUS_LIST_SIZE));
        assert_eq!(b.bytes[0], 0x80);
        assert_eq!(b.bytes[1], 0x40);
        assert_eq!(b.get(9), Some(true));
        assert_eq!(b.get(10), Some(false));
        assert_eq!(b.get(MIN_STATUS_LIST_SIZE), None);
    }

    #[test]
    fn round_trip_and_size_limits() {
        let mut b = Bitstring::new(MIN_STATUS_LIST_SIZE);
        b.set(131_071);
        let enc = b.encode().unwrap();
        assert!(enc.starts_with("uH4sI"), "gzip magic in base64url: {enc}");
        assert_eq!(Bitstring::decode(&enc, "l").unwrap(), b);
        let short = Bitstring::new(8).encode().unwrap();
        assert!(matches!(
            Bitstring::decode(&short, "l"),
            Err(TamatError::InvalidStatusList {
                problem: "list_too_short",
                ..
            })
        ));
        assert!(matches!(
            Bitstring::decode("uAAAA", "l"),
            Err(TamatError::InvalidStatusList {
                problem: "encoded_list",
                ..
            })
        ));
        let bomb = Bitstring::new((MAX_LIST_BYTES as u64 + 1) * 8).encode().unwrap();
        assert!(bomb.len() < 40_000);
        assert!(matches!(
            Bitstring::decode(&bomb, "l"),
            Err(TamatError::InvalidStatusList {
                problem: "encoded_list",
                ..
            })
        ));
    }
}
