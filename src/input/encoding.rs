//! Encoding detection and transcoding that remembers where every character came from.
//!
//! Chinese archives mix UTF-8, GBK/GB18030 and the odd UTF-16 export. We decode to UTF-8 but keep,
//! for every decoded character, the byte offset of its first byte in the original file, so that a
//! mention found later can be traced back to the exact bytes a user can open in a hex editor.

use std::fmt;

/// The encoding a file was read in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Encoding {
    /// UTF-8 without a byte-order mark.
    Utf8,
    /// UTF-8 with a byte-order mark (common from Windows editors).
    Utf8Bom,
    /// GBK and its superset GB18030; decoded as GB18030.
    Gb18030,
    /// UTF-16, little-endian, with its byte-order mark.
    Utf16Le,
    /// UTF-16, big-endian, with its byte-order mark.
    Utf16Be,
}

impl Encoding {
    /// True when the text had to be converted to reach UTF-8.
    pub(crate) fn is_transcoded(self) -> bool {
        !matches!(self, Encoding::Utf8 | Encoding::Utf8Bom)
    }
}

impl fmt::Display for Encoding {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Encoding::Utf8 => "UTF-8",
            Encoding::Utf8Bom => "UTF-8 (BOM)",
            Encoding::Gb18030 => "GBK/GB18030",
            Encoding::Utf16Le => "UTF-16LE",
            Encoding::Utf16Be => "UTF-16BE",
        })
    }
}

/// Decoded text plus, for each character, the offset of its first byte in the input.
/// `byte_starts` has one extra entry at the end: the input length.
#[derive(Debug, Clone)]
pub struct Decoded {
    /// The decoded text.
    pub text: String,
    /// Byte offset in the input of each character of `text`, then the input length.
    pub byte_starts: Vec<usize>,
    /// The encoding the input was read in.
    pub encoding: Encoding,
}

impl Decoded {
    /// Wraps text that is already UTF-8, offsets relative to `base`.
    pub fn from_utf8(text: &str, base: usize, encoding: Encoding) -> Decoded {
        let mut byte_starts: Vec<usize> = text.char_indices().map(|(i, _)| base + i).collect();
        byte_starts.push(base + text.len());
        Decoded {
            text: text.to_owned(),
            byte_starts,
            encoding,
        }
    }

    /// Number of characters.
    pub fn char_len(&self) -> usize {
        self.byte_starts.len() - 1
    }
}

/// Why bytes could not be decoded; the caller adds the file name.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DecodeError(pub String);

/// Detects the encoding of `bytes` and decodes them.
///
/// Order: byte-order marks first, then a binary check (NUL or many control bytes), then strict
/// UTF-8, then strict GB18030. A file that is none of these is an error naming the first bad
/// byte's line, never a silent replacement character.
pub fn decode(bytes: &[u8]) -> Result<Decoded, DecodeError> {
    if let Some(rest) = bytes.strip_prefix(b"\xEF\xBB\xBF") {
        return utf8(rest, 3, Encoding::Utf8Bom);
    }
    if let Some(rest) = bytes.strip_prefix(b"\xFF\xFE") {
        return utf16(rest, false);
    }
    if let Some(rest) = bytes.strip_prefix(b"\xFE\xFF") {
        return utf16(rest, true);
    }
    check_not_binary(bytes)?;
    match std::str::from_utf8(bytes) {
        Ok(text) => Ok(Decoded::from_utf8(text, 0, Encoding::Utf8)),
        Err(utf8_error) => gb18030(bytes, 0).ok_or_else(|| {
            let at = utf8_error.valid_up_to();
            DecodeError(format!(
                "invalid UTF-8 at line {}, byte {} (and not valid GBK/GB18030 either)",
                line_of(bytes, at),
                at
            ))
        }),
    }
}

fn utf8(bytes: &[u8], base: usize, encoding: Encoding) -> Result<Decoded, DecodeError> {
    std::str::from_utf8(bytes)
        .map(|text| Decoded::from_utf8(text, base, encoding))
        .map_err(|e| {
            let at = base + e.valid_up_to();
            DecodeError(format!(
                "invalid UTF-8 at line {}, byte {}",
                line_of(&bytes[..e.valid_up_to()], e.valid_up_to()),
                at
            ))
        })
}

/// 1-based line number of byte `at`.
fn line_of(bytes: &[u8], at: usize) -> usize {
    1 + bytes[..at.min(bytes.len())]
        .iter()
        .filter(|&&b| b == b'\n')
        .count()
}

/// Rejects data that is clearly not text: a NUL byte, or more than 1% other control bytes.
pub(crate) fn check_not_binary(bytes: &[u8]) -> Result<(), DecodeError> {
    if let Some(at) = bytes.iter().position(|&b| b == 0) {
        return Err(DecodeError(format!(
            "binary data (NUL byte at offset {at}); UTF-16 needs a byte-order mark"
        )));
    }
    let controls = bytes
        .iter()
        .filter(|&&b| b < 0x20 && !matches!(b, b'\n' | b'\r' | b'\t' | 0x0C))
        .count();
    if controls * 100 > bytes.len().max(1) {
        return Err(DecodeError(format!(
            "binary data ({controls} control bytes in {} bytes)",
            bytes.len()
        )));
    }
    Ok(())
}

/// Decodes one page of a text file read a page at a time, `base` being its byte offset in the
/// file and `line` its first line's number: a UTF-8 byte-order mark opening the file is skipped
/// (and counted), then UTF-8, else GB18030, each page judged alone as each line of JSON Lines is.
pub(crate) fn decode_page(bytes: &[u8], base: usize, line: usize) -> Result<Decoded, DecodeError> {
    check_not_binary(bytes)?;
    if let Some(rest) = bytes.strip_prefix(b"\xEF\xBB\xBF").filter(|_| base == 0) {
        return utf8(rest, 3, Encoding::Utf8Bom);
    }
    match std::str::from_utf8(bytes) {
        Ok(text) => Ok(Decoded::from_utf8(text, base, Encoding::Utf8)),
        Err(utf8_error) => gb18030(bytes, base).ok_or_else(|| {
            let at = utf8_error.valid_up_to();
            DecodeError(format!(
                "invalid UTF-8 at line {}, byte {} (and not valid GBK/GB18030 either)",
                line + line_of(bytes, at) - 1,
                base + at
            ))
        }),
    }
}

/// Decodes one line of a file read a line at a time, `base` being the line's byte offset in the
/// file: UTF-8, else GB18030. Each line is judged alone, so a file that mixes the two (archives
/// glued together) loses no line, and a bad line is reported without stopping the others.
pub(crate) fn decode_line(bytes: &[u8], base: usize) -> Result<Decoded, DecodeError> {
    match std::str::from_utf8(bytes) {
        Ok(text) => Ok(Decoded::from_utf8(text, base, Encoding::Utf8)),
        Err(utf8_error) => gb18030(bytes, base).ok_or_else(|| {
            DecodeError(format!(
                "invalid UTF-8 at byte {} (and not valid GBK/GB18030 either)",
                base + utf8_error.valid_up_to()
            ))
        }),
    }
}

/// Strict GB18030 decoding with per-character byte offsets (from `base`), or `None` if any
/// sequence is invalid.
fn gb18030(bytes: &[u8], base: usize) -> Option<Decoded> {
    let mut text = String::with_capacity(bytes.len() * 3 / 2);
    let mut byte_starts = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let len = gb18030_sequence_len(&bytes[i..])?;
        let piece = &bytes[i..i + len];
        if len == 1 {
            text.push(piece[0] as char);
        } else {
            let decoded =
                encoding_rs::GB18030.decode_without_bom_handling_and_without_replacement(piece)?;
            text.push_str(&decoded);
        }
        byte_starts.push(base + i);
        i += len;
    }
    byte_starts.push(base + bytes.len());
    Some(Decoded {
        text,
        byte_starts,
        encoding: Encoding::Gb18030,
    })
}

/// Length of the GB18030 sequence at the start of `rest`, from its structure alone.
fn gb18030_sequence_len(rest: &[u8]) -> Option<usize> {
    match *rest {
        [b, ..] if b < 0x80 => Some(1),
        [0x81..=0xFE, 0x30..=0x39, 0x81..=0xFE, 0x30..=0x39, ..] => Some(4),
        [0x81..=0xFE, 0x40..=0x7E | 0x80..=0xFE, ..] => Some(2),
        _ => None,
    }
}

fn utf16(bytes: &[u8], big_endian: bool) -> Result<Decoded, DecodeError> {
    if !bytes.len().is_multiple_of(2) {
        return Err(DecodeError(format!(
            "UTF-16 data has an odd number of bytes ({})",
            bytes.len() + 2
        )));
    }
    let units = bytes.chunks_exact(2).map(|pair| {
        let pair = [pair[0], pair[1]];
        if big_endian {
            u16::from_be_bytes(pair)
        } else {
            u16::from_le_bytes(pair)
        }
    });
    let mut text = String::with_capacity(bytes.len());
    let mut byte_starts = Vec::with_capacity(bytes.len() / 2 + 1);
    let mut offset = 2;
    for unit in char::decode_utf16(units) {
        let c = unit.map_err(|e| {
            DecodeError(format!(
                "invalid UTF-16 (lone surrogate {:#06x}) at byte {offset}",
                e.unpaired_surrogate()
            ))
        })?;
        byte_starts.push(offset);
        offset += 2 * c.len_utf16();
        text.push(c);
    }
    byte_starts.push(offset);
    let encoding = if big_endian {
        Encoding::Utf16Be
    } else {
        Encoding::Utf16Le
    };
    Ok(Decoded {
        text,
        byte_starts,
        encoding,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn utf8_offsets_are_byte_offsets() {
        let d = decode("王家鹏a".as_bytes()).unwrap();
        assert_eq!(d.encoding, Encoding::Utf8);
        assert_eq!(d.byte_starts, vec![0, 3, 6, 9, 10]);
    }

    #[test]
    fn bom_is_skipped_but_counted() {
        let d = decode(b"\xEF\xBB\xBFab").unwrap();
        assert_eq!(d.text, "ab");
        assert_eq!(d.byte_starts, vec![3, 4, 5]);
    }

    #[test]
    fn gbk_is_transcoded_with_offsets() {
        let (bytes, _, _) = encoding_rs::GBK.encode("焦作a市");
        let d = decode(&bytes).unwrap();
        assert_eq!(d.encoding, Encoding::Gb18030);
        assert_eq!(d.text, "焦作a市");
        assert_eq!(d.byte_starts, vec![0, 2, 4, 5, 7]);
    }

    #[test]
    fn utf16_with_bom() {
        let mut bytes = vec![0xFF, 0xFE];
        for unit in "市委".encode_utf16() {
            bytes.extend(unit.to_le_bytes());
        }
        let d = decode(&bytes).unwrap();
        assert_eq!(d.text, "市委");
        assert_eq!(d.byte_starts, vec![2, 4, 6]);
    }

    #[test]
    fn binary_is_refused() {
        let err = decode(b"PK\x03\x04\x00\x00").unwrap_err();
        assert!(err.0.contains("binary"), "{}", err.0);
    }

    #[test]
    fn broken_bytes_name_the_line() {
        let err = decode(b"ok\nok\n\xFF\xFF\xFF").unwrap_err();
        assert!(err.0.contains("line 3"), "{}", err.0);
    }
}
