"""tamat: training courses, attendance rules and STTPP certificates (the README's
"Python" section is the guide).

Every operation of the core's contract is a function (``evaluate``, ``issue``,
``verify``...): its request's fields are the arguments, its answer the contract's document,
typed by the TypedDicts of ``tamat.contract`` (generated from the core's Rust types).
``Evaluator`` compiles a course once (attendance as rows, columns or a DataFrame);
``SigningKey`` keeps its secret in Rust; ``Store`` is the register in SQLite or
PostgreSQL; ``*_json`` answer the contract's text byte for byte. Every error is a
``TamatError`` with ``.code``, ``.messages`` (id, en) and ``.details``.
"""

from typing import Any, Dict, List, Optional, Union
from datetime import datetime

from . import _tamat, contract
from ._tamat import *  # noqa: F403  Evaluator, SigningKey, errors, *_json, demo, ...
from ._tamat import __version__ as __version__
from .contract import *  # noqa: F403  the TypedDicts and one function per operation


def _some(**fields: Any) -> Dict[str, Any]:
    return {k: v for k, v in fields.items() if v is not None}


class Store(_tamat.Store):
    """The issuance register in a database: a SQLite file path or a ``postgres://`` URL.
    Every change is one transaction, so several issuers at once never share a number;
    the signed credentials are stored (and returned) byte for byte as issued."""

    def issue(self, request: Dict[str, Any], *, key: SigningKey, by: Optional[str] = None) -> Any:
        """Issues the certificates of an evaluation ``request`` (``course``, ``attendance``,
        ``settings``, and ``scores``, ``policy``, ``as_of``, ``participant``, ``early``)."""
        return self.call("issue", _some(request=request, key=key, by=by))

    def reissue(self, request: Dict[str, Any], *, key: SigningKey, certificate: str, at: Optional[Union[datetime, str]] = None,
                reason: Optional[str] = None, by: Optional[str] = None) -> Any:
        """Replaces ``certificate`` with one built from ``request``; the old one is revoked."""
        return self.call("reissue", _some(request=request, key=key, certificate=certificate, at=at, reason=reason, by=by))

    def change_status(self, certificate: str, action: str, *, at: Optional[Union[datetime, str]] = None,
                      reason: Optional[str] = None, by: Optional[str] = None) -> Any:
        """``revoke``, ``suspend`` or ``reinstate`` a certificate (by id or number)."""
        return self.call("change_status", _some(certificate=certificate, action=action, at=at, reason=reason, by=by))

    def revoke(self, certificate: str, **change: Any) -> Any:
        return self.change_status(certificate, "revoke", **change)

    def suspend(self, certificate: str, **change: Any) -> Any:
        return self.change_status(certificate, "suspend", **change)

    def reinstate(self, certificate: str, **change: Any) -> Any:
        return self.change_status(certificate, "reinstate", **change)

    def status_list(self, *, settings: Dict[str, Any], key: SigningKey, valid_from: Union[datetime, str],
                    purpose: Optional[str] = None, valid_until: Optional[Union[datetime, str]] = None) -> Any:
        """Signs and records a new version of a status list (``message``, the default: the list the credentials name; or ``revocation`` or ``suspension``)."""
        return self.call("status_list", _some(settings=settings, key=key, valid_from=valid_from, purpose=purpose,
                                              valid_until=valid_until))

    def find(self, **lookup: Union[str, int]) -> List[Dict[str, Any]]:
        """Certificates by ``id``, ``number``, ``nip``, ``course`` or ``year`` (exactly one)."""
        return list(self.call("find", lookup))

    def history(self, certificate: str) -> List[Dict[str, Any]]:
        """The state history of a certificate (append-only), oldest first."""
        return list(self.call("history", {"certificate": certificate}))

    def ledger(self, obligation_jp: Optional[int] = None) -> List[Dict[str, Any]]:
        """The yearly JP ledger of the certificates in force."""
        return list(self.call("ledger", _some(obligation_jp=obligation_jp)))

    def import_register(self, register: Dict[str, Any]) -> int:
        """Imports a register (e.g. a loaded ``register.json``) into an empty store."""
        return int(self.call("import_register", {"register": register}))

    def export_register(self) -> Dict[str, Any]:
        """The whole store as the register the core's operations take."""
        return dict(self.call("export_register", {}))


def error_codes() -> List[str]:
    """Every error code."""
    return list(unwrap(error_codes_json())["codes"])


def reason_codes() -> List[str]:
    """Every reason code of decisions."""
    return list(unwrap(reason_codes_json())["codes"])


def schema(name: str) -> Dict[str, Any]:
    """The JSON Schema of a document (``course``, ``policy``...) or of a request or answer."""
    return dict(unwrap(schema_json(name))["schema"])
