//! How a certificate looks, as settings: the language of the page text, colours, the
//! organiser's logo, a signature image, a stamp and the font. The same template draws the
//! SVG page (here) and the PDF (`tamat-documents`).

use base64::Engine as _;
use serde::{Deserialize, Serialize};

use crate::error::{Lang, TamatError};
use crate::model::fixed::Fixed;

/// A certificate's look. Every field has a default: the plain page in Indonesian.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Template {
    /// The language of the page text ("diberikan kepada" or "awarded to"), dates ("17 Juli
    /// 2025" or "17 July 2025") and decimals ("9,5" or "9.5"). Names and titles the
    /// course gives are printed as they are.
    #[serde(default)]
    pub lang: Lang,
    /// Colours, `#rrggbb`.
    #[serde(default)]
    pub colours: Colours,
    /// The organiser's logo or emblem, above its name.
    #[serde(default)]
    pub logo: Option<Picture>,
    /// The signatory's signature, above their name.
    #[serde(default)]
    pub signature: Option<Picture>,
    /// The organiser's stamp, over the left of the signature.
    #[serde(default)]
    pub stamp: Option<Picture>,
    /// The font family the SVG page names (a PDF embeds its font files instead). Default
    /// `Liberation Serif, Times New Roman, serif`.
    #[serde(default)]
    pub font_family: Option<String>,
}

/// The colours of a page.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Colours {
    /// The frame, the organiser and the title. Default `#1a3d6d`.
    #[serde(default = "default_accent")]
    pub accent: String,
    /// Every other text. Default `#000000`.
    #[serde(default = "default_text")]
    pub text: String,
}

fn default_accent() -> String {
    "#1a3d6d".into()
}

fn default_text() -> String {
    "#000000".into()
}

impl Default for Colours {
    fn default() -> Self {
        Colours {
            accent: default_accent(),
            text: default_text(),
        }
    }
}

/// A picture: PNG or JPEG bytes, base64.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Picture {
    /// `image/png` or `image/jpeg`.
    pub media_type: String,
    /// The bytes, base64 (standard alphabet, with or without padding).
    pub data: String,
}

/// Which picture of a template.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PictureSlot {
    /// [`Template::logo`].
    Logo,
    /// [`Template::signature`].
    Signature,
    /// [`Template::stamp`].
    Stamp,
}

impl PictureSlot {
    /// The setting's name.
    pub fn name(self) -> &'static str {
        match self {
            PictureSlot::Logo => "logo",
            PictureSlot::Signature => "signature",
            PictureSlot::Stamp => "stamp",
        }
    }
}

/// An RGB colour.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Rgb(pub u8, pub u8, pub u8);

impl Rgb {
    /// `#rrggbb`.
    pub fn hex(self) -> String {
        format!("#{:02x}{:02x}{:02x}", self.0, self.1, self.2)
    }
}

fn setting(field: &str, problem: &'static str) -> TamatError {
    TamatError::InvalidIssuanceSetting {
        field: format!("template.{field}"),
        problem,
    }
}

fn parse_colour(field: &str, text: &str) -> Result<Rgb, TamatError> {
    let hex = text
        .strip_prefix('#')
        .filter(|h| h.len() == 6 && h.bytes().all(|b| b.is_ascii_hexdigit()));
    let hex = hex.ok_or_else(|| setting(field, "colour"))?;
    let byte = |i: usize| u8::from_str_radix(&hex[i..i + 2], 16).map_err(|_| setting(field, "colour"));
    Ok(Rgb(byte(0)?, byte(2)?, byte(4)?))
}

impl Picture {
    /// The picture's bytes, checked: a PNG or JPEG whose bytes say so.
    pub fn bytes(&self, slot: PictureSlot) -> Result<Vec<u8>, TamatError> {
        let field = slot.name();
        let data = base64::engine::general_purpose::STANDARD_NO_PAD
            .decode(self.data.trim_end_matches('='))
            .map_err(|_| setting(field, "picture"))?;
        let ok = match self.media_type.as_str() {
            "image/png" => data.starts_with(b"\x89PNG\r\n\x1a\n"),
            "image/jpeg" => data.starts_with(&[0xff, 0xd8, 0xff]),
            _ => false,
        };
        if ok {
            Ok(data)
        } else {
            Err(setting(field, "picture"))
        }
    }

    /// A picture from a file's bytes, its type read from them.
    pub fn from_bytes(bytes: &[u8]) -> Option<Picture> {
        let media_type = if bytes.starts_with(b"\x89PNG\r\n\x1a\n") {
            "image/png"
        } else if bytes.starts_with(&[0xff, 0xd8, 0xff]) {
            "image/jpeg"
        } else {
            return None;
        };
        Some(Picture {
            media_type: media_type.into(),
            data: base64::engine::general_purpose::STANDARD.encode(bytes),
        })
    }
}

impl Template {
    /// Checks the colours and the pictures.
    pub fn validate(&self) -> Result<(), TamatError> {
        self.accent()?;
        self.text_colour()?;
        for slot in [PictureSlot::Logo, PictureSlot::Signature, PictureSlot::Stamp] {
            if let Some(p) = self.picture(slot) {
                p.bytes(slot)?;
            }
        }
        if self
            .font_family
            .as_deref()
            .is_some_and(|f| f.trim().is_empty() || f.contains(['"', '<', '>', '&']))
        {
            return Err(setting("font_family", "empty_value"));
        }
        Ok(())
    }

    /// The accent colour.
    pub fn accent(&self) -> Result<Rgb, TamatError> {
        parse_colour("colours.accent", &self.colours.accent)
    }

    /// The text colour.
    pub fn text_colour(&self) -> Result<Rgb, TamatError> {
        parse_colour("colours.text", &self.colours.text)
    }

    /// A picture of the template.
    pub fn picture(&self, slot: PictureSlot) -> Option<&Picture> {
        match slot {
            PictureSlot::Logo => self.logo.as_ref(),
            PictureSlot::Signature => self.signature.as_ref(),
            PictureSlot::Stamp => self.stamp.as_ref(),
        }
    }
}

/// A decimal as the language writes it: "9,5" in Indonesian, "9.5" in English.
pub fn format_decimal(value: Fixed, lang: Lang) -> String {
    value.to_text(match lang {
        Lang::Id => ',',
        Lang::En => '.',
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decimals_follow_the_language() {
        let v = Fixed::parse("9.5").unwrap();
        assert_eq!(format_decimal(v, Lang::Id), "9,5");
        assert_eq!(format_decimal(v, Lang::En), "9.5");
        assert_eq!(format_decimal(Fixed::from_int(90), Lang::Id), "90");
    }

    #[test]
    fn colours_and_pictures_are_checked() {
        let mut t = Template::default();
        t.validate().unwrap();
        assert_eq!(t.accent().unwrap().hex(), "#1a3d6d");
        t.colours.accent = "#12345".into();
        assert!(t.validate().is_err());
        t.colours.accent = "#a0B0c0".into();
        assert_eq!(t.accent().unwrap(), Rgb(0xa0, 0xb0, 0xc0));
        let png = b"\x89PNG\r\n\x1a\nrest";
        t.logo = Picture::from_bytes(png);
        t.validate().unwrap();
        assert_eq!(t.logo.as_ref().unwrap().bytes(PictureSlot::Logo).unwrap(), png);
        t.stamp = Some(Picture {
            media_type: "image/jpeg".into(),
            data: t.logo.as_ref().unwrap().data.clone(),
        });
        let e = t.validate().unwrap_err();
        assert!(e.to_string().contains("stamp"), "{e}");
        assert!(Picture::from_bytes(b"GIF89a").is_none());
    }
}
