"""tamat: training courses, attendance rules and STTPP certificates.

The rules live in the Rust core; this package is glue. Two ways in:

* objects: ``Course``, ``Evaluator``, ``evaluate()``, ``Decision``, ``SigningKey``,
  ``Register``, ``issue()``, ``verify()``, ``status_list()`` ...;
* the JSON contract as is: ``evaluate_json(str) -> str`` and the other ``*_json``
  functions, byte for byte what the Rust core answers.

Times go in as timezone-aware ``datetime`` (a naive one is refused with
``request.naive_datetime``) or RFC 3339 text, dates as ``date``. Every error is a
``TamatError`` (a ``ValueError``) with ``.code``, ``.message``, ``.messages`` and
``.details``; its class names the area (``CourseError``, ``AttendanceError``, ...).
"""

from __future__ import annotations

import json as _json
from datetime import date, datetime
from typing import Any, Dict, Iterator, List, Mapping, Optional, Sequence, Union, cast

from . import _tamat
from . import contract
from ._tamat import call as _call
from .contract import call
from ._tamat import (
    OPERATIONS,
    Store,
    AssessmentError,
    AttendanceError,
    CertificateError,
    CourseError,
    CredentialError,
    Decision,
    Evaluation,
    Evaluator,
    IdentityError,
    InternalError,
    LedgerError,
    NumberingError,
    PolicyError,
    RegisterError,
    RequestError,
    ScheduleError,
    SigningError,
    SigningKey,
    StatusListError,
    TamatError,
    __version__,
    canonicalize_json,
    change_status_json,
    check_course_json,
    check_register_json,
    error_codes_json,
    demo,
    demo_key,
    evaluate,
    parse_json,
    evaluate_json,
    evaluate_participant,
    evaluate_participant_json,
    format_number_json,
    issue_json,
    ledger_json,
    project_json,
    public_key_json,
    read_attendance_csv_json,
    read_scores_csv_json,
    read_attendance_file_json,
    read_scores_file_json,
    read_meeting_report_json,
    read_moodle_export_json,
    personnel_export_json,
    reason_codes_json,
    reissue_json,
    render_json,
    schema_json,
    sign_credential_json,
    status_list_json,
    to_data,
    unwrap,
    verify_json,
)

Time = Union[datetime, str]

__all__ = [
    "OPERATIONS",
    "Store",
    "demo",
    "demo_key",
    "parse_json",
    "AssessmentError",
    "Attendance",
    "AttendanceError",
    "Certificate",
    "CertificateError",
    "Course",
    "CourseError",
    "CredentialError",
    "Decision",
    "Evaluation",
    "Evaluator",
    "IdentityError",
    "InternalError",
    "Issuance",
    "LedgerError",
    "NumberingError",
    "Participant",
    "Policy",
    "PolicyError",
    "Register",
    "RegisterError",
    "RequestError",
    "ScheduleError",
    "Session",
    "SigningError",
    "SigningKey",
    "StatusListError",
    "TamatError",
    "Verification",
    "__version__",
    "call",
    "contract",
    "canonicalize",
    "canonicalize_json",
    "change_status_json",
    "check_course",
    "check_course_json",
    "check_register_json",
    "error_codes",
    "error_codes_json",
    "evaluate",
    "evaluate_json",
    "evaluate_participant",
    "evaluate_participant_json",
    "format_number",
    "format_number_json",
    "issue",
    "issue_json",
    "ledger",
    "ledger_json",
    "project",
    "project_json",
    "public_key_json",
    "read_attendance_csv",
    "read_attendance_csv_json",
    "read_scores_csv",
    "read_scores_csv_json",
    "read_attendance_file",
    "read_attendance_file_json",
    "read_scores_file",
    "read_scores_file_json",
    "read_meeting_report",
    "read_meeting_report_json",
    "read_moodle_export",
    "read_moodle_export_json",
    "personnel_export",
    "personnel_export_json",
    "reason_codes",
    "reason_codes_json",
    "reissue",
    "reissue_json",
    "render",
    "render_json",
    "schema",
    "schema_json",
    "sign_credential",
    "sign_credential_json",
    "status_list",
    "status_list_json",
    "to_data",
    "unwrap",
    "verify",
    "verify_json",
]


def _error(cls: Any, code: str, en: str, id: str, **details: Any) -> TamatError:
    """An error raised by this Python layer, shaped like the core's."""
    error = cls(f"[{code}] {en}")
    error.code = code
    error.message = en
    error.messages = {"id": id, "en": en}
    error.details = details
    error.errors = [{"code": code, "message": en, "messages": {"id": id, "en": en}, "details": details}]
    return error


def _parse_instant(text: Optional[str]) -> Optional[datetime]:
    if text is None:
        return None
    if text.endswith("Z"):
        text = text[:-1] + "+00:00"
    return datetime.fromisoformat(text)


class _Model:
    """A JSON document with a Python face: built from a dict, JSON text or keyword
    arguments; ``to_dict()`` / ``to_json()`` give it back; equal when the documents are."""

    __slots__ = ("_data",)
    _data: Dict[str, Any]

    def __init__(self, data: Union[Mapping[str, Any], "_Model", None] = None, /, **fields: Any) -> None:
        if data is None:
            base: Dict[str, Any] = {}
        elif isinstance(data, _Model):
            base = data.to_dict()
        elif isinstance(data, Mapping):
            base = dict(data)
        else:
            kind = type(self).__name__
            raise _error(
                RequestError,
                "request.invalid_shape",
                f"{kind}: expected a dict, not {type(data).__name__}",
                f"{kind}: harus berupa dict, bukan {type(data).__name__}",
            )
        base.update(fields)
        converted = to_data(base)
        assert isinstance(converted, dict)
        self._data = converted
        self._check()

    def _check(self) -> None:
        """Validation against the core, where a document can be checked alone."""

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Any:
        """The object of a dict."""
        return cls(data)

    @classmethod
    def from_json(cls, text: str) -> Any:
        """The object of JSON text."""
        return cls(parse_json(text))

    def to_dict(self) -> Dict[str, Any]:
        """The document (a deep copy)."""
        copied = _json.loads(_json.dumps(self._data))
        assert isinstance(copied, dict)
        return copied

    def to_json(self) -> str:
        """The document as JSON text."""
        return _json.dumps(self._data, ensure_ascii=False)

    def __eq__(self, other: object) -> bool:
        return type(other) is type(self) and isinstance(other, _Model) and other._data == self._data

    def __hash__(self) -> int:
        return hash(self.to_json())

    def __reduce__(self) -> Any:
        return (type(self).from_json, (self.to_json(),))

    def __copy__(self) -> Any:
        return type(self).from_json(self.to_json())

    def __deepcopy__(self, memo: Any) -> Any:
        return type(self).from_json(self.to_json())

    def __getitem__(self, key: str) -> Any:
        return self._data[key]

    def get(self, key: str, default: Any = None) -> Any:
        """A field of the document."""
        return self._data.get(key, default)


class Session(_Model):
    """One session: ``id``, ``start``, ``end`` (local time in the course's zone, an
    aware ``datetime`` or RFC 3339 text), ``jp``, ``title``, ``kind``, ... Checked as part
    of its ``Course``."""

    __slots__ = ()

    @property
    def id(self) -> str:
        return str(self._data.get("id", ""))

    def __repr__(self) -> str:
        return f"Session({self._data.get('id')!r}, {self._data.get('start')!r} – {self._data.get('end')!r})"


class Participant(_Model):
    """One participant: ``id``, ``name``, ``nip`` or ``nik``, ... Checked as part of its
    ``Course``."""

    __slots__ = ()

    @property
    def id(self) -> str:
        return str(self._data.get("id", ""))

    @property
    def name(self) -> str:
        return str(self._data.get("name", ""))

    @property
    def nip(self) -> Optional[str]:
        nip = self._data.get("nip")
        return None if nip is None else str(nip)

    def __repr__(self) -> str:
        nip = self._data.get("nip")
        return f"Participant({self.id!r}, {self.name!r}" + (f", nip={nip!r})" if nip else ")")


class Policy(_Model):
    """An attendance and assessment policy (``minimum_percent``, ``excused``, ...);
    every field has a default. Checked when a course is evaluated with it."""

    __slots__ = ()

    def __repr__(self) -> str:
        return f"Policy({self._data!r})"


class Course(_Model):
    """A course, checked by the core when built: sessions, participants, time zone,
    NIPs. ``Course(dict)``, ``Course.from_json(text)`` or ``Course(id=..., title=...,
    time_zone=..., sessions=[...], participants=[...])``."""

    __slots__ = ("_schedule",)
    _schedule: Dict[str, Any]

    def _check(self) -> None:
        self._schedule = _call("check_course", {"course": self._data})

    @property
    def id(self) -> str:
        return str(self._data["id"])

    @property
    def title(self) -> str:
        return str(self._data.get("title", ""))

    @property
    def time_zone(self) -> str:
        """The resolved IANA zone (WITA is ``Asia/Makassar``)."""
        return str(self._schedule["time_zone"])

    @property
    def total_jp(self) -> int:
        return int(self._schedule["total_jp"])

    @property
    def sessions(self) -> List[Session]:
        return [Session(s) for s in self._data.get("sessions", [])]

    @property
    def schedule(self) -> List[Dict[str, Any]]:
        """The resolved sessions (recurrences expanded), with aware ``start``/``end``."""
        out = []
        for s in self._schedule["sessions"]:
            s = dict(s)
            s["start"] = _parse_instant(s["start"])
            s["end"] = _parse_instant(s["end"])
            out.append(s)
        return out

    @property
    def participants(self) -> List[Participant]:
        return [Participant(p) for p in self._data.get("participants", [])]

    @property
    def policy(self) -> Optional[Policy]:
        p = self._data.get("policy")
        return None if p is None else Policy(p)

    def evaluator(self, policy: Union[Policy, Mapping[str, Any], None] = None) -> Evaluator:
        """The course compiled for evaluation."""
        return Evaluator(self, policy)

    def __getstate__(self) -> Any:
        return self.to_json()

    def __repr__(self) -> str:
        return (
            f"Course({self.id!r}, {self.title!r}, {self.time_zone}, "
            f"{len(self._schedule['sessions'])} sessions, {self.total_jp} JP, "
            f"{len(self._data.get('participants', []))} participants)"
        )


class Attendance:
    """Attendance marks: ``{"participant", "session", "status"}`` or with
    ``check_in``/``check_out`` (aware ``datetime`` or RFC 3339 text) instead of a status.
    Build from rows (``Attendance(list_of_dicts)``), from columns
    (``Attendance.from_columns(participant=[...], session=[...], status=[...])``) or from a
    pandas DataFrame (``Attendance.from_frame(df)``). Every evaluation function also takes
    these forms directly."""

    __slots__ = ("_rows",)

    def __init__(self, marks: Optional[Sequence[Mapping[str, Any]]] = None) -> None:
        rows = to_data(list(marks or []))
        assert isinstance(rows, list)
        self._rows: List[Dict[str, Any]] = rows

    @classmethod
    def from_columns(cls, **columns: Sequence[Any]) -> "Attendance":
        lengths = {len(c) for c in columns.values()}
        if len(lengths) > 1:
            raise _error(
                RequestError,
                "request.invalid_shape",
                f"attendance columns differ in length: {sorted(lengths)}",
                f"kolom kehadiran berbeda panjang: {sorted(lengths)}",
            )
        n = lengths.pop() if lengths else 0
        names = list(columns)
        return cls([{k: columns[k][i] for k in names if columns[k][i] is not None} for i in range(n)])

    @classmethod
    def from_frame(cls, frame: Any) -> "Attendance":
        """From a pandas DataFrame with columns participant, session and status (or
        check_in/check_out); missing cells (NaN/None) are left out."""
        columns = frame.to_dict("list")
        clean = {k: [None if (isinstance(v, float) and v != v) else v for v in vs] for k, vs in columns.items()}
        return cls.from_columns(**clean)

    @classmethod
    def from_json(cls, text: str) -> "Attendance":
        data = parse_json(text)
        if not isinstance(data, list):
            raise _error(
                RequestError,
                "request.invalid_shape",
                "attendance JSON must be a list of marks",
                "JSON kehadiran harus berupa daftar tanda hadir",
            )
        return cls(data)

    def to_list(self) -> List[Dict[str, Any]]:
        return [dict(r) for r in self._rows]

    def to_json(self) -> str:
        return _json.dumps(self._rows, ensure_ascii=False)

    def append(self, participant: str, session: str, status: Optional[str] = None, *, check_in: Optional[Time] = None, check_out: Optional[Time] = None) -> None:
        """Adds one mark."""
        mark: Dict[str, Any] = {"participant": participant, "session": session}
        if status is not None:
            mark["status"] = status
        if check_in is not None:
            mark["check_in"] = check_in
        if check_out is not None:
            mark["check_out"] = check_out
        row = to_data(mark)
        assert isinstance(row, dict)
        self._rows.append(row)

    def __len__(self) -> int:
        return len(self._rows)

    def __iter__(self) -> Iterator[Dict[str, Any]]:
        return iter(self.to_list())

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Attendance) and other._rows == self._rows

    def __reduce__(self) -> Any:
        return (Attendance, (self._rows,))

    def __repr__(self) -> str:
        return f"Attendance({len(self._rows)} marks)"


class Certificate(_Model):
    """One certificate's content (STTPP or surat keterangan): ``id``, ``number``,
    ``holder``, ``course``, ``issued_on``, ``evidence``, ..."""

    __slots__ = ()

    @property
    def id(self) -> str:
        return str(self._data["id"])

    @property
    def number(self) -> str:
        return str(self._data["number"])

    @property
    def holder_name(self) -> str:
        return str(self._data["holder"]["name"])

    @property
    def participant(self) -> str:
        return str(self._data["holder"]["id"])

    @property
    def document(self) -> str:
        """``sttpp`` or ``surat_keterangan``."""
        return str(self._data["document"])

    @property
    def issued_on(self) -> date:
        return date.fromisoformat(self._data["issued_on"])

    @property
    def issued_at(self) -> datetime:
        parsed = _parse_instant(self._data["issued_at"])
        assert parsed is not None
        return parsed

    def __repr__(self) -> str:
        return f"Certificate({self.number!r}, {self.holder_name!r}, {self.document})"


class Register(_Model):
    """The issuing register: numbers per unit and year, status-list indices, every
    certificate's state. Persist it with ``to_json()``; every change returns a new
    register and leaves this one as it was."""

    __slots__ = ()

    def _check(self) -> None:
        if self._data:
            _call("check_register", {"register": self._data})

    @property
    def entries(self) -> List[Dict[str, Any]]:
        """One entry per certificate: id, number, participant, state, status_index, ..."""
        return list(self._data.get("certificates", []))

    def entry(self, certificate: str) -> Dict[str, Any]:
        for e in self._data.get("certificates", []):
            if e["id"] == certificate:
                return dict(e)
        raise _error(
            RegisterError,
            "register.unknown_certificate",
            f"certificate `{certificate}` is not in the register",
            f"sertifikat `{certificate}` tidak ada di register",
            certificate=certificate,
        )

    def _change(self, action: str, certificate: str, at: Optional[Time], reason: Optional[str]) -> "Register":
        request: Dict[str, Any] = {"register": self._data, "certificate": certificate, "action": action}
        if at is not None:
            request["at"] = at
        if reason is not None:
            request["reason"] = reason
        return Register(_call("change_status", request)["register"])

    def revoke(self, certificate: str, *, at: Optional[Time] = None, reason: Optional[str] = None) -> "Register":
        return self._change("revoke", certificate, at, reason)

    def suspend(self, certificate: str, *, at: Optional[Time] = None, reason: Optional[str] = None) -> "Register":
        return self._change("suspend", certificate, at, reason)

    def reinstate(self, certificate: str, *, at: Optional[Time] = None, reason: Optional[str] = None) -> "Register":
        return self._change("reinstate", certificate, at, reason)

    def __len__(self) -> int:
        return len(self._data.get("certificates", []))

    def __repr__(self) -> str:
        states: Dict[str, int] = {}
        for e in self._data.get("certificates", []):
            states[e.get("state", "?")] = states.get(e.get("state", "?"), 0) + 1
        return f"Register({len(self)} certificates: {states})"


class Issuance:
    """What ``issue()`` returns: the certificates, their signed credentials (when a key
    was given), the issuer's public key document, the new register, and which
    participants were issued, unchanged or skipped."""

    __slots__ = ("certificates", "credentials", "issuer", "register", "issued", "unchanged", "skipped")

    def __init__(self, result: Mapping[str, Any]) -> None:
        self.certificates = [Certificate(c) for c in result["certificates"]]
        self.credentials: List[Dict[str, Any]] = list(result.get("credentials") or [])
        self.issuer: Optional[Dict[str, Any]] = result.get("issuer")
        self.register = Register(result["register"])
        self.issued: List[Any] = list(result.get("issued", []))
        self.unchanged: List[Any] = list(result.get("unchanged", []))
        self.skipped: List[Any] = list(result.get("skipped", []))

    def __repr__(self) -> str:
        return (
            f"Issuance({len(self.certificates)} certificates: {len(self.issued)} issued, "
            f"{len(self.unchanged)} unchanged, {len(self.skipped)} skipped)"
        )


class Verification:
    """What ``verify()`` returns: ``status`` (valid, tampered, unknown_key, revoked,
    suspended, expired, not_yet_valid, status_stale, status_unchecked), ``message``,
    ``valid`` (true only for ``valid``: fail closed), and the details."""

    __slots__ = ("_data",)

    def __init__(self, result: Mapping[str, Any]) -> None:
        self._data = dict(result)

    @property
    def status(self) -> str:
        return str(self._data["status"])

    @property
    def valid(self) -> bool:
        return self._data["status"] == "valid"

    @property
    def message(self) -> str:
        """The outcome in English (``messages`` has Indonesian too)."""
        return str(self.messages.get("en", ""))

    @property
    def messages(self) -> Dict[str, str]:
        """The outcome in Indonesian (``id``) and English (``en``)."""
        m = self._data.get("message")
        return dict(m) if isinstance(m, dict) else {"id": str(m), "en": str(m)}

    @property
    def issuer(self) -> Optional[str]:
        return self._data.get("issuer")

    @property
    def key_id(self) -> Optional[str]:
        return self._data.get("key_id")

    @property
    def revocation(self) -> Any:
        return self._data.get("revocation")

    @property
    def suspension(self) -> Any:
        return self._data.get("suspension")

    @property
    def credential(self) -> Any:
        return self._data.get("credential")

    def to_dict(self) -> Dict[str, Any]:
        return dict(self._data)

    def __bool__(self) -> bool:
        return self.valid

    def __repr__(self) -> str:
        return f"Verification({self.status}: {self.message})"


def _request(**fields: Any) -> Dict[str, Any]:
    return {k: v for k, v in fields.items() if v is not None}


def check_course(course: Union[Course, Mapping[str, Any], str]) -> Dict[str, Any]:
    """The resolved schedule of a course (raises on any error in it)."""
    return _call("check_course", {"course": _document(course)})


def project(
    course: Union[Course, Mapping[str, Any], str],
    attendance: Any = None,
    *,
    as_of: Time,
    policy: Union[Policy, Mapping[str, Any], None] = None,
    scores: Any = None,
) -> List[Dict[str, Any]]:
    """Projections for a course still running: for each participant, what can still be
    reached as of ``as_of``."""
    result = _call(
        "project",
        _request(course=_document(course), attendance=_marks(attendance), policy=policy, scores=scores, as_of=as_of),
    )
    return list(result["projections"])


def ledger(
    entries: Optional[Sequence[Mapping[str, Any]]] = None,
    *,
    courses: Optional[Sequence[Mapping[str, Any]]] = None,
    obligation_jp: Union[int, float, None] = None,
    earning_outcomes: Optional[Sequence[str]] = None,
) -> "contract.LedgerAnswer":
    """The yearly JP ledger per NIP from entries and from evaluated courses: ``rows``, and
    ``uncounted``, the participants who earned JP but have no NIP to credit it to."""
    result = _call(
        "ledger",
        _request(entries=entries, courses=courses, obligation_jp=obligation_jp, earning_outcomes=earning_outcomes),
    )
    return cast("contract.LedgerAnswer", result)


def issue(
    course: Union[Course, Mapping[str, Any], str],
    attendance: Any = None,
    *,
    settings: Mapping[str, Any],
    key: Optional[SigningKey] = None,
    register: Union[Register, Mapping[str, Any], None] = None,
    policy: Union[Policy, Mapping[str, Any], None] = None,
    scores: Any = None,
    as_of: Optional[Time] = None,
    participant: Optional[str] = None,
    early: Optional[bool] = None,
) -> Issuance:
    """Numbers and builds the certificates of every participant who earned a document,
    and signs them when ``key`` is given. Issuing again with the same register returns
    the same certificates; changed content is refused (``register.content_changed``).
    With ``as_of`` before the course's last session ends, issuing is refused
    (``certificate.course_not_ended``) unless ``early=True``."""
    result = _call(
        "issue",
        _request(
            course=_document(course),
            attendance=_marks(attendance),
            settings=settings,
            key=key,
            register=register,
            policy=policy,
            scores=scores,
            as_of=as_of,
            participant=participant,
            early=early,
        ),
    )
    return Issuance(result)


def reissue(
    course: Union[Course, Mapping[str, Any], str],
    attendance: Any = None,
    *,
    certificate: str,
    settings: Mapping[str, Any],
    register: Union[Register, Mapping[str, Any]],
    key: Optional[SigningKey] = None,
    policy: Union[Policy, Mapping[str, Any], None] = None,
    scores: Any = None,
    at: Optional[Time] = None,
    reason: Optional[str] = None,
    as_of: Optional[Time] = None,
    participant: Optional[str] = None,
) -> Dict[str, Any]:
    """Re-issues ``certificate`` with current content, revoking the old one; returns
    ``{"certificate", "register", "credential"?, "issuer"?}``. ``as_of`` and
    ``participant`` are the evaluation's, as for ``issue``."""
    result = _call(
        "reissue",
        _request(
            course=_document(course),
            attendance=_marks(attendance),
            certificate=certificate,
            settings=settings,
            register=register,
            key=key,
            policy=policy,
            scores=scores,
            at=at,
            reason=reason,
            as_of=as_of,
            participant=participant,
        ),
    )
    result["certificate"] = Certificate(result["certificate"])
    result["register"] = Register(result["register"])
    return result


def verify(
    credential: Union[Mapping[str, Any], str],
    *,
    keys: Sequence[Any],
    at: Time,
    status_lists: Optional[Sequence[Any]] = None,
) -> Verification:
    """Verifies a signed credential against trusted keys (Multikey documents, or
    ``SigningKey``\\ s' ``multikey()``) and, when given, status-list credentials, at an
    instant (``at``: the moment the check is about)."""
    trusted = [k.multikey() if isinstance(k, SigningKey) else k for k in keys]
    result = _call(
        "verify",
        # A credential or list given as text goes to the core as text: the core reads it
        # and refuses a key given twice (json.loads would keep the last one silently).
        _request(credential=credential, keys=trusted, status_lists=status_lists, at=at),
    )
    return Verification(result)


def status_list(
    register: Union[Register, Mapping[str, Any]],
    *,
    settings: Mapping[str, Any],
    key: SigningKey,
    valid_from: Time,
    purpose: Optional[str] = None,
    valid_until: Optional[Time] = None,
) -> Dict[str, Any]:
    """The signed Bitstring Status List credential of one purpose (``revocation``, the
    core's default, or ``suspension``); after ``valid_until`` (when given) verifiers
    report it stale."""
    result = _call(
        "status_list",
        _request(register=register, settings=settings, key=key, purpose=purpose, valid_from=valid_from, valid_until=valid_until),
    )
    return dict(result["credential"])


def sign_credential(credential: Mapping[str, Any], *, key: SigningKey, created: Time) -> Dict[str, Any]:
    """Adds an ``eddsa-jcs-2022`` proof to any credential."""
    return dict(_call("sign_credential", {"credential": credential, "key": key, "created": created})["credential"])


def format_number(sequence: int, *, date: Union[date, str], unit: str, numbering: Optional[Mapping[str, Any]] = None) -> str:
    """One certificate number, e.g. ``00042/BU/VII/2025``."""
    return str(_call("format_number", _request(sequence=sequence, date=date, unit=unit, numbering=numbering))["number"])


def render(certificate: Union[Certificate, Mapping[str, Any]], credential: Mapping[str, Any], *, settings: Mapping[str, Any]) -> Dict[str, str]:
    """The QR payload and the printable SVG (A4, two pages) of a signed certificate."""
    result = _call("render", {"certificate": certificate, "credential": credential, "settings": settings})
    return {"qr_payload": result["qr_payload"], "svg": result["svg"]}


def canonicalize(document: Any) -> str:
    """RFC 8785 canonical JSON text of a document."""
    return str(_call("canonicalize", document)["canonical"])


def read_attendance_csv(sheet: Union[str, bytes], course: Union[Course, Mapping[str, Any], str]) -> Attendance:
    """Reads a CSV attendance sheet (long: one row per mark; wide: one row per
    participant, one column per session; comma or semicolon, with or without BOM) into
    marks. Every bad row raises ``AttendanceError`` (``attendance.invalid_sheet``) with
    ``details["line"]`` and ``details["column"]``."""
    if isinstance(sheet, bytes):
        # Bytes go to the core as they are: it reads UTF-8, or Windows-1252 when they are not.
        course_text = _json.dumps(to_data(_document(course)), ensure_ascii=False)
        result = unwrap(_tamat.read_sheet_bytes("attendance", sheet, course_text))
    else:
        result = _call("read_attendance_csv", {"course": _document(course), "csv": sheet})
    return Attendance(result["attendance"])


def read_scores_csv(sheet: Union[str, bytes], course: Union[Course, Mapping[str, Any], str]) -> List[Dict[str, Any]]:
    """Reads a CSV scores sheet (a ``participant`` or ``nip`` column, and a ``score``
    column or one column per assessment component; ``85,5`` in a semicolon sheet) into
    the scores an evaluation takes. Every bad cell raises ``AssessmentError``
    (``assessment.invalid_sheet``) with ``details["line"]`` and ``details["column"]``."""
    if isinstance(sheet, bytes):
        course_text = _json.dumps(to_data(_document(course)), ensure_ascii=False)
        result = unwrap(_tamat.read_sheet_bytes("scores", sheet, course_text))
    else:
        result = _call("read_scores_csv", {"course": _document(course), "csv": sheet})
    return list(result["scores"])


def read_attendance_file(data: bytes, course: Union[Course, Mapping[str, Any], str], worksheet: Optional[str] = None) -> Attendance:
    """Reads an attendance file's bytes: a workbook (``.xlsx``, ``.ods``, ``.xls``; the
    first worksheet, or ``worksheet``) or a CSV sheet, with the same layouts, columns and
    errors as ``read_attendance_csv``; in a workbook, ``details["line"]`` is the row."""
    course_text = _json.dumps(to_data(_document(course)), ensure_ascii=False)
    return Attendance(unwrap(_tamat.read_sheet_bytes("attendance", data, course_text, worksheet))["attendance"])


def read_scores_file(data: bytes, course: Union[Course, Mapping[str, Any], str], worksheet: Optional[str] = None) -> List[Dict[str, Any]]:
    """Reads a scores file's bytes (a workbook or CSV; see ``read_scores_csv``)."""
    course_text = _json.dumps(to_data(_document(course)), ensure_ascii=False)
    return list(unwrap(_tamat.read_sheet_bytes("scores", data, course_text, worksheet))["scores"])


def read_meeting_report(
    data: bytes,
    course: Union[Course, Mapping[str, Any], str],
    *,
    date_order: str = "mdy",
    time_zone: Optional[str] = None,
    date: Optional[Union[str, "date"]] = None,
) -> Dict[str, Any]:
    """Reads a Zoom, Microsoft Teams or Google Meet participant report (or a sheet with
    name or e-mail, join and leave columns) into marks: connections merged, clipped to
    each session, matched to participants by e-mail, else by name. Returns the answer:
    ``source``, ``rows``, ``attendance`` (marks for ``evaluate``) and ``unmatched`` (rows
    that are no participant: the host, guests)."""
    import base64
    request: Dict[str, Any] = {"course": _document(course), "file": base64.b64encode(data).decode(), "date_order": date_order}
    if time_zone is not None:
        request["time_zone"] = time_zone
    if date is not None:
        request["date"] = str(date)
    return dict(_call("read_meeting_report", request))


def read_moodle_export(data: bytes, course: Union[Course, Mapping[str, Any], str], statuses: Optional[Mapping[str, str]] = None) -> Dict[str, Any]:
    """Reads an export of Moodle's attendance module (the text export or a spreadsheet)
    into marks: session columns matched by their start, acronyms read through
    ``statuses`` (default P hadir, L terlambat, E izin, A alpha). Returns the answer:
    ``attendance``, ``sources``, ``sessions``, ``unmatched``."""
    import base64
    request: Dict[str, Any] = {"course": _document(course), "file": base64.b64encode(data).decode()}
    if statuses is not None:
        request["statuses"] = dict(statuses)
    return dict(_call("read_moodle_export", request))


def personnel_export(certificates: Sequence[Any], register: Any = None, **settings: Any) -> Dict[str, Any]:
    """Issued certificates (``Certificate`` objects or their dicts) out to the personnel
    system: SIASN training-history records and the yearly 20-JP report, each as data and
    CSV (``records``, ``records_csv``, ``skipped``, ``yearly``, ``yearly_csv``). Settings:
    ``jenis_diklat_id``, ``outcomes``, ``obligation_jp``."""
    request: Dict[str, Any] = {"certificates": [c.to_dict() if hasattr(c, "to_dict") else c for c in certificates], **settings}
    if register is not None:
        request["register"] = register.to_dict() if hasattr(register, "to_dict") else register
    return dict(_call("personnel_export", request))


def error_codes() -> List[str]:
    """Every error code."""
    return list(unwrap(error_codes_json())["codes"])


def reason_codes() -> List[str]:
    """Every reason code of decisions."""
    return list(unwrap(reason_codes_json())["codes"])


def schema(name: str) -> Dict[str, Any]:
    """The JSON Schema of an input (``course``, ``attendance``, ``policy``, ...)."""
    return dict(unwrap(schema_json(name))["schema"])


def _document(obj: Any) -> Any:
    if isinstance(obj, str):
        return parse_json(obj)
    return obj


def _marks(attendance: Any) -> Any:
    """Attendance as the JSON contract's list of marks."""
    if attendance is None:
        return None
    if isinstance(attendance, Attendance):
        return attendance.to_list()
    if hasattr(attendance, "columns") and hasattr(attendance, "to_dict"):
        return Attendance.from_frame(attendance).to_list()
    if isinstance(attendance, Mapping):
        return Attendance.from_columns(**attendance).to_list()
    return attendance
