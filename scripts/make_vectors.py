#!/usr/bin/env python3
"""Writes tests/vectors/*.json. Every expected value below is written by hand from the
rules in docs/domain.md and the policy documentation, never copied from tamat's output.
The JSON files are the source of truth for the suites; this script only saves typing."""
import json, os, shutil

OUT = os.path.join(os.path.dirname(__file__), "..", "tests", "vectors")
VECTORS = []

def hhmm(minutes):
    return f"{minutes // 60:02d}:{minutes % 60:02d}"

def sessions(n, date="2025-07-17", start="08:00", dur=45, jps=None, prefix="s"):
    h, m = map(int, start.split(":"))
    t = h * 60 + m
    out = []
    for i in range(n):
        s = {"id": f"{prefix}{i+1}", "title": f"Materi {i+1}", "start": f"{date}T{hhmm(t)}", "end": f"{date}T{hhmm(t+dur)}", "jp": 1 if jps is None else jps[i]}
        if jps is not None and jps[i] is None:
            del s["jp"]
        out.append(s)
        t += dur
    return out

def course(n=10, participants=("p1",), zone="Asia/Makassar", jps=None, policy=None, sess=None, **extra):
    c = {"id": "c1", "title": "Pelatihan Uji", "time_zone": zone,
         "sessions": sess if sess is not None else sessions(n, jps=jps),
         "participants": [p if isinstance(p, dict) else {"id": p, "name": f"Peserta {p}"} for p in participants]}
    if policy is not None:
        c["policy"] = policy
    c.update(extra)
    return c

def marks(p, statuses, prefix="s"):
    return [{"participant": p, "session": f"{prefix}{i+1}", "status": st} for i, st in enumerate(statuses) if st is not None]

def req(c, attendance=(), policy=None, **kw):
    r = {"course": c, "attendance": list(attendance)}
    if policy is not None:
        r["policy"] = policy
    r.update(kw)
    return r

def dec(p, outcome, attended=None, total=None, ratio=None, percent="absent", reasons=None, **kw):
    d = {"participant": p, "outcome": outcome}
    a = {}
    if attended is not None: a["attended"] = attended
    if total is not None: a["total"] = total
    if ratio is not None: a["ratio"] = None if ratio == "null" else {"numerator": ratio[0], "denominator": ratio[1]}
    if percent != "absent": a["percent"] = percent
    a.update(kw.pop("attendance", {}))
    if a: d["attendance"] = a
    if reasons is not None: d["reasons"] = [r if isinstance(r, dict) else {"code": r} for r in reasons]
    d.update(kw)
    return d

def ok(decisions=None, warnings=(), **kw):
    e = {"type": "success"}
    if decisions is not None: e["decisions"] = decisions
    if warnings is not None: e["warnings"] = [{"code": w} for w in warnings]
    e.update(kw)
    return e

def fail(*codes):
    return {"type": "failure", "errors": [{"code": c} for c in codes]}

def V(name, description, input, expect, op="evaluate"):
    VECTORS.append((name, {"description": description, "operation": op, "input": input, "expect": expect}))

MET, BELOW = "attendance.minimum_met", "attendance.below_minimum"
H = lambda n: ["hadir"] * n

# ---------------------------------------------------------------- statuses, defaults
V("status-all-hadir", "Ten sessions all hadir: 10/10 = 100 %, LULUS.",
  req(course(), marks("p1", H(10))),
  ok([dec("p1", "lulus", 10, 10, (1, 1), 100, [MET])], summary={"participants": 1, "lulus": 1, "telah_mengikuti": 0, "no_document": 0, "pending": 0}))
V("minimum-exactly-90", "9 of 10 sessions is exactly 90 %: the minimum is met (at or above).",
  req(course(), marks("p1", H(9) + ["alpha"])),
  ok([dec("p1", "lulus", 9, 10, (9, 10), 90, [MET])]))
V("minimum-80-below", "8 of 10: 80 % is below 90 %, TELAH MENGIKUTI.",
  req(course(), marks("p1", H(8) + ["alpha"] * 2)),
  ok([dec("p1", "telah_mengikuti", 8, 10, (4, 5), 80, [{"code": BELOW, "params": {"percent": "80", "minimum": "90"},
      "message": {"id": "Kehadiran 80% di bawah syarat 90%", "en": "Attendance 80% is below the required 90%"}}])]))
V("percent-6-of-7-message", "6 of 7 = 85.714...%: shown truncated as 85,71 in Indonesian and 85.71 in English; the decision uses the exact fraction 6/7.",
  req(course(7), marks("p1", H(6) + ["alpha"])),
  ok([dec("p1", "telah_mengikuti", 6, 7, (6, 7), 85.71, [{"code": BELOW, "params": {"percent": "85.71", "minimum": "90"},
      "message": {"id": "Kehadiran 85,71% di bawah syarat 90%", "en": "Attendance 85.71% is below the required 90%"}}])]))
V("percent-2-of-3-truncated", "2 of 3 = 66.666...%: the display value is truncated to 66.66, never rounded up.",
  req(course(3), marks("p1", ["hadir", "hadir", "alpha"])),
  ok([dec("p1", "telah_mengikuti", 2, 3, (2, 3), 66.66, [BELOW])]))
V("percent-just-below-minimum", "89 of 99 = 89.898...% is below 90 % even though it is close; 90 of 100 would pass.",
  req(course(1, sess=sessions(99, dur=5)), marks("p1", H(89) + ["alpha"] * 10)),
  ok([dec("p1", "telah_mengikuti", 89, 99, (89, 99), 89.89, [BELOW])]))
V("terlambat-full-credit-default", "By default a late arrival (terlambat) gets full credit.",
  req(course(), marks("p1", ["terlambat"] * 2 + H(8))),
  ok([dec("p1", "lulus", 10, 10, (1, 1), 100, [MET])]))
V("izin-absent-default", "By default izin counts as absent: it stays in the denominator with no credit.",
  req(course(), marks("p1", H(8) + ["izin", "izin"])),
  ok([dec("p1", "telah_mengikuti", 8, 10, (4, 5), 80, [BELOW])]))
V("sakit-absent-default", "By default sakit counts as absent.",
  req(course(), marks("p1", ["sakit"] + H(9))),
  ok([dec("p1", "lulus", 9, 10, (9, 10), 90, [MET])]))
V("alpha-explicit", "Three alpha of ten: 70 %.",
  req(course(), marks("p1", ["alpha"] * 3 + H(7))),
  ok([dec("p1", "telah_mengikuti", 7, 10, (7, 10), 70, [BELOW])]))
V("unmarked-counts-absent", "A held session without a mark counts as absent and the trace says no_mark.",
  req(course(3), marks("p1", ["hadir", None, "hadir"])),
  ok([dec("p1", "telah_mengikuti", 2, 3, (2, 3), 66.66, [BELOW], trace=[
      {"session": "s1", "status": "hadir", "result": "counted", "units": 1, "credit": 1, "earned": 1},
      {"session": "s2", "status": None, "result": "counted", "units": 1, "credit": 0, "earned": 0, "note": "no_mark"},
      {"session": "s3", "status": "hadir", "result": "counted", "units": 1, "credit": 1, "earned": 1}])]))
V("status-aliases", "Status words are case-insensitive and accepted in English and as one letter: Present, H, LATE, t, Excused, i, Sick, S, absent, A.",
  req(course(10, policy={"izin": "present", "sakit": "present"}),
      marks("p1", ["Present", "H", "LATE", "t", "Excused", "i", "Sick", "S", "absent", "A"])),
  ok([dec("p1", "telah_mengikuti", 8, 10, (4, 5), 80, [BELOW])]))
V("status-colloquial", "`telat` is terlambat and `tanpa keterangan` is alpha: 9 of 10.",
  req(course(10), marks("p1", ["telat", "Tanpa Keterangan"] + H(8))),
  ok([dec("p1", "lulus", 9, 10, (9, 10), 90, [MET], trace=[{"session": "s1", "status": "terlambat"}, {"session": "s2", "status": "alpha"}] + [{"session": f"s{i}"} for i in range(3, 11)])]))
V("unknown-status", "A status that is neither built in nor defined by the policy is an error.",
  req(course(2), marks("p1", ["hadir", "cuti"])), fail("attendance.unknown_status"))

# ---------------------------------------------------------------- excused treatments
V("izin-excluded", "izin excluded: the session leaves the denominator, 9 of 9 = 100 %.",
  req(course(), marks("p1", H(9) + ["izin"]), policy={"izin": "excluded"}),
  ok([dec("p1", "lulus", 9, 9, (1, 1), 100, [MET])]))
V("sakit-excluded", "sakit excluded, izin still absent by default: 8 of 9.",
  req(course(), marks("p1", H(8) + ["sakit", "izin"]), policy={"sakit": "excluded"}),
  ok([dec("p1", "telah_mengikuti", 8, 9, (8, 9), 88.88, [BELOW])]))
V("izin-present", "izin counts as present: full credit.",
  req(course(), marks("p1", H(8) + ["izin", "izin"]), policy={"izin": "present"}),
  ok([dec("p1", "lulus", 10, 10, (1, 1), 100, [MET])]))
V("sakit-present", "sakit counts as present.",
  req(course(), marks("p1", H(7) + ["sakit"] * 3), policy={"sakit": "present"}),
  ok([dec("p1", "lulus", 10, 10, (1, 1), 100, [MET])]))
V("excused-cap-excluded", "izin excluded with a cap of 1: the first izin (s9) leaves the denominator, the second (s10) counts as absent: 8 of 9.",
  req(course(), marks("p1", H(8) + ["izin", "izin"]), policy={"izin": "excluded", "excused_cap": 1}),
  ok([dec("p1", "telah_mengikuti", 8, 9, (8, 9), 88.88, [BELOW], trace=
      [{"session": f"s{i}", "result": "counted"} for i in range(1, 9)] +
      [{"session": "s9", "status": "izin", "result": "excluded"},
       {"session": "s10", "status": "izin", "result": "counted", "credit": 0, "note": "excused_cap_reached"}])]))
V("excused-cap-present", "izin and sakit present with a cap of 2 shared between them: s1 sakit and s2 izin are credited, the s3 izin is absent: 9 of 10.",
  req(course(), marks("p1", ["sakit", "izin", "izin"] + H(7)), policy={"izin": "present", "sakit": "present", "excused_cap": 2}),
  ok([dec("p1", "lulus", 9, 10, (9, 10), 90, [MET])]))
V("excused-cap-absent-does-not-use-cap", "Absent-treated sakit does not use the cap: izin excluded with cap 1 still excludes the one izin.",
  req(course(), marks("p1", ["sakit", "izin"] + H(8)), policy={"izin": "excluded", "excused_cap": 1}),
  ok([dec("p1", "telah_mengikuti", 8, 9, (8, 9), 88.88, [BELOW])]))

# ---------------------------------------------------------------- late rules
V("late-partial-half", "Late earns 0.5: 8 hadir + 2 terlambat = 9 of 10.",
  req(course(), marks("p1", H(8) + ["terlambat"] * 2), policy={"late": {"rule": "partial", "credit": 0.5}}),
  ok([dec("p1", "lulus", 9, 10, (9, 10), 90, [MET])]))
V("late-partial-half-three", "Late earns 0.5: 7 hadir + 3 terlambat = 8.5 of 10 = 17/20.",
  req(course(), marks("p1", H(7) + ["terlambat"] * 3), policy={"late": {"rule": "partial", "credit": "0.5"}}),
  ok([dec("p1", "telah_mengikuti", 8.5, 10, (17, 20), 85, [BELOW])]))
V("late-partial-quarter", "Late earns 0.25 with the minimum at 80: 7 hadir + 3 late = 7.75 of 10 = 31/40.",
  req(course(), marks("p1", H(7) + ["terlambat"] * 3), policy={"late": {"rule": "partial", "credit": 0.25}, "minimum_percent": 80}),
  ok([dec("p1", "telah_mengikuti", 7.75, 10, (31, 40), 77.5, [BELOW])]))
V("late-per-absence-3", "Three lates make one absence: all are worth 1 JP, so the later session's late (s5) counts as absent: 9 of 10.",
  req(course(), marks("p1", ["terlambat", "hadir", "terlambat", "hadir", "terlambat"] + H(5)), policy={"late": {"rule": "per_absence", "lates": 3}}),
  ok([dec("p1", "lulus", 9, 10, (9, 10), 90, [MET], trace=[
      {"session": "s1", "credit": 1}, {"session": "s2", "credit": 1}, {"session": "s3", "credit": 1},
      {"session": "s4", "credit": 1}, {"session": "s5", "credit": 0, "note": "late_counted_as_absence"}] +
      [{"session": f"s{i}", "credit": 1} for i in range(6, 11)])]))
V("late-per-absence-heaviest-late", "Sessions of 3, 1 and 3 JP (7 JP), all three late, two lates make one absence: one late loses its credit, the one worth most (ties: the later session, s3): 4 of 7 JP.",
  req(course(3, jps=[3, 1, 3]), marks("p1", ["terlambat"] * 3), policy={"measure": "jp", "late": {"rule": "per_absence", "lates": 2}}),
  ok([dec("p1", "telah_mengikuti", 4, 7, (4, 7), 57.14, [BELOW], trace=[
      {"session": "s1", "credit": 1}, {"session": "s2", "credit": 1},
      {"session": "s3", "credit": 0, "note": "late_counted_as_absence"}])]))
V("late-per-absence-on-time-never-costs", "As late-per-absence-heaviest-late but s1 on time: the lates are s2 (1 JP) and s3 (3 JP), one absence, charged to s3: 4 of 7 JP, no less than when s1 was late (counting the second late in session order would have charged s3 here and s2 there, so arriving on time would have cost 2 JP).",
  req(course(3, jps=[3, 1, 3]), marks("p1", ["hadir", "terlambat", "terlambat"]), policy={"measure": "jp", "late": {"rule": "per_absence", "lates": 2}}),
  ok([dec("p1", "telah_mengikuti", 4, 7, (4, 7), 57.14, [BELOW], trace=[
      {"session": "s1", "credit": 1}, {"session": "s2", "credit": 1},
      {"session": "s3", "credit": 0, "note": "late_counted_as_absence"}])]))
V("late-per-absence-2", "Two lates make one absence: four lates are two absences: 8 of 10.",
  req(course(), marks("p1", ["terlambat"] * 4 + H(6)), policy={"late": {"rule": "per_absence", "lates": 2}}),
  ok([dec("p1", "telah_mengikuti", 8, 10, (4, 5), 80, [BELOW])]))
V("late-per-absence-under-threshold", "Two lates under a three-lates rule cost nothing.",
  req(course(), marks("p1", ["terlambat"] * 2 + H(8)), policy={"late": {"rule": "per_absence", "lates": 3}}),
  ok([dec("p1", "lulus", 10, 10, (1, 1), 100, [MET])]))

# ---------------------------------------------------------------- custom statuses
V("custom-status-credit", "A policy status `dinas` (official duty) with credit 1 counts as attended.",
  req(course(), marks("p1", H(8) + ["dinas", "DINAS"]), policy={"statuses": [{"code": "dinas", "credit": 1, "label": "Dinas luar"}]}),
  ok([dec("p1", "lulus", 10, 10, (1, 1), 100, [MET])]))
V("custom-status-excluded", "A policy status `tugas` that leaves the denominator.",
  req(course(), marks("p1", H(8) + ["tugas", "alpha"]), policy={"statuses": [{"code": "tugas", "excluded": True}]}),
  ok([dec("p1", "telah_mengikuti", 8, 9, (8, 9), 88.88, [BELOW])]))
V("custom-status-partial", "A policy status `daring` (online) with credit 0.5: 9 hadir + 1 daring = 9.5 of 10.",
  req(course(), marks("p1", H(9) + ["daring"]), policy={"statuses": [{"code": "daring", "credit": 0.5}]}),
  ok([dec("p1", "lulus", 9.5, 10, (19, 20), 95, [MET])]))
V("custom-status-excused-cap", "A custom excused status uses the excused cap shared with izin: cap 1, izin first (s1) is excluded, `cuti` (s2) then counts as absent.",
  req(course(), marks("p1", ["izin", "cuti"] + H(8)), policy={"izin": "excluded", "excused_cap": 1, "statuses": [{"code": "cuti", "excluded": True, "excused": True}]}),
  ok([dec("p1", "telah_mengikuti", 8, 9, (8, 9), 88.88, [BELOW])]))

# ---------------------------------------------------------------- measures
JP5 = [3, 3, 2, 1, 1]
V("measure-jp", "Measured in JP: missing a 1-JP session of 10 JP is 90 %, LULUS.",
  req(course(5, jps=JP5), marks("p1", H(4) + ["alpha"]), policy={"measure": "jp"}),
  ok([dec("p1", "lulus", 9, 10, (9, 10), 90, [MET])]))
V("measure-sessions-same-data", "The same attendance measured in sessions: 4 of 5 = 80 %.",
  req(course(5, jps=JP5), marks("p1", H(4) + ["alpha"]), policy={"measure": "sessions"}),
  ok([dec("p1", "telah_mengikuti", 4, 5, (4, 5), 80, [BELOW])]))
V("measure-jp-big-session-missed", "Measured in JP: missing a 3-JP session is 7 of 10.",
  req(course(5, jps=JP5), marks("p1", ["alpha"] + H(4)), policy={"measure": "jp"}),
  ok([dec("p1", "telah_mengikuti", 7, 10, (7, 10), 70, [BELOW])]))
V("measure-jp-derived", "JP derived from duration: 90 minutes at 45 min/JP = 2 JP, 100 minutes = 2 JP (whole JP only).",
  {"course": course(sess=[
      {"id": "a", "start": "2025-07-17T08:00", "end": "2025-07-17T09:30"},
      {"id": "b", "start": "2025-07-17T09:30", "end": "2025-07-17T11:10"},
      {"id": "c", "start": "2025-07-17T11:10", "end": "2025-07-17T11:40"}])},
  ok(None, None, total_jp=4, sessions=[{"id": "a", "minutes": 90, "jp": 2, "jp_derived": True},
                                       {"id": "b", "minutes": 100, "jp": 2, "jp_derived": True},
                                       {"id": "c", "minutes": 30, "jp": 0, "jp_derived": True}]), op="check_course")
V("measure-jp-minutes-60", "A course with 60-minute JP: a 120-minute session is 2 JP.",
  {"course": course(sess=[{"id": "a", "start": "2025-07-17T08:00", "end": "2025-07-17T10:00"}], jp_minutes=60)},
  ok(None, None, total_jp=2, sessions=[{"id": "a", "minutes": 120, "jp": 2}]), op="check_course")
TS = lambda p, s, ci, co=None: {k: v for k, v in {"participant": p, "session": s, "check_in": ci, "check_out": co}.items() if v is not None}
V("measure-minutes-timestamps", "Measured in minutes: two 45-minute sessions; checked in 15 minutes late to s1 (30 of 45 minutes) and on time to s2: 75 of 90 minutes = 83.33 %.",
  req(course(2), [TS("p1", "s1", "2025-07-17T08:15:00+08:00"), TS("p1", "s2", "2025-07-17T08:45:00+08:00")], policy={"measure": "minutes"}),
  ok([dec("p1", "telah_mengikuti", 75, 90, (5, 6), 83.33, [BELOW], trace=[
      {"session": "s1", "status": "hadir", "units": 45, "earned": 30, "minutes_present": 30},
      {"session": "s2", "status": "hadir", "units": 45, "earned": 45, "minutes_present": 45}])]))
V("measure-minutes-status-marks", "Measured in minutes with status marks: hadir earns the whole session, izin (absent) none: 90 of 135.",
  req(course(3), marks("p1", ["hadir", "terlambat", "izin"]), policy={"measure": "minutes"}),
  ok([dec("p1", "telah_mengikuti", 90, 135, (2, 3), 66.66, [BELOW])]))
V("measure-minutes-early-checkout", "Measured in minutes: left 20 minutes early from s2 (check-out 09:10): 70 of 90; an early check-in counts from the start.",
  req(course(2), [TS("p1", "s1", "2025-07-17T07:40:00+08:00", "2025-07-17T08:45:00+08:00"), TS("p1", "s2", "2025-07-17T08:45:00+08:00", "2025-07-17T09:10:00+08:00")], policy={"measure": "minutes", "minimum_percent": 75}),
  ok([dec("p1", "lulus", 70, 90, (7, 9), 77.77, [MET])]))

# ---------------------------------------------------------------- check-in timestamps
V("checkin-within-grace", "Check-in 20 minutes after the start is within the 30-minute grace: hadir.",
  req(course(1), [TS("p1", "s1", "2025-07-17T08:20:00+08:00")]),
  ok([dec("p1", "lulus", 1, 1, (1, 1), 100, [MET], trace=[{"session": "s1", "status": "hadir", "minutes_present": 25}])]))
V("checkin-at-grace-boundary", "Check-in exactly at start + grace (08:30) is still hadir: at or before counts as present.",
  req(course(1), [TS("p1", "s1", "2025-07-17T08:30:00+08:00")]),
  ok([dec("p1", "lulus", trace=[{"session": "s1", "status": "hadir"}])]))
V("checkin-after-grace", "Check-in one second after start + grace is terlambat.",
  req(course(1), [TS("p1", "s1", "2025-07-17T08:30:01+08:00")]),
  ok([dec("p1", "lulus", trace=[{"session": "s1", "status": "terlambat"}])]))
V("checkin-grace-zero", "With no grace, a check-in one minute after the start is late, and late earns 0.5.",
  req(course(2), [TS("p1", "s1", "2025-07-17T08:01:00+08:00"), TS("p1", "s2", "2025-07-17T08:45:00+08:00")],
      policy={"check_in": {"grace_minutes": 0}, "late": {"rule": "partial", "credit": 0.5}}),
  ok([dec("p1", "telah_mengikuti", 1.5, 2, (3, 4), 75, [BELOW], trace=[{"session": "s1", "status": "terlambat"}, {"session": "s2", "status": "hadir"}])]))
V("checkin-other-offset", "A check-in written in UTC (00:10Z = 08:10 WITA) is the same instant: hadir.",
  req(course(1), [TS("p1", "s1", "2025-07-17T00:10:00Z")]),
  ok([dec("p1", "lulus", trace=[{"session": "s1", "status": "hadir"}])]))
V("checkin-before-window", "The window opens 60 minutes before the start; a check-in at 06:59 for an 08:00 session is an error.",
  req(course(1), [TS("p1", "s1", "2025-07-17T06:59:00+08:00")]), fail("attendance.check_in_outside_window"))
V("checkin-window-opens-15", "With the window opening 15 minutes before an 08:00 start, 07:45 is accepted (hadir, counted from the start) and 07:44 is refused.",
  req(course(2), [TS("p1", "s1", "2025-07-17T07:45:00+08:00")], policy={"check_in": {"opens_minutes_before": 15, "outside_window": "warning"}}),
  ok([dec("p1", "telah_mengikuti", 1, 2, trace=[{"session": "s1", "status": "hadir", "minutes_present": 45}, {"session": "s2", "note": "no_mark"}])]))
V("checkin-window-opens-15-early", "The same window refuses a check-in at 07:44.",
  req(course(1), [TS("p1", "s1", "2025-07-17T07:44:00+08:00")], policy={"check_in": {"opens_minutes_before": 15}}),
  fail("attendance.check_in_outside_window"))
V("checkin-after-end", "A check-in at the session end (08:45) is outside the window.",
  req(course(1), [TS("p1", "s1", "2025-07-17T08:45:00+08:00")]), fail("attendance.check_in_outside_window"))
V("checkin-outside-window-warning", "With outside_window: warning, the mark is accepted as absent and reported.",
  req(course(2), [TS("p1", "s1", "2025-07-17T12:00:00+08:00"), TS("p1", "s2", "2025-07-17T08:45:00+08:00")], policy={"check_in": {"outside_window": "warning"}}),
  ok([dec("p1", "telah_mengikuti", 1, 2, (1, 2), 50, [BELOW], trace=[
      {"session": "s1", "status": "alpha", "credit": 0, "note": "check_in_outside_window"}, {"session": "s2", "status": "hadir"}])],
     warnings=["attendance.check_in_outside_window"]))
V("checkin-naive-timestamp", "A check-in without an offset could mean any zone: refused.",
  req(course(1), [TS("p1", "s1", "2025-07-17T08:00:00")]), fail("attendance.invalid_timestamp"))
V("checkout-before-checkin", "A check-out before the check-in is an error.",
  req(course(1), [TS("p1", "s1", "2025-07-17T08:10:00+08:00", "2025-07-17T08:05:00+08:00")]), fail("attendance.check_out_before_check_in"))
V("mark-status-and-times", "A mark with both a status and a check-in is refused: which one is meant?",
  req(course(1), [{"participant": "p1", "session": "s1", "status": "hadir", "check_in": "2025-07-17T08:00:00+08:00"}]), fail("attendance.conflicting_mark"))
V("mark-without-status", "A mark with neither a status nor a check-in is refused.",
  req(course(1), [{"participant": "p1", "session": "s1"}]), fail("attendance.missing_status"))

# ---------------------------------------------------------------- duplicates, references
DUP = [{"participant": "p1", "session": "s1", "status": "alpha"}] + marks("p1", H(2))
V("duplicate-best", "Two marks for p1/s1 (alpha, hadir): the most favourable (hadir) is kept and a warning names the pair.",
  req(course(2), DUP), ok([dec("p1", "lulus", 2, 2, (1, 1), 100, [MET])], warnings=["attendance.duplicate_mark"]))
V("duplicate-best-reversed", "The same marks in reverse order give the same decision.",
  req(course(2), list(reversed(DUP))), ok([dec("p1", "lulus", 2, 2, (1, 1), 100, [MET])], warnings=["attendance.duplicate_mark"]))
V("duplicate-error", "With duplicates: error, two marks for one session are refused.",
  req(course(2), DUP, policy={"duplicates": "error"}), fail("attendance.duplicate_mark"))
V("unknown-participant", "A mark for a participant who is not in the course is an error.",
  req(course(1), marks("p1", H(1)) + marks("p9", H(1))), fail("attendance.unknown_participant"))
V("unknown-session", "A mark for a session that is not in the course is an error.",
  req(course(1), marks("p1", H(2))), fail("attendance.unknown_session"))
V("unknown-references-warning", "With unknown_references: warning, such marks are left out and reported, never silently.",
  req(course(1), marks("p1", H(2)) + marks("p9", H(1)), policy={"unknown_references": "warning"}),
  ok([dec("p1", "lulus", 1, 1)], warnings=["attendance.unknown_session", "attendance.unknown_participant"]))
V("errors-collected", "Every error in the attendance is reported, not just the first.",
  req(course(1), [{"participant": "p9", "session": "s1", "status": "hadir"}, {"participant": "p1", "session": "s1", "status": "cuti"}, {"participant": "p1", "session": "s1"}]),
  fail("attendance.unknown_participant", "attendance.unknown_status", "attendance.missing_status"))

# ---------------------------------------------------------------- drop lowest
V("drop-lowest-1", "Drop the lowest session: 8 hadir + 2 alpha become 8 of 9.",
  req(course(), marks("p1", H(8) + ["alpha"] * 2), policy={"drop_lowest": 1}),
  ok([dec("p1", "telah_mengikuti", 8, 9, (8, 9), 88.88, [BELOW])]))
V("drop-lowest-2", "Drop the two lowest: 8 hadir + 2 alpha become 8 of 8.",
  req(course(), marks("p1", H(8) + ["alpha"] * 2), policy={"drop_lowest": 2}),
  ok([dec("p1", "lulus", 8, 8, (1, 1), 100, [MET], trace=[{"session": f"s{i}", "result": "counted"} for i in range(1, 9)] +
      [{"session": "s9", "result": "dropped"}, {"session": "s10", "result": "dropped"}])]))
V("drop-lowest-jp-larger-first", "In JP, between two missed sessions the larger one (3 JP) is dropped: 7 of 7 JP remain, not 6 of 9.",
  req(course(5, jps=JP5), marks("p1", ["alpha", "hadir", "hadir", "alpha", "hadir"]), policy={"measure": "jp", "drop_lowest": 1}),
  ok([dec("p1", "telah_mengikuti", 6, 7, (6, 7), 85.71, [BELOW])]))
V("drop-lowest-never-required", "A required session is never dropped: the missed required s1 stays, so the other alpha (s2) is dropped.",
  req(course(sess=[dict(s, required=True) if s["id"] == "s1" else s for s in sessions(10)]), marks("p1", ["alpha", "alpha"] + H(8)), policy={"drop_lowest": 1}),
  ok([dec("p1", "telah_mengikuti", 8, 9, (8, 9), 88.88, [BELOW, {"code": "attendance.required_missed", "params": {"session": "s1", "title": "Materi 1"}}])]))
V("drop-lowest-more-than-sessions", "Dropping more sessions than there are leaves nothing to count.",
  req(course(2), marks("p1", ["hadir", "alpha"]), policy={"drop_lowest": 5}),
  ok([dec("p1", "telah_mengikuti", 0, 0, "null", None, ["attendance.no_applicable_sessions"])]))

# ---------------------------------------------------------------- required sessions
REQ1 = [dict(s, required=True, kind="exam") if s["id"] == "s10" else s for s in sessions(10)]
V("required-missed", "90 % attendance but the required exam (s10) was missed: TELAH MENGIKUTI.",
  req(course(sess=REQ1), marks("p1", H(9) + ["alpha"])),
  ok([dec("p1", "telah_mengikuti", 9, 10, (9, 10), 90, [MET, {"code": "attendance.required_missed", "params": {"session": "s10", "title": "Materi 10"}}])]))
V("required-attended-late", "A required session attended late is attended.",
  req(course(sess=REQ1), marks("p1", ["alpha"] + H(8) + ["terlambat"])),
  ok([dec("p1", "lulus", 9, 10, (9, 10), 90, [MET])]))
V("required-izin-present-not-attended", "izin counted as present gives credit but is not attendance: a required session excused this way is still missed.",
  req(course(sess=REQ1), marks("p1", H(9) + ["izin"]), policy={"izin": "present"}),
  ok([dec("p1", "telah_mengikuti", 10, 10, (1, 1), 100, [MET, "attendance.required_missed"])]))
V("required-by-policy", "The policy can make sessions required: s1 (opening) is required and missed.",
  req(course(), marks("p1", ["alpha"] + H(9)), policy={"required_sessions": ["s1"]}),
  ok([dec("p1", "telah_mengikuti", 9, 10, (9, 10), 90, [MET, "attendance.required_missed"])]))
V("required-by-policy-unknown", "A required session that the course does not have is an error in the policy.",
  req(course(2), marks("p1", H(2)), policy={"required_sessions": ["s9"]}), fail("policy.unknown_session"))

# ---------------------------------------------------------------- enrolment
TWO_DAYS = sessions(5, date="2025-07-17") + sessions(5, date="2025-07-18", prefix="t")
LATE_P = {"id": "p1", "name": "Peserta Susulan", "enrolled_on": "2025-07-18"}
V("enrolment-after-start", "Enrolled on day 2 of a two-day course: day-1 sessions are not applicable; 5 of 5 on day 2.",
  req(course(sess=TWO_DAYS, participants=[LATE_P]), marks("p1", H(5), prefix="t")),
  ok([dec("p1", "lulus", 5, 5, (1, 1), 100, [MET], trace=[{"session": f"s{i}", "result": "not_applicable"} for i in range(1, 6)] +
      [{"session": f"t{i}", "result": "counted"} for i in range(1, 6)])]))
V("enrolment-mark-before", "A mark for a session before the enrolment is not counted, and a warning says so.",
  req(course(sess=TWO_DAYS, participants=[LATE_P]), marks("p1", ["alpha"], prefix="s") + marks("p1", H(4) + ["alpha"], prefix="t")),
  ok([dec("p1", "telah_mengikuti", 4, 5, (4, 5), 80, [BELOW])], warnings=["attendance.mark_not_applicable"]))
V("enrolment-after-end", "Enrolled after the last session: nothing applies and nothing was attended: no document.",
  req(course(2, participants=[{"id": "p1", "name": "X", "enrolled_on": "2025-08-01"}]), []),
  ok([dec("p1", "no_document", 0, 0, "null", None, ["attendance.no_applicable_sessions", "attendance.never_attended"])]))

# ---------------------------------------------------------------- withdrawal
GONE_P = {"id": "p1", "name": "Peserta Mundur", "withdrawn_on": "2025-07-17"}
V("withdrawal-after-day-one", "Withdrew on day 1 of a two-day course: day-2 sessions are not applicable, so 5 of 5 on day 1 is 100 % of what applied, but a participant who withdrew does not meet the requirements: TELAH MENGIKUTI, the reasons say both.",
  req(course(sess=TWO_DAYS, participants=[GONE_P]), marks("p1", H(5))),
  ok([dec("p1", "telah_mengikuti", 5, 5, (1, 1), 100, [MET, "attendance.withdrawn"], trace=[{"session": f"s{i}", "result": "counted"} for i in range(1, 6)] +
      [{"session": f"t{i}", "result": "not_applicable"} for i in range(1, 6)])]))
V("withdrawal-mark-after", "A mark for a session after the withdrawal is not counted, and a warning says so; the reason gives the date.",
  req(course(sess=TWO_DAYS, participants=[GONE_P]), marks("p1", H(5)) + marks("p1", ["hadir"], prefix="t")),
  ok([dec("p1", "telah_mengikuti", 5, 5, reasons=[MET, {"code": "attendance.withdrawn", "params": {"on": "2025-07-17"}, "message": {"id": "Mengundurkan diri pada 2025-07-17", "en": "Withdrew on 2025-07-17"}}])],
     warnings=["attendance.mark_not_applicable"]))
V("withdrawal-projection-final", "As of day 2 the sessions still to come are all after the withdrawal: nothing is pending for p1, the decision is final.",
  req(course(sess=TWO_DAYS, participants=[GONE_P]), marks("p1", H(5)), as_of="2025-07-18T08:00:00+08:00"),
  ok([dec("p1", "telah_mengikuti", 5, 5, reasons=[MET, "attendance.withdrawn"])]))

# ---------------------------------------------------------------- classroom and e-learning
def e_learning(sess, ids):
    return [dict(x, delivery="e_learning") if x["id"] in ids else x for x in sess]
BLENDED = e_learning(sessions(10), {"s7", "s8", "s9", "s10"})  # s1-s6 classroom, s7-s10 e-learning
BLEND_POL = {"minimum_percent": 80, "delivery_minimums": {"classroom": 90, "e_learning": 75}}
DMET = lambda d, p, m: {"code": "attendance.delivery_minimum_met", "params": {"delivery": d, "percent": str(p), "minimum": str(m)}}
DBELOW = lambda d, p, m: {"code": "attendance.delivery_below_minimum", "params": {"delivery": d, "percent": str(p), "minimum": str(m)}}
V("delivery-e-learning-below", "Six classroom sessions (s1-s6) and four e-learning (s7-s10); minimum 80 % overall, 90 % classroom, 75 % e-learning. p1 attends all 6 classroom and 2 of 4 e-learning: 8/10 = 80 % meets the overall minimum and 6/6 = 100 % the classroom one, but 2/4 = 50 % < 75 %: TELAH MENGIKUTI. p2 attends 5 classroom and all 4 e-learning: 9/10 = 90 %, e-learning 100 %, classroom 5/6 = 83.33 % < 90 %: TELAH MENGIKUTI. p3 attends 6 classroom and 3 e-learning: 9/10, 100 % and 3/4 = 75 % (at the minimum): LULUS.",
  req(course(sess=BLENDED, participants=("p1", "p2", "p3")),
      marks("p1", H(6) + ["hadir", "hadir", "alpha", "alpha"]) + marks("p2", H(5) + ["alpha"] + H(4)) + marks("p3", H(6) + H(3) + ["alpha"]), policy=BLEND_POL),
  ok([dec("p1", "telah_mengikuti", 8, 10, (4, 5), 80, [MET, DMET("classroom", 100, 90), DBELOW("e_learning", 50, 75)],
          attendance={"by_delivery": [{"delivery": "classroom", "attended": 6, "total": 6, "percent": 100, "minimum_percent": 90, "meets_minimum": True},
                                      {"delivery": "e_learning", "attended": 2, "total": 4, "percent": 50, "minimum_percent": 75, "meets_minimum": False}]}),
      dec("p2", "telah_mengikuti", 9, 10, (9, 10), 90, [MET, DBELOW("classroom", 83.33, 90), DMET("e_learning", 100, 75)]),
      dec("p3", "lulus", 9, 10, (9, 10), 90, [MET, DMET("classroom", 100, 90), DMET("e_learning", 75, 75)])]))
V("delivery-jp-measure", "Measure JP: four 2-JP classroom sessions (8 JP) and four 1-JP e-learning sessions (4 JP), minimum 75 %, e-learning 50 %, no classroom minimum. p1 attends every classroom session and one e-learning: 9/12 JP = 75 % meets the minimum, but e-learning 1/4 JP = 25 % < 50 %: TELAH MENGIKUTI; the classroom part has no minimum, so no classroom reason. p2 attends three classroom and all e-learning: 6 + 4 = 10/12 = 83.33 %, e-learning 100 %: LULUS.",
  req(course(sess=e_learning(sessions(8, jps=[2, 2, 2, 2, 1, 1, 1, 1]), {"s5", "s6", "s7", "s8"}), participants=("p1", "p2")),
      marks("p1", H(4) + ["hadir", "alpha", "alpha", "alpha"]) + marks("p2", H(3) + ["alpha"] + H(4)),
      policy={"measure": "jp", "minimum_percent": 75, "delivery_minimums": {"e_learning": 50}}),
  ok([dec("p1", "telah_mengikuti", 9, 12, (3, 4), 75, [MET, DBELOW("e_learning", 25, 50)],
          attendance={"by_delivery": [{"delivery": "classroom", "attended": 8, "total": 8, "minimum_percent": None, "meets_minimum": True},
                                      {"delivery": "e_learning", "attended": 1, "total": 4, "percent": 25}]}),
      dec("p2", "lulus", 10, 12, (5, 6), 83.33, [MET, DMET("e_learning", 100, 50)])]))
V("delivery-figures-without-minimums", "A course with e-learning sessions and no minimum per kind: the decision still shows both parts (5/6 classroom, 3/4 e-learning; 8/10 = 80 % < 90 %: TELAH MENGIKUTI), and no reason is about them.",
  req(course(sess=BLENDED), marks("p1", H(5) + ["alpha"] + H(3) + ["alpha"])),
  ok([dec("p1", "telah_mengikuti", 8, 10, (4, 5), 80, [BELOW],
          attendance={"by_delivery": [{"delivery": "classroom", "attended": 5, "total": 6}, {"delivery": "e_learning", "attended": 3, "total": 4, "percent": 75}]})]))
V("delivery-drop-lowest", "Drop-lowest 1 with minimums per kind: p1 missed one classroom session (s2) and one e-learning (s8). Drop-lowest forgives the earlier of the two, s2, in the overall percentage: 8/9 = 88.88 % >= 80 %. The minimums per kind count every session of the kind: e-learning 3/4 = 75 % meets 75 %, but classroom 5/6 = 83.33 % < 90 %: TELAH MENGIKUTI.",
  req(course(sess=BLENDED), marks("p1", ["hadir", "alpha"] + H(4) + ["hadir", "alpha", "hadir", "hadir"]), policy=dict(BLEND_POL, drop_lowest=1)),
  ok([dec("p1", "telah_mengikuti", 8, 9, (8, 9), 88.88, [MET, DBELOW("classroom", 83.33, 90), DMET("e_learning", 75, 75)],
          attendance={"by_delivery": [{"delivery": "classroom", "attended": 5, "total": 6}, {"delivery": "e_learning", "attended": 3, "total": 4}]})]))
V("delivery-minimum-invalid", "A minimum per kind above 100 is refused, naming the field.",
  req(course(sess=BLENDED), [], policy={"delivery_minimums": {"e_learning": 101}}),
  {"type": "failure", "errors": [{"code": "policy.invalid_percent", "details": {"field": "delivery_minimums.e_learning", "value": "101"}}]})
V("delivery-minimum-unknown-kind", "A kind that is neither classroom nor e-learning is refused, not ignored.",
  req(course(sess=BLENDED), [], policy={"delivery_minimums": {"online": 50}}), fail("request.invalid_shape"))
V("delivery-projection-two-queues", "Four sessions: s1 classroom 08:00, s2 e-learning 08:45, s3 classroom 09:30, s4 e-learning 10:15 WITA; minimum 50 %, classroom 50 %, e-learning 100 %. As of 08:45 p1 attended s1. Both e-learning sessions must be attended (100 %), and then s1, s2, s4 = 3/4 = 75 % and classroom 1/2 = 50 % suffice: 2 of the 3 remaining (s2 and s4), not the earliest two; s3 may be missed. Missing s2 fails the e-learning minimum, so no session before the deadline may be missed (none is the last missable).",
  req(course(sess=e_learning(sessions(4), {"s2", "s4"})), marks("p1", ["hadir"]),
      policy={"minimum_percent": 50, "delivery_minimums": {"classroom": 50, "e_learning": 100}}, as_of="2025-07-17T08:45:00+08:00"),
  {"type": "success", "projections": [{"participant": "p1", "outcome": "pending",
      "projection": {"state": "reachable", "remaining_sessions": 3, "needed_sessions": 2, "allowed_absences": 1, "at_risk": False, "last_missable": None}}]}, op="project")
V("delivery-projection-unreachable", "The same course, p1 missed s1 and e-learning must be 100 %, classroom 100 %: s1 is lost, classroom 1/2 at best: out of reach.",
  req(course(sess=e_learning(sessions(4), {"s2", "s4"})), marks("p1", ["alpha"]),
      policy={"minimum_percent": 50, "delivery_minimums": {"classroom": 100, "e_learning": 100}}, as_of="2025-07-17T08:45:00+08:00"),
  {"type": "success", "projections": [{"participant": "p1", "projection": {"state": "unreachable", "needed_sessions": None}}]}, op="project")
V("delivery-course-jp", "check_course lists e-learning sessions with their delivery; classroom is the default and is not written.",
  {"course": course(sess=e_learning(sessions(3, jps=[2, 2, 1]), {"s3"}))},
  ok(None, None, total_jp=5, sessions=[{"id": "s1", "jp": 2}, {"id": "s2", "jp": 2}, {"id": "s3", "jp": 1, "delivery": "e_learning"}]), op="check_course")

# ---------------------------------------------------------------- assessment
LATSAR = {"assessment": {"preset": "latsar"}}
def scored(score, pol=None, n=10, att=None):
    r = req(course(n), marks("p1", att or H(n)), policy=pol or LATSAR)
    if score is not None:
        r["scores"] = [{"participant": "p1", "score": score}]
    return r
QUAL = lambda q: {"code": "assessment.qualification", "params": {"qualification": q}}
V("assessment-memuaskan", "Latsar preset: score 85 passes (>= 70.01) with Memuaskan.",
  scored(85), ok([dec("p1", "lulus", reasons=[MET, "assessment.passed", QUAL("Memuaskan")], qualification="Memuaskan", score=85)]))
WEIGHTS = {"assessment": {"preset": "latsar", "components": [{"name": "sikap", "weight": 20}, {"name": "pengetahuan", "weight": 40}, {"name": "proyek", "weight": 40}]}}
def weighted(components, pol=WEIGHTS):
    r = req(course(10), marks("p1", H(10)), policy=pol)
    r["scores"] = [{"participant": "p1", "components": components}]
    return r
V("assessment-weighted-components", "Attitude 20 %, knowledge 40 %, project 40 %: 80, 90 and 70 make 0.2*80 + 0.4*90 + 0.4*70 = 16 + 36 + 28 = 80: passes (>= 70.01), Cukup Memuaskan (below 80.01).",
  weighted({"sikap": 80, "pengetahuan": 90, "proyek": 70}),
  ok([dec("p1", "lulus", score=80, qualification="Cukup Memuaskan")]))
V("assessment-weighted-cut", "85.55, 77.77 and 91.11 make 17.11 + 31.108 + 36.444 = 84.662: the weighted score keeps its 4 decimals (Memuaskan).",
  weighted({"sikap": 85.55, "pengetahuan": 77.77, "proyek": 91.11}),
  ok([dec("p1", "lulus", score=84.662, qualification="Memuaskan")]))
V("assessment-weighted-missing", "A component without a score is refused, naming it.",
  weighted({"sikap": 80, "pengetahuan": 90}),
  {"type": "failure", "errors": [{"code": "assessment.invalid_components", "details": {"participant": "p1", "problem": "missing_component", "component": "proyek"}}]})
V("assessment-weighted-unknown", "A component the policy does not have is refused, not ignored.",
  weighted({"sikap": 80, "pengetahuan": 90, "proyek": 70, "olahraga": 100}),
  {"type": "failure", "errors": [{"code": "assessment.invalid_components", "details": {"problem": "unknown_component", "component": "olahraga"}}]})
V("assessment-weights-not-100", "Weights of 20 + 40 + 30 = 90 are refused.",
  weighted({"sikap": 80, "pengetahuan": 90, "proyek": 70}, pol={"assessment": {"components": [{"name": "sikap", "weight": 20}, {"name": "pengetahuan", "weight": 40}, {"name": "proyek", "weight": 30}]}}),
  {"type": "failure", "errors": [{"code": "policy.invalid_bands", "details": {"problem": "weights_not_100"}}]})
V("assessment-sangat-memuaskan", "Score 90.01 is Sangat Memuaskan; 90 would be Memuaskan.",
  scored(90.01), ok([dec("p1", "lulus", qualification="Sangat Memuaskan")]))
V("assessment-edge-90", "Score 90 is Memuaskan (Sangat Memuaskan starts at 90.01).",
  scored(90), ok([dec("p1", "lulus", qualification="Memuaskan")]))
V("assessment-cukup-edge", "Score 70.01 is the lowest pass: Cukup Memuaskan.",
  scored("70.01"), ok([dec("p1", "lulus", qualification="Cukup Memuaskan")]))
V("assessment-below", "Score 70 is below the passing 70.01: TELAH MENGIKUTI, no qualification.",
  scored(70), ok([dec("p1", "telah_mengikuti", reasons=[MET, {"code": "assessment.below_minimum", "params": {"score": "70", "minimum": "70.01"}}], qualification=None)]))
V("assessment-missing", "A scored course without a score for the participant: not LULUS.",
  scored(None), ok([dec("p1", "telah_mengikuti", reasons=[MET, "assessment.missing_score"])]))
V("assessment-attendance-fails", "A good score does not make up for attendance below the minimum.",
  scored(95, att=H(8) + ["alpha"] * 2), ok([dec("p1", "telah_mengikuti", 8, 10, reasons=[BELOW, "assessment.passed"], qualification=None)]))
V("assessment-custom-bands", "Another agency's cut-offs: A from 92.5, B from 85, C from 77.5, D from 70, E from 60, passing 77.5; score 84.99 is C.",
  scored(84.99, {"assessment": {"minimum_score": 77.5, "bands": [{"name": "B", "min_score": 85}, {"name": "A", "min_score": 92.5}, {"name": "C", "min_score": 77.5}, {"name": "D", "min_score": 70}, {"name": "E", "min_score": 60}]}}),
  ok([dec("p1", "lulus", qualification="C")]))
V("assessment-score-above-max", "A score above the maximum (100) is an error.",
  scored(100.5), fail("assessment.invalid_score"))
V("assessment-duplicate-score", "Two scores for one participant are an error.",
  dict(scored(80), scores=[{"participant": "p1", "score": 80}, {"participant": "p1", "score": 81}]), fail("assessment.duplicate_score"))
V("assessment-unknown-participant", "A score for someone not in the course is an error.",
  dict(scored(80), scores=[{"participant": "p2", "score": 80}]), fail("assessment.unknown_participant"))
V("assessment-bands-invalid", "A preset and explicit bands together are ambiguous: an error.",
  scored(80, {"assessment": {"preset": "latsar", "bands": [{"name": "A", "min_score": 90}]}}), fail("policy.invalid_bands"))

# ---------------------------------------------------------------- outcomes
V("outcome-met-unscored-telah-mengikuti", "A policy where an unscored course only ever gives TELAH MENGIKUTI.",
  req(course(), marks("p1", H(10)), policy={"outcomes": {"met_without_assessment": "telah_mengikuti"}}),
  ok([dec("p1", "telah_mengikuti", 10, 10, reasons=[MET])]))
V("outcome-not-met-no-document", "A policy where not meeting the requirements gives no document.",
  req(course(), marks("p1", H(8) + ["alpha"] * 2), policy={"outcomes": {"not_met": "no_document"}}),
  ok([dec("p1", "no_document", 8, 10, reasons=[BELOW])]))
V("outcome-document-floor", "A second floor at 50 %: 40 % gets no document, 60 % gets TELAH MENGIKUTI.",
  req(course(10, participants=("p1", "p2")), marks("p1", H(4) + ["alpha"] * 6) + marks("p2", H(6) + ["alpha"] * 4), policy={"outcomes": {"document_floor_percent": 50}}),
  ok([dec("p1", "no_document", 4, 10, reasons=[BELOW, {"code": "attendance.below_document_floor", "params": {"percent": "40", "floor": "50"}}]),
      dec("p2", "telah_mengikuti", 6, 10, reasons=[BELOW])], summary={"participants": 2, "lulus": 0, "telah_mengikuti": 1, "no_document": 1, "pending": 0}))
V("outcome-never-attended", "A participant who attended nothing gets no document by default.",
  req(course(3), marks("p1", ["alpha", "izin", None])),
  ok([dec("p1", "no_document", 0, 3, (0, 1), 0, [BELOW, "attendance.never_attended"])]))
V("outcome-never-attended-allowed", "With no_document_if_never_attended false, TELAH MENGIKUTI even at 0 %.",
  req(course(3), marks("p1", ["alpha"] * 3), policy={"outcomes": {"no_document_if_never_attended": False}}),
  ok([dec("p1", "telah_mengikuti", 0, 3, (0, 1), 0, [BELOW])]))
V("outcome-floor-above-minimum", "A document floor above the minimum is contradictory: an error.",
  req(course(1), [], policy={"minimum_percent": 80, "outcomes": {"document_floor_percent": 85}}), fail("policy.invalid_document_floor"))

# ---------------------------------------------------------------- minimum settings
V("minimum-fractional-87-5", "Minimum 87.5 %: 7 of 8 is exactly 87.5 %, met.",
  req(course(8), marks("p1", H(7) + ["alpha"]), policy={"minimum_percent": 87.5}),
  ok([dec("p1", "lulus", 7, 8, (7, 8), 87.5, [{"code": MET, "message": {"id": "Kehadiran 87,5% memenuhi syarat 87,5%", "en": "Attendance 87.5% meets the required 87.5%"}}])]))
V("minimum-80-vocational", "Minimum 80 % (vocational training regulation): 8 of 10 passes.",
  req(course(), marks("p1", H(8) + ["alpha"] * 2), policy={"minimum_percent": 80}),
  ok([dec("p1", "lulus", 8, 10, (4, 5), 80, [MET])]))
V("minimum-string-decimal", "The minimum may be a decimal string: \"66.67\"; 2 of 3 (66.666...) is below it.",
  req(course(3), marks("p1", ["hadir", "hadir", "alpha"]), policy={"minimum_percent": "66.67"}),
  ok([dec("p1", "telah_mengikuti", 2, 3, (2, 3), 66.66, [BELOW])]))
V("minimum-indonesian-comma", "A decimal typed the Indonesian way, \"87,5\", is 87.5: 7 of 8 meets it.",
  req(course(8), marks("p1", H(7) + ["tanpa keterangan"]), policy={"minimum_percent": "87,5"}),
  ok([dec("p1", "lulus", 7, 8, (7, 8), 87.5, [MET])]))
V("minimum-100", "Minimum 100 %: one late with partial credit 0.9 fails.",
  req(course(3), marks("p1", ["hadir", "hadir", "terlambat"]), policy={"minimum_percent": 100, "late": {"rule": "partial", "credit": 0.9}}),
  ok([dec("p1", "telah_mengikuti", 2.9, 3, (29, 30), 96.66, [BELOW])]))

# ---------------------------------------------------------------- projection
PROJ_COURSE = course(10)
V("projection-reachable", "As of 10:00 (s1-s2 held, s3 running), 1 of 2 held sessions attended: 8 remaining; 9 of 10 needed, so all 8 must be attended and none may be missed.",
  req(PROJ_COURSE, marks("p1", ["hadir", "alpha"]), as_of="2025-07-17T10:00:00+08:00"),
  ok([dec("p1", "pending", 1, 2, (1, 2), 50, [BELOW, {"code": "schedule.pending", "params": {"sessions": 8}}],
      projection={"state": "reachable", "remaining_sessions": 8, "remaining_units": 8, "needed_sessions": 8, "allowed_absences": 0, "percent_if_all_attended": 90, "percent_if_none_attended": 10})]))
V("projection-reachable-slack", "Minimum 50 %: after 2 of 2 held sessions, 3 of the 8 remaining are needed and 5 may be missed.",
  req(PROJ_COURSE, marks("p1", ["hadir", "hadir"]), policy={"minimum_percent": 50}, as_of="2025-07-17T09:30:00+08:00"),
  ok([dec("p1", "pending", projection={"state": "reachable", "needed_sessions": 3, "allowed_absences": 5, "percent_if_all_attended": 100, "percent_if_none_attended": 20})]))
V("projection-secured", "Minimum 50 %: 6 of 6 held sessions attended; the minimum is secured even if the 4 remaining are missed.",
  req(PROJ_COURSE, marks("p1", H(6)), policy={"minimum_percent": 50}, as_of="2025-07-17T12:30:00+08:00"),
  ok([dec("p1", "pending", projection={"state": "secured", "remaining_sessions": 4, "needed_sessions": 0, "allowed_absences": 4, "percent_if_none_attended": 60})]))
V("projection-unreachable", "2 of 3 held sessions missed: even attending all 7 remaining gives 80 %: out of reach.",
  req(PROJ_COURSE, marks("p1", ["alpha", "alpha", "hadir"]), as_of="2025-07-17T10:15:00+08:00"),
  ok([dec("p1", "pending", projection={"state": "unreachable", "remaining_sessions": 7, "needed_sessions": None, "allowed_absences": None, "percent_if_all_attended": 80})]))
V("projection-required-pending", "Minimum 50 % with a required last session: secured by percentage, but the required session must still be attended.",
  req(course(sess=REQ1), marks("p1", H(6)), policy={"minimum_percent": 50}, as_of="2025-07-17T12:30:00+08:00"),
  ok([dec("p1", "pending", projection={"state": "reachable", "needed_sessions": 1, "allowed_absences": 3})]))
V("projection-before-start", "Before the course starts every session is pending and the percentage is undefined.",
  req(course(4), [], as_of="2025-07-16T12:00:00+08:00"),
  ok([dec("p1", "pending", 0, 0, "null", None, ["attendance.no_applicable_sessions", "schedule.pending"],
      projection={"state": "reachable", "remaining_sessions": 4, "needed_sessions": 4, "allowed_absences": 0})]))
V("projection-after-end-is-final", "As of after the last session, nothing is pending: the decision is final and unmarked sessions are absent.",
  req(course(2), marks("p1", ["hadir"]), as_of="2025-07-18T00:00:00+08:00"),
  ok([dec("p1", "telah_mengikuti", 1, 2, reasons=[BELOW])]))
V("projection-op", "The project operation lists each participant's projection.",
  req(PROJ_COURSE, marks("p1", ["hadir", "alpha"]), as_of="2025-07-17T10:00:00+08:00"),
  {"type": "success", "projections": [{"participant": "p1", "outcome": "pending", "projection": {"state": "reachable", "needed_sessions": 8}}]}, op="project")
TWO_HOURS = [{"id": "s1", "start": "2025-07-17T08:00", "end": "2025-07-17T09:00"}, {"id": "s2", "start": "2025-07-17T09:00", "end": "2025-07-17T10:00"}]
V("projection-minutes-left-early", "Measure minutes, two 60-minute sessions, minimum 90 %. p1 checked in at 08:00 and out at 08:30 in s1; as of 09:15 s1 is over and s2 still to come. At best 30 + 60 = 90 of 120 minutes, 75 % < 90 %: unreachable, never 'reachable, 100 % if all attended'.",
  req(course(sess=TWO_HOURS), [TS("p1", "s1", "2025-07-17T08:00:00+08:00", "2025-07-17T08:30:00+08:00")],
      policy={"measure": "minutes", "minimum_percent": 90}, as_of="2025-07-17T09:15:00+08:00"),
  {"type": "success", "projections": [{"participant": "p1", "outcome": "pending",
      "projection": {"state": "unreachable", "remaining_sessions": 1, "needed_sessions": None, "allowed_absences": None,
                     "percent_if_all_attended": 75, "percent_if_none_attended": 25}}]}, op="project")
V("projection-minutes-reachable", "The same course at minimum 70 %: 30 + 60 = 90 of 120 minutes is 75 % >= 70 %, so s2 must be attended (1 of 1: at risk, no session may be missed); without it 30 of 120 is 25 %.",
  req(course(sess=TWO_HOURS), [TS("p1", "s1", "2025-07-17T08:00:00+08:00", "2025-07-17T08:30:00+08:00")],
      policy={"measure": "minutes", "minimum_percent": 70}, as_of="2025-07-17T09:15:00+08:00"),
  {"type": "success", "projections": [{"participant": "p1", "outcome": "pending",
      "projection": {"state": "reachable", "remaining_sessions": 1, "needed_sessions": 1, "allowed_absences": 0,
                     "percent_if_all_attended": 75, "percent_if_none_attended": 25,
                     "at_risk": True, "last_missable": None,
                     "message": {"id": "perlu hadir 1 dari 1 sesi lagi (berisiko)", "en": "must attend 1 of 1 remaining sessions (at risk)"}}}]}, op="project")
V("projection-at-risk-and-deadline", "Four 1-JP sessions (s1 08:00, s2 08:45, s3 09:30, s4 10:15 WITA), minimum 75 %, as of 08:45 after s1. p1 attended s1: 3 of 4 is enough, so 2 of the 3 left are needed and 1 may be missed; missing s2 and attending s3 and s4 still gives 3/4, so s2 (00:45Z) is the last session that may be missed; not at risk (1 may be missed, above the default 0). p2 missed s1: every remaining session must be attended (3/4 at best): at risk, and no session may be missed.",
  req(course(4, participants=("p1", "p2")), marks("p1", ["hadir"]) + marks("p2", ["alpha"]), policy={"minimum_percent": 75}, as_of="2025-07-17T08:45:00+08:00"),
  {"type": "success", "projections": [
      {"participant": "p1", "projection": {"state": "reachable", "needed_sessions": 2, "allowed_absences": 1, "at_risk": False,
                                           "last_missable": {"session": "s2", "start": "2025-07-17T00:45:00Z"}}},
      {"participant": "p2", "projection": {"state": "reachable", "needed_sessions": 3, "allowed_absences": 0, "at_risk": True, "last_missable": None}}]}, op="project")
V("projection-at-risk-threshold", "The same course with at_risk_absences 1: p1, who may miss only 1 of the 3 sessions left, is at risk too; the deadline moves to s3 only if 2 could be missed, so it stays s2.",
  req(course(4, participants=("p1", "p2")), marks("p1", ["hadir"]) + marks("p2", ["alpha"]), policy={"minimum_percent": 75, "at_risk_absences": 1}, as_of="2025-07-17T08:45:00+08:00"),
  {"type": "success", "projections": [
      {"participant": "p1", "projection": {"at_risk": True, "last_missable": {"session": "s2"}}},
      {"participant": "p2", "projection": {"at_risk": True}}]}, op="project")
V("projection-secured-not-at-risk", "Minimum 25 % and s1 attended: 1 of 4 already meets it, so the minimum is secured; a secured participant is never at risk and has no deadline.",
  req(course(4), marks("p1", ["hadir"]), policy={"minimum_percent": 25}, as_of="2025-07-17T08:45:00+08:00"),
  {"type": "success", "projections": [{"participant": "p1", "projection": {"state": "secured", "at_risk": False, "last_missable": None}}]}, op="project")
PRESENCE_MARKS = [TS("p1", "s1", "2025-07-17T08:00:00+08:00", "2025-07-17T08:50:00+08:00"), TS("p1", "s2", "2025-07-17T09:00:00+08:00", "2025-07-17T09:30:00+08:00")]
V("presence-minimum-per-session", "Measure sessions, two 60-minute sessions, check_in.minimum_presence_percent 75 (45 minutes of 60). p1 was in s1 for 50 minutes (hadir) and in s2 for 30 (under 45: absent): 1 of 2 = 50 % < 90 %, TELAH MENGIKUTI; the trace keeps the 30 minutes and says why.",
  req(course(sess=TWO_HOURS), PRESENCE_MARKS, policy={"check_in": {"minimum_presence_percent": 75}}),
  ok([dec("p1", "telah_mengikuti", 1, 2, (1, 2), 50, [BELOW], trace=[
      {"session": "s1", "status": "hadir", "result": "counted", "minutes_present": 50},
      {"session": "s2", "status": "alpha", "result": "counted", "earned": 0, "minutes_present": 30, "note": "presence_below_minimum"}])]))
V("presence-any-by-default", "The same marks without the setting: any presence counts, 2 of 2 = 100 %, LULUS.",
  req(course(sess=TWO_HOURS), PRESENCE_MARKS),
  ok([dec("p1", "lulus", 2, 2, (1, 1), 100, [MET])]))
V("presence-minimum-at-the-edge", "Exactly 75 % (45 of 60 minutes) meets a 75 % minimum presence: hadir.",
  req(course(sess=TWO_HOURS[:1]), [TS("p1", "s1", "2025-07-17T08:00:00+08:00", "2025-07-17T08:45:00+08:00")], policy={"check_in": {"minimum_presence_percent": 75}}),
  ok([dec("p1", "lulus", 1, 1, (1, 1), 100, [MET])]))
V("presence-minimum-invalid", "A minimum presence above 100 % is refused.",
  req(course(sess=TWO_HOURS), PRESENCE_MARKS, policy={"check_in": {"minimum_presence_percent": 120}}), fail("policy.invalid_percent"))
V("projection-invalid-as-of", "as_of must carry an offset.",
  req(course(1), [], as_of="2025-07-17 10:00"), fail("request.invalid_as_of"))

# ---------------------------------------------------------------- zones and DST
NY = lambda start, end, jp=None: {"course": course(zone="America/New_York", sess=[dict({"id": "d1", "start": start, "end": end}, **({"jp": jp} if jp else {}))], jp_minutes=60)}
V("dst-spring-forward-duration", "New York, 2025-03-09 01:00 to 04:00 local spans the spring-forward gap: 2 hours elapsed, 2 JP of 60 minutes.",
  NY("2025-03-09T01:00", "2025-03-09T04:00"),
  ok(None, None, sessions=[{"id": "d1", "start": "2025-03-09T06:00:00Z", "end": "2025-03-09T08:00:00Z", "minutes": 120, "jp": 2}]), op="check_course")
V("dst-fall-back-duration", "Berlin, 2025-10-26 01:30 to 03:30 local spans the fall-back fold: 3 hours elapsed.",
  {"course": course(zone="Europe/Berlin", sess=[{"id": "d1", "start": "2025-10-26T01:30", "end": "2025-10-26T03:30", "jp": 4}])},
  ok(None, None, sessions=[{"id": "d1", "start": "2025-10-25T23:30:00Z", "end": "2025-10-26T02:30:00Z", "minutes": 180, "jp": 4}]), op="check_course")
V("dst-nonexistent-local-time", "02:30 on 2025-03-09 does not exist in New York: an error, not a guess.",
  NY("2025-03-09T02:30", "2025-03-09T04:00"), fail("schedule.nonexistent_local_time"), op="check_course")
V("dst-ambiguous-local-time", "01:30 on 2025-11-02 happens twice in New York: an error, not a guess.",
  NY("2025-11-02T01:30", "2025-11-02T03:00"), fail("schedule.ambiguous_local_time"), op="check_course")
V("dst-ambiguous-resolved-by-offset", "The offset -05:00 chooses the second 01:30 (after the fall back).",
  NY("2025-11-02T01:30-05:00", "2025-11-02T03:00"),
  ok(None, None, sessions=[{"id": "d1", "start": "2025-11-02T06:30:00Z", "end": "2025-11-02T08:00:00Z", "minutes": 90}]), op="check_course")
V("dst-offset-mismatch", "An offset the zone does not have at that time is an error (New York is -04:00 in July).",
  NY("2025-07-02T09:00-05:00", "2025-07-02T10:00"), fail("schedule.offset_mismatch"), op="check_course")
V("dst-evaluate-across-gap", "Evaluation in a DST zone: a session across the spring-forward gap (2 real hours), checked in at 01:10 EST (06:10Z), is hadir with 110 of 120 minutes present: 91.66 %, met. A clock-face reading (3 hours) would give 170 of 180.",
  req(course(zone="America/New_York", sess=[{"id": "d1", "start": "2025-03-09T01:00", "end": "2025-03-09T04:00", "jp": 2}]),
      [TS("p1", "d1", "2025-03-09T01:10:00-05:00")], policy={"measure": "minutes"}),
  ok([dec("p1", "lulus", 110, 120, (11, 12), 91.66, [MET], trace=[{"session": "d1", "status": "hadir", "minutes_present": 110}])]))
V("zone-wita-alias", "WITA is accepted and stored as Asia/Makassar (UTC+8, no DST).",
  {"course": course(zone="WITA", sess=sessions(1))},
  ok(None, None, time_zone="Asia/Makassar", sessions=[{"id": "s1", "start": "2025-07-17T00:00:00Z"}]), op="check_course")
V("zone-wit-jayapura", "WIT (Asia/Jayapura) is UTC+9.",
  {"course": course(zone="Asia/Jayapura", sess=sessions(1))},
  ok(None, None, sessions=[{"id": "s1", "start": "2025-07-16T23:00:00Z"}]), op="check_course")
V("zone-invalid", "An unknown zone name is an error.",
  {"course": course(zone="Asia/Samarinda")}, fail("course.invalid_time_zone"), op="check_course")

# ---------------------------------------------------------------- course errors, recurrences
V("course-duplicate-session", "Two sessions with one id.",
  {"course": course(sess=sessions(2) + sessions(1))}, fail("course.duplicate_session"), op="check_course")
V("course-duplicate-participant", "Two participants with one id.",
  {"course": course(1, participants=("p1", "p1"))}, fail("course.duplicate_participant"), op="check_course")
V("course-empty-id", "An empty session id.",
  {"course": course(sess=[{"id": "", "start": "2025-07-17T08:00", "end": "2025-07-17T09:00"}])}, fail("course.empty_id"), op="check_course")
V("course-end-before-start", "A session ending before it starts.",
  {"course": course(sess=[{"id": "x", "start": "2025-07-17T10:00", "end": "2025-07-17T09:00"}])}, fail("schedule.end_not_after_start"), op="check_course")
V("course-invalid-local-time", "A start that is not a date-time.",
  {"course": course(sess=[{"id": "x", "start": "17/07/2025 08:00", "end": "2025-07-17T09:00"}])}, fail("schedule.invalid_local_time"), op="check_course")
V("course-invalid-jp-minutes", "A JP of 0 minutes.",
  {"course": course(1, jp_minutes=0)}, fail("course.invalid_jp_minutes"), op="check_course")
V("course-errors-collected", "Every course error is reported.",
  {"course": course(sess=[{"id": "x", "start": "2025-07-17T10:00", "end": "2025-07-17T09:00"}, {"id": "y", "start": "bad", "end": "2025-07-17T09:00"}], jp_minutes=0)},
  fail("course.invalid_jp_minutes", "schedule.end_not_after_start", "schedule.invalid_local_time"), op="check_course")
REC = {"id_prefix": "m", "title": "Modul", "weekdays": ["mon", "wed"], "from": "2025-07-14", "start_time": "08:00", "end_time": "09:30", "count": 4}
V("recurrence-count", "Mondays and Wednesdays from Monday 2025-07-14, four times: 14, 16, 21 and 23 July, 2 JP each (derived).",
  {"course": course(sess=[], recurrences=[REC])},
  ok(None, None, total_jp=8, sessions=[{"id": "m1", "start": "2025-07-14T00:00:00Z", "jp": 2}, {"id": "m2", "start": "2025-07-16T00:00:00Z"},
                                       {"id": "m3", "start": "2025-07-21T00:00:00Z"}, {"id": "m4", "start": "2025-07-23T00:00:00Z"}]), op="check_course")
V("recurrence-until", "Fridays from 2025-07-14 until 2025-07-31: 18 and 25 July.",
  {"course": course(sess=[], recurrences=[dict(REC, weekdays=["fri"], count=None, until="2025-07-31")])},
  ok(None, None, sessions=[{"id": "m1", "start": "2025-07-18T00:00:00Z"}, {"id": "m2", "start": "2025-07-25T00:00:00Z"}]), op="check_course")
V("recurrence-evaluate", "A recurring course evaluated: 3 of 4 generated sessions attended, minimum 75.",
  req(course(sess=[], recurrences=[REC]), marks("p1", ["hadir", "alpha", "hadir", "hadir"], prefix="m"), policy={"minimum_percent": 75}),
  ok([dec("p1", "lulus", 3, 4, (3, 4), 75, [MET])]))
V("recurrence-except-holiday", "Mondays and Wednesdays from 2025-07-14, four sessions, except Wednesday 16 July (a holiday): the count is of sessions held, so 14, 21, 23 and 28 July, numbered m1..m4 in order; each takes its title from the list, the last (past the list) the recurrence's title.",
  {"course": course(sess=[], recurrences=[dict(REC, **{"except": ["2025-07-16"], "titles": ["Kebijakan", "Etika", "Inovasi"]})])},
  ok(None, None, total_jp=8, sessions=[{"id": "m1", "start": "2025-07-14T00:00:00Z", "title": "Kebijakan"}, {"id": "m2", "start": "2025-07-21T00:00:00Z", "title": "Etika"},
                                       {"id": "m3", "start": "2025-07-23T00:00:00Z", "title": "Inovasi"}, {"id": "m4", "start": "2025-07-28T00:00:00Z", "title": "Modul"}]), op="check_course")
V("recurrence-except-until", "Fridays from 2025-07-14 until 2025-07-31 except 25 July (cuti bersama): only 18 July.",
  {"course": course(sess=[], recurrences=[dict(REC, weekdays=["fri"], count=None, until="2025-07-31", **{"except": ["2025-07-25"]})])},
  ok(None, None, sessions=[{"id": "m1", "start": "2025-07-18T00:00:00Z"}]), op="check_course")
V("recurrence-except-not-a-session-day", "An exception on Tuesday 15 July, a day the Monday/Wednesday recurrence never meets, is a mistake: refused, not ignored.",
  {"course": course(sess=[], recurrences=[dict(REC, **{"except": ["2025-07-15"]})])},
  {"type": "failure", "errors": [{"code": "schedule.invalid_recurrence", "details": {"recurrence": "m", "problem": "exception_not_in_recurrence"}}]}, op="check_course")
V("recurrence-too-many-titles", "Five titles for four sessions: refused.",
  {"course": course(sess=[], recurrences=[dict(REC, titles=["a", "b", "c", "d", "e"])])},
  {"type": "failure", "errors": [{"code": "schedule.invalid_recurrence", "details": {"recurrence": "m", "problem": "more_titles_than_sessions"}}]}, op="check_course")
V("recurrence-invalid", "A recurrence with both count and until is refused.",
  {"course": course(sess=[], recurrences=[dict(REC, until="2025-07-31")])}, fail("schedule.invalid_recurrence"), op="check_course")

# ---------------------------------------------------------------- identity
V("identity-nip-valid-printed-form", "A NIP in its printed form (8-6-1-3 with spaces) is accepted and stored as 18 digits.",
  req(course(1, participants=[{"id": "p1", "name": "A", "nip": "19850312 201001 1 004"}]), marks("p1", H(1))),
  ok([dec("p1", "lulus", nip="198503122010011004")]))
V("identity-nip-pppk", "A PPPK number (year 2022, code 21) is a valid NIP.",
  req(course(1, participants=[{"id": "p1", "name": "A", "nip": "199001012022212001"}]), marks("p1", H(1))),
  ok([dec("p1", "lulus", nip="199001012022212001")]))
V("identity-nip-invalid-date", "A NIP whose birth date is 30 February is invalid.",
  req(course(1, participants=[{"id": "p1", "name": "A", "nip": "198502302010011004"}]), []), fail("identity.invalid_nip"))
V("identity-nip-invalid-length", "A 9-digit (old) NIP is not accepted as a NIP.",
  req(course(1, participants=[{"id": "p1", "name": "A", "nip": "131234567"}]), []), fail("identity.invalid_nip"))
V("identity-nip-invalid-gender", "Digit 15 must be 1 or 2.",
  req(course(1, participants=[{"id": "p1", "name": "A", "nip": "198503122010013004"}]), []), fail("identity.invalid_nip"))
V("identity-nik-stands-in", "A participant without a NIP may have a NIK (16 digits).",
  req(course(1, participants=[{"id": "p1", "name": "Anggota DPRD", "nik": "6472015203850001"}]), marks("p1", H(1))),
  ok([dec("p1", "lulus")]))
V("identity-nik-invalid", "A NIK with an impossible birth date is invalid.",
  req(course(1, participants=[{"id": "p1", "name": "A", "nik": "6472013213850001"}]), []), fail("identity.invalid_nik"))

V("identity-errors-collected", "Every invalid NIP and NIK is reported, each with its rule as a reason code: a 30 February birth date, a 4-digit NIP, a NIK with month 13.",
  req(course(1, participants=[{"id": "p1", "name": "A", "nip": "198502302010011004"}, {"id": "p2", "name": "B", "nip": "1985"},
                              {"id": "p3", "name": "C", "nik": "6472013213850001"}]), []),
  {"type": "failure", "errors": [
      {"code": "identity.invalid_nip", "details": {"value": "198502302010011004", "problem": "birth_date"},
       "messages": {"id": "NIP `198502302010011004` tidak valid: digit 1-8 harus tanggal lahir yang ada (YYYYMMDD)"}},
      {"code": "identity.invalid_nip", "details": {"value": "1985", "problem": "nip_length"}},
      {"code": "identity.invalid_nik", "details": {"value": "6472013213850001", "problem": "nik_birth_date"}}]})
V("identity-nip-pppk-code-zero", "Digits 13-14 of 00 are neither a month (PNS) nor a PPPK code.",
  req(course(1, participants=[{"id": "p1", "name": "A", "nip": "198503122010001004"}]), []),
  {"type": "failure", "errors": [{"code": "identity.invalid_nip", "details": {"problem": "start_code"}}]})

# ---------------------------------------------------------------- empty inputs
V("empty-course-no-sessions", "A course with no sessions: nothing to count, nothing attended: no document.",
  req(course(0), []), ok([dec("p1", "no_document", 0, 0, "null", None, ["attendance.no_applicable_sessions", "attendance.never_attended"])]))
V("empty-course-no-participants", "A course with no participants: no decisions.",
  req(course(3, participants=()), []), ok([], summary={"participants": 0, "lulus": 0, "telah_mengikuti": 0, "no_document": 0, "pending": 0}))

# ---------------------------------------------------------------- policy errors
V("policy-unsupported-version", "Policy version 2 is not known to this library.",
  req(course(1), [], policy={"version": 2}), fail("policy.unsupported_version"))
V("policy-invalid-percent", "A minimum of 101 %.",
  req(course(1), [], policy={"minimum_percent": 101}), fail("policy.invalid_percent"))
V("policy-invalid-credit", "A late credit of 1.5.",
  req(course(1), [], policy={"late": {"rule": "partial", "credit": 1.5}}), fail("policy.invalid_credit"))
V("policy-invalid-late-rule", "Zero lates per absence.",
  req(course(1), [], policy={"late": {"rule": "per_absence", "lates": 0}}), fail("policy.invalid_late_rule"))
V("policy-invalid-grace", "A grace of 121 minutes (allowed 0 to 120).",
  req(course(1), [], policy={"check_in": {"grace_minutes": 121}}), fail("policy.invalid_window"))
V("policy-invalid-status", "A policy status that redefines a built-in word.",
  req(course(1), [], policy={"statuses": [{"code": "Hadir", "credit": 0.5}]}), fail("policy.invalid_status"))
V("policy-too-precise-decimal", "Decimals carry at most four fractional digits.",
  req(course(1), [], policy={"minimum_percent": 90.00001}), fail("request.invalid_decimal"))
V("policy-unknown-field", "Unknown fields are refused, so a misspelt setting never goes unnoticed.",
  req(course(1), [], policy={"minimun_percent": 80}), fail("request.invalid_shape"))
V("policy-errors-collected", "Every policy error is reported.",
  req(course(1), [], policy={"version": 3, "minimum_percent": 120, "late": {"rule": "per_absence", "lates": 0}}),
  fail("policy.unsupported_version", "policy.invalid_percent", "policy.invalid_late_rule"))

# ---------------------------------------------------------------- requests
VECTORS.append(("request-invalid-json", {"description": "Text that is not JSON.", "operation": "evaluate",
    "input_text": "{\"course\": {", "expect": fail("request.invalid_json")}))
VECTORS.append(("request-array", {"description": "A request is a JSON object: an array is not read positionally in its place.", "operation": "ledger",
    "input_text": "[]", "expect": fail("request.invalid_shape")}))
V("request-missing-course", "A request without a course.", {"attendance": []}, fail("request.invalid_shape"))
V("request-one-participant", "evaluate_participant returns one decision.",
  req(course(10, participants=("p1", "p2")), marks("p1", H(10)) + marks("p2", H(5)), participant="p2"),
  {"type": "success", "decision": dec("p2", "telah_mengikuti", 5, 10, (1, 2), 50, [BELOW]), "warnings": []}, op="evaluate_participant")
V("request-unknown-participant", "evaluate_participant for someone not in the course.",
  req(course(1), [], participant="p7"), fail("request.unknown_participant"), op="evaluate_participant")
V("request-order-of-marks", "Marks in any order give the same decisions (shuffled input).",
  req(course(4, participants=("p1", "p2")), list(reversed(marks("p1", ["hadir", "alpha", "hadir", "hadir"]) + marks("p2", H(4)))), policy={"minimum_percent": 75}),
  ok([dec("p1", "lulus", 3, 4), dec("p2", "lulus", 4, 4)]))

# ---------------------------------------------------------------- ledger
N1, N2 = "198503122010011004", "199001012022212001"
V("ledger-entries", "Two employees: 8 + 16 JP in 2025 meets 20 JP; 12 JP falls 8 short; a 2024 course counts for 2024.",
  {"entries": [{"nip": N1, "course": "a", "completed_on": "2025-03-01", "jp": 8}, {"nip": N1, "course": "b", "completed_on": "2025-09-30", "jp": 16},
               {"nip": N2, "course": "a", "completed_on": "2025-03-01", "jp": 12}, {"nip": N2, "course": "z", "completed_on": "2024-12-31", "jp": 30}]},
  {"type": "success", "rows": [
      {"nip": N1, "year": 2025, "jp": 24, "courses": ["a", "b"], "obligation_jp": 20, "met": True, "shortfall_jp": 0},
      {"nip": N2, "year": 2024, "jp": 30, "courses": ["z"], "met": True, "shortfall_jp": 0},
      {"nip": N2, "year": 2025, "jp": 12, "courses": ["a"], "met": False, "shortfall_jp": 8}]}, op="ledger")
V("ledger-from-courses", "A course's LULUS participants are credited its total JP (10) in the year it ends; TELAH MENGIKUTI earns nothing.",
  {"courses": [req(course(10, participants=[{"id": "p1", "name": "A", "nip": N1}, {"id": "p2", "name": "B", "nip": N2}]), marks("p1", H(10)) + marks("p2", H(5)))],
   "entries": [{"nip": N1, "course": "earlier", "completed_on": "2025-02-01", "jp": 12}], "obligation_jp": 20},
  {"type": "success", "rows": [{"nip": N1, "year": 2025, "jp": 22, "courses": ["c1", "earlier"], "met": True}]}, op="ledger")
NIK = "6472010101900001"
LEDGER_COURSE = course(10, participants=[{"id": "p1", "name": "A", "nip": N1}, {"id": "p2", "name": "B", "nip": N2}, {"id": "p3", "name": "C", "nik": NIK}])
LEDGER_MARKS = marks("p1", H(10)) + marks("p2", H(5)) + marks("p3", H(10))
V("ledger-uncounted-nik", "p1 (NIP) and p3 (a NIK only) are LULUS with 10 of 10; p2 is TELAH MENGIKUTI with 5. Only p1 is credited its 10 JP; p3 earned them but the ledger is kept by NIP, so p3 is reported as uncounted (no_nip), not dropped.",
  {"courses": [req(LEDGER_COURSE, LEDGER_MARKS)]},
  {"type": "success", "rows": [{"nip": N1, "year": 2025, "jp": 10, "courses": ["c1"], "met": False, "shortfall_jp": 10}],
   "uncounted": [{"course": "c1", "participant": "p3", "outcome": "lulus", "reason": "no_nip"}]}, op="ledger")
V("ledger-earning-outcomes", "earning_outcomes [lulus, telah_mengikuti]: p2 (TELAH MENGIKUTI) is credited the course's 10 JP as well.",
  {"courses": [req(LEDGER_COURSE, LEDGER_MARKS)], "earning_outcomes": ["lulus", "telah_mengikuti"]},
  {"type": "success", "rows": [{"nip": N1, "year": 2025, "jp": 10}, {"nip": N2, "year": 2025, "jp": 10}],
   "uncounted": [{"participant": "p3", "reason": "no_nip"}]}, op="ledger")
V("ledger-earning-outcomes-invalid", "Only lulus and telah_mengikuti can earn JP: no_document is refused.",
  {"courses": [], "earning_outcomes": ["no_document"]}, fail("request.invalid_shape"), op="ledger")
V("ledger-duplicate-entry", "The same course twice for one NIP would double the JP: an error.",
  {"entries": [{"nip": N1, "course": "a", "completed_on": "2025-03-01", "jp": 8}, {"nip": N1, "course": "a", "completed_on": "2025-03-01", "jp": 8}]},
  fail("ledger.duplicate_entry"), op="ledger")
V("ledger-negative-jp", "Negative JP is an error.",
  {"entries": [{"nip": N1, "course": "a", "completed_on": "2025-03-01", "jp": -2}]}, fail("ledger.invalid_jp"), op="ledger")
V("ledger-custom-obligation", "An obligation of 40 JP.",
  {"entries": [{"nip": N1, "course": "a", "completed_on": "2025-03-01", "jp": 32.5}], "obligation_jp": 40},
  {"type": "success", "rows": [{"nip": N1, "year": 2025, "jp": 32.5, "met": False, "shortfall_jp": 7.5, "obligation_jp": 40}]}, op="ledger")

# ---------------------------------------------------------------- the source case
here = os.path.dirname(__file__)
kc = json.load(open(os.path.join(here, "..", "core", "data", "kaltim", "course.json")))
ka = json.load(open(os.path.join(here, "..", "core", "data", "kaltim", "attendance.json")))
TM = {"p11": (8, "izin twice"), "p15": (6, "left after lunch"), "p23": (8, "two alpha")}
V("kaltim-2025-source-case", "BPSDM Kalimantan Timur, 2025-07-17: 30 civil servants, ten 1-JP sessions, 90 % minimum. p11 (two izin), p15 (left after lunch) and p23 (two alpha) fall short; p07, p19, p27 and p30 reach exactly 90 %; p03 and p30 arrived late (check-in after 08:00) with full credit.",
  {"course": kc, "attendance": ka, "trace": False},
  ok([dec(p["id"], "telah_mengikuti" if p["id"] in TM else "lulus",
          TM[p["id"]][0] if p["id"] in TM else (9 if p["id"] in ("p07", "p19", "p27", "p30") else 10), 10) for p in kc["participants"]],
     summary={"participants": 30, "lulus": 27, "telah_mengikuti": 3, "no_document": 0, "pending": 0}, total_jp=10, completed_on="2025-07-17"))


# ---------------------------------------------------------------- certificates
# Signatures below are computed here with Python's `cryptography` (Ed25519) and a
# canonical form written by hand (sorted keys, no spaces: RFC 8785 for documents whose
# keys are ASCII and whose numbers are integers), so that they check tamat against an
# independent implementation of eddsa-jcs-2022.
import base64, gzip, hashlib
try:
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
except ImportError:  # only needed to regenerate the vectors
    Ed25519PrivateKey = None

B58 = "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz"
def b58(data):
    n = int.from_bytes(data, "big")
    out = ""
    while n:
        n, r = divmod(n, 58)
        out = B58[r] + out
    return "z" + "1" * (len(data) - len(data.lstrip(b"\0"))) + out
def jcs(v):
    return json.dumps(v, sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode()
def seed_key(seed):
    return Ed25519PrivateKey.from_private_bytes(seed)
def pub_bytes(k):
    from cryptography.hazmat.primitives import serialization
    return k.public_key().public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)
def multikey(k):
    return b58(b"\xed\x01" + pub_bytes(k))
def di_sign(doc, k, vm, created):
    cfg = {"type": "DataIntegrityProof", "cryptosuite": "eddsa-jcs-2022", "created": created,
           "verificationMethod": vm, "proofPurpose": "assertionMethod"}
    if "@context" in doc:
        cfg["@context"] = doc["@context"]
    data = hashlib.sha256(jcs(cfg)).digest() + hashlib.sha256(jcs(doc)).digest()
    signed = dict(doc)
    signed["proof"] = dict(cfg, proofValue=b58(k.sign(data)))
    return signed
def status_list_cred(url, issuer, purpose, set_bits, k, vm, size=131072, valid_until=None):
    bits = bytearray(size // 8)
    for i in set_bits:
        bits[i // 8] |= 0x80 >> (i % 8)
    enc = "u" + base64.urlsafe_b64encode(gzip.compress(bytes(bits), mtime=0)).decode().rstrip("=")
    doc = {"@context": ["https://www.w3.org/ns/credentials/v2"], "id": url,
           "type": ["VerifiableCredential", "BitstringStatusListCredential"], "issuer": issuer,
           "validFrom": "2025-01-01T00:00:00Z",
           "credentialSubject": {"id": url + "#list", "type": "BitstringStatusList", "statusPurpose": purpose, "encodedList": enc}}
    if valid_until:
        doc["validUntil"] = valid_until
    return di_sign(doc, k, vm, "2025-01-01T00:00:00Z")

SEED_HEX = bytes(range(1, 33)).hex()
if Ed25519PrivateKey is not None:
    TK = seed_key(bytes(range(1, 33)))
    TMK = multikey(TK)
    TVM = f"did:key:{TMK}#{TMK}"
    OTHER = seed_key(bytes([9] * 32))
    OMK = multikey(OTHER)

    V("cert-number-issue-example", "The issue's example template: {N} zero-padded to 5, {mr} the month in Roman numerals, {y} the year.",
      {"numbering": {"template": "{N}/BPSDM-{unit}/{mr}/{y}"}, "sequence": 7, "date": "2025-07-18", "unit": "KALTIM"},
      {"type": "success", "number": "00007/BPSDM-KALTIM/VII/2025"}, op="format_number")
    V("cert-number-month-digits", "{m} is the month in two digits; width 3.",
      {"numbering": {"template": "{N}/{m}/{y}", "width": 3}, "sequence": 12, "date": "2025-12-01", "unit": "X"},
      {"type": "success", "number": "012/12/2025"}, op="format_number")
    V("cert-number-wider-than-width", "A number with more digits than the width is written in full, never cut.",
      {"numbering": {"template": "{N}/{mr}", "width": 5}, "sequence": 123456, "date": "2025-04-30", "unit": "X"},
      {"type": "success", "number": "123456/IV"}, op="format_number")
    V("cert-number-escaped-braces", "{{ and }} write braces; other text is literal.",
      {"numbering": {"template": "No. {{{N}}} {unit}-{mr}", "width": 2}, "sequence": 3, "date": "2025-09-09", "unit": "U"},
      {"type": "success", "number": "No. {03} U-IX"}, op="format_number")
    V("cert-number-no-counter", "A template without {N} cannot number certificates.",
      {"numbering": {"template": "{y}/{m}"}, "sequence": 1, "date": "2025-01-01", "unit": "U"},
      {"type": "failure", "errors": [{"code": "numbering.invalid_template", "details": {"problem": "missing_counter"}}]}, op="format_number")
    V("cert-number-unknown-placeholder", "{d} is not a placeholder.",
      {"numbering": {"template": "{N}/{d}"}, "sequence": 1, "date": "2025-01-01", "unit": "U"},
      {"type": "failure", "errors": [{"code": "numbering.invalid_template", "details": {"problem": "unknown_placeholder"}}]}, op="format_number")

    rfc = {"numbers": [333333333.33333329, 1E30, 4.50, 2e-3, 0.000000000000000000000000001],
           "string": "\u20ac$\u000F\u000aA'\u0042\u0022\u005c\\\"/", "literals": [None, True, False]}
    rfc_canon = '{"literals":[null,true,false],"numbers":[333333333.3333333,1e+30,4.5,0.002,1e-27],"string":"€$\\u000f\\nA\'B\\"\\\\\\\\\\"/"}'
    V("cert-jcs-rfc8785-example", "RFC 8785 section 3.2.2's example: ECMAScript number forms, minimal string escapes, sorted keys.",
      rfc, {"type": "success", "canonical": rfc_canon, "sha256": hashlib.sha256(rfc_canon.encode()).hexdigest()}, op="canonicalize")
    sort_in = {"\u20ac": "Euro Sign", "\r": "Carriage Return", "\ufb33": "Hebrew Letter Dalet With Dagesh", "1": "One",
               "\U0001F600": "Emoji: Grinning Face", "\u0080": "Control", "\u00f6": "Latin Small Letter O With Diaeresis"}
    sort_canon = '{"\\r":"Carriage Return","1":"One","\u0080":"Control","\u00f6":"Latin Small Letter O With Diaeresis","\u20ac":"Euro Sign","\U0001F600":"Emoji: Grinning Face","\ufb33":"Hebrew Letter Dalet With Dagesh"}'
    V("cert-jcs-utf16-key-order", "RFC 8785 section 3.2.3: keys sort by UTF-16 code units, so the emoji (D83D) comes before U+FB33.",
      sort_in, {"type": "success", "canonical": sort_canon, "sha256": hashlib.sha256(sort_canon.encode()).hexdigest()}, op="canonicalize")

    w3c_dir = os.path.join(here, "..", "tests", "data", "w3c-vc-di-eddsa")
    w3c = json.load(open(os.path.join(w3c_dir, "signedJCS.json")))
    w3c_keys = json.load(open(os.path.join(w3c_dir, "keyPair.json")))
    w3c_unsigned = {k: v for k, v in w3c.items() if k != "proof"}
    W3C_VM = w3c["proof"]["verificationMethod"]
    V("cert-sign-w3c-vector", "Signing the W3C eddsa-jcs-2022 test vector's credential with its key pair reproduces its proof byte for byte.",
      {"credential": w3c_unsigned, "key": {"secret": w3c_keys["privateKeyMultibase"], "id": W3C_VM}, "created": w3c["proof"]["created"]},
      {"type": "success", "credential": w3c}, op="sign_credential")
    V("cert-verify-w3c-vector", "The W3C test vector's signed credential verifies with its public key.",
      {"credential": w3c, "keys": [{"id": W3C_VM, "publicKeyMultibase": w3c_keys["publicKeyMultibase"]}], "at": "2026-01-01T00:00:00Z"},
      {"type": "success", "status": "valid", "key_id": W3C_VM, "revocation": "none", "suspension": "none"}, op="verify")
    t = json.loads(json.dumps(w3c)); t["credentialSubject"]["alumniOf"] = "The School of Counterexamples"
    V("cert-verify-w3c-tampered", "One changed claim in the W3C vector: tampered.",
      {"credential": t, "keys": [{"id": W3C_VM, "publicKeyMultibase": w3c_keys["publicKeyMultibase"]}], "at": "2026-01-01T00:00:00Z"},
      {"type": "success", "status": "tampered"}, op="verify")

    rdfc_dir = os.path.join(w3c_dir, "eddsa-rdfc-2022")
    rdfc_signed = json.load(open(os.path.join(rdfc_dir, "signedDataInt.json")))
    rdfc_unsigned = json.load(open(os.path.join(rdfc_dir, "unsigned.json")))
    rdfc_keys = json.load(open(os.path.join(rdfc_dir, "keyPair.json")))
    examples_ctx = [{"url": "https://www.w3.org/ns/credentials/examples/v2",
                     "document": json.load(open(os.path.join(rdfc_dir, "credentials-examples-v2.jsonld")))}]
    RDFC_VM = rdfc_signed["proof"]["verificationMethod"]
    rdfc_trust = [{"id": RDFC_VM, "publicKeyMultibase": rdfc_keys["publicKeyMultibase"]}]
    V("cert-sign-w3c-rdfc-vector", "Signing the W3C eddsa-rdfc-2022 test vector's credential with its key pair (the examples context given, never fetched) reproduces its signed credential byte for byte: canonical N-Quads by RDFC-1.0, the proof without a @context.",
      {"credential": rdfc_unsigned, "key": {"secret": rdfc_keys["privateKeyMultibase"], "id": RDFC_VM}, "created": rdfc_signed["proof"]["created"],
       "cryptosuite": "eddsa-rdfc-2022", "contexts": examples_ctx},
      {"type": "success", "credential": rdfc_signed}, op="sign_credential")
    V("cert-verify-w3c-rdfc-vector", "The W3C eddsa-rdfc-2022 vector's signed credential verifies with its public key, its proof reported by suite.",
      {"credential": rdfc_signed, "keys": rdfc_trust, "contexts": examples_ctx, "at": "2026-01-01T00:00:00Z"},
      {"type": "success", "status": "valid", "key_id": RDFC_VM, "proofs": [{"cryptosuite": "eddsa-rdfc-2022", "key_id": RDFC_VM, "status": "valid"}]}, op="verify")
    t = json.loads(json.dumps(rdfc_signed)); t["credentialSubject"]["alumniOf"] = "The School of Counterexamples"
    V("cert-verify-w3c-rdfc-tampered", "One changed claim in the W3C eddsa-rdfc-2022 vector: its RDF changes, so tampered.",
      {"credential": t, "keys": rdfc_trust, "contexts": examples_ctx, "at": "2026-01-01T00:00:00Z"},
      {"type": "success", "status": "tampered"}, op="verify")
    V("cert-verify-rdfc-unknown-context", "The W3C eddsa-rdfc-2022 vector without its examples context: the context is neither bundled nor given, and nothing is fetched, so the credential cannot be read (never valid).",
      {"credential": rdfc_signed, "keys": rdfc_trust, "at": "2026-01-01T00:00:00Z"},
      {"type": "failure", "errors": [{"code": "credential.invalid", "details": {"problem": "unknown_context"}}]}, op="verify")
    t = json.loads(json.dumps(rdfc_signed)); t["credentialSubject"]["nilai"] = "A"
    t["@context"] = ["https://www.w3.org/ns/credentials/v2"]
    V("cert-verify-rdfc-undefined-term", "A member no context defines (the VC 2.0 context alone, without the examples context's @vocab): JSON-LD would drop it and an eddsa-rdfc-2022 signature would not cover it, so the credential is refused, not read without it (safe mode).",
      {"credential": t, "keys": rdfc_trust, "at": "2026-01-01T00:00:00Z"},
      {"type": "failure", "errors": [{"code": "credential.invalid", "details": {"problem": "undefined_term"}}]}, op="verify")

    small = {"@context": ["https://www.w3.org/ns/credentials/v2"], "id": "urn:uuid:00000000-0000-8000-8000-000000000001",
             "type": ["VerifiableCredential"], "issuer": f"did:key:{TMK}", "validFrom": "2025-07-18T00:00:00Z",
             "credentialSubject": {"id": "urn:nip:198503122010011004", "name": "Peserta Uji"}}
    V("cert-sign-fixed-test-key", "A fixed test key (seed bytes 1..32): the proof equals the one computed independently in Python.",
      {"credential": small, "key": {"secret": SEED_HEX}, "created": "2025-07-18T00:00:00Z"},
      {"type": "success", "credential": di_sign(small, TK, TVM, "2025-07-18T00:00:00Z")}, op="sign_credential")
    V("cert-public-key-multikey", "The public key of the test seed as a Multikey (z6Mk...) and did:key.",
      {"key": {"secret": SEED_HEX}},
      {"type": "success", "did": f"did:key:{TMK}", "multikey": {"type": "Multikey", "id": TVM, "controller": f"did:key:{TMK}", "publicKeyMultibase": TMK}}, op="public_key")
    V("cert-key-bad-seed", "A seed must have 32 bytes.",
      {"key": {"secret": "00ff"}}, {"type": "failure", "errors": [{"code": "signing.invalid_key", "details": {"problem": "seed_length"}}]}, op="public_key")

    ISSUER = f"did:key:{TMK}"
    REV = "https://status.example/revocation"
    SUS = "https://status.example/suspension"
    def status_cred(index=3, valid_from="2025-07-18T00:00:00Z", valid_until=None):
        doc = {"@context": ["https://www.w3.org/ns/credentials/v2", "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json"],
               "id": "urn:uuid:00000000-0000-8000-8000-000000000002", "type": ["VerifiableCredential", "OpenBadgeCredential"],
               "name": "STTPP", "issuer": {"id": ISSUER, "type": ["Profile"], "name": "BPSDM Uji"}, "validFrom": valid_from,
               "credentialSubject": {"type": ["AchievementSubject"], "achievement": {"id": "urn:tamat:achievement:x", "type": ["Achievement"], "name": "Uji", "criteria": {"narrative": "90%"}}},
               "credentialStatus": [
                   {"id": f"{REV}#{index}", "type": "BitstringStatusListEntry", "statusPurpose": "revocation", "statusListIndex": str(index), "statusListCredential": REV},
                   {"id": f"{SUS}#{index}", "type": "BitstringStatusListEntry", "statusPurpose": "suspension", "statusListIndex": str(index), "statusListCredential": SUS}]}
        if valid_until:
            doc["validUntil"] = valid_until
        return di_sign(doc, TK, TVM, valid_from)
    KEYS = [{"id": TVM, "controller": ISSUER, "publicKeyMultibase": TMK}]
    def lists(revoked=(), suspended=()):
        return [status_list_cred(REV, ISSUER, "revocation", revoked, TK, TVM), status_list_cred(SUS, ISSUER, "suspension", suspended, TK, TVM)]
    def VV(name, desc, cred, expect, status_lists=None, keys=KEYS, at="2026-01-01T00:00:00Z"):
        inp = {"credential": cred, "keys": keys, "at": at}
        if status_lists is not None:
            inp["status_lists"] = status_lists
        V(name, desc, inp, expect, op="verify")
    VV("cert-verify-valid", "Signed by the trusted key, both status bits clear, inside its validity period: valid.",
       status_cred(), {"type": "success", "status": "valid", "issuer": ISSUER, "revocation": "clear", "suspension": "clear",
                       "message": {"id": "Sertifikat sah", "en": "The certificate is valid"}}, lists(revoked=[2, 4], suspended=[5]))
    _dup = json.dumps({"credential": status_cred(), "keys": KEYS, "at": "2026-01-01T00:00:00Z"}, ensure_ascii=False)
    assert _dup.count('"credential": {') == 1
    VECTORS.append(("cert-verify-duplicate-key", {
        "description": "A credential with the key `type` twice is refused: one reader would keep the first, another the last, so what is verified must have each key once (I-JSON, RFC 8785).",
        "operation": "verify",
        "input_text": _dup.replace('"credential": {', '"credential": {"type": ["VerifiableCredential"], ', 1),
        "expect": fail("request.invalid_json")}))
    VV("cert-verify-revoked", "Bit 3 of the revocation list is set: revoked.", status_cred(), {"type": "success", "status": "revoked", "revocation": "set"}, lists(revoked=[3]))
    VV("cert-verify-suspended", "Bit 3 of the suspension list is set: suspended.", status_cred(), {"type": "success", "status": "suspended", "suspension": "set", "revocation": "clear"}, lists(suspended=[3]))
    VV("cert-verify-revoked-beats-suspended", "Both bits set: revocation is final, so it is reported.", status_cred(), {"type": "success", "status": "revoked"}, lists(revoked=[3], suspended=[3]))
    VV("cert-verify-expired", "At (or after) validUntil: expired.",
       status_cred(valid_until="2026-01-01T00:00:00Z"), {"type": "success", "status": "expired"}, lists())
    VV("cert-verify-not-yet-valid", "Before validFrom: not yet valid.",
       status_cred(valid_from="2026-06-01T00:00:00Z"), {"type": "success", "status": "not_yet_valid"}, lists())
    VV("cert-verify-status-unchecked", "No status lists given: the signature is valid, but the status was not checked, so the verdict is status_unchecked, never valid (fail closed).",
       status_cred(), {"type": "success", "status": "status_unchecked", "revocation": "unchecked", "suspension": "unchecked"})
    VV("cert-verify-status-one-list-missing", "The revocation list is given (bit clear) but the suspension list is not: status_unchecked.",
       status_cred(), {"type": "success", "status": "status_unchecked", "revocation": "clear", "suspension": "unchecked"}, lists()[:1])
    stale = [status_list_cred(REV, ISSUER, "revocation", [], TK, TVM, valid_until="2025-12-31T00:00:00Z"),
             status_list_cred(SUS, ISSUER, "suspension", [], TK, TVM, valid_until="2026-06-30T00:00:00Z")]
    VV("cert-verify-status-list-stale", "The revocation list's validUntil (2025-12-31) is before the moment checked (2026-01-01) and its bit is clear: the clear bit says nothing about now, so status_stale; the suspension list is still current (until 2026-06-30).",
       status_cred(), {"type": "success", "status": "status_stale", "revocation": "stale", "suspension": "clear"}, stale)
    stale_revoked = [status_list_cred(REV, ISSUER, "revocation", [3], TK, TVM, valid_until="2025-12-31T00:00:00Z"), stale[1]]
    VV("cert-verify-stale-list-revoked", "A stale revocation list with bit 3 set still proves the revocation (signed by the issuer, and revocation is final): revoked.",
       status_cred(), {"type": "success", "status": "revoked", "revocation": "set"}, stale_revoked)
    _text = json.dumps(status_cred(), ensure_ascii=False)
    VV("cert-verify-credential-as-text", "The credential may be given as its JSON text; read by the core, it verifies like the object (valid, lists current).",
       _text, {"type": "success", "status": "valid", "revocation": "clear", "suspension": "clear"}, lists())
    VV("cert-verify-text-duplicate-key", "A credential given as text with a forged `name` before the signed one is refused: the core reads the text itself and a key twice is invalid JSON, whichever front end passed it.",
       '{"name": "Forged", ' + _text[1:], fail("request.invalid_json"), lists())
    VV("cert-verify-unknown-key", "Only another key is trusted: unknown key.",
       status_cred(), {"type": "success", "status": "unknown_key", "key_id": TVM}, lists(),
       keys=[{"id": f"did:key:{OMK}#{OMK}", "publicKeyMultibase": OMK}])
    VV("cert-verify-key-of-another-issuer", "The key is trusted for another issuer only (controller): unknown key.",
       status_cred(), {"type": "success", "status": "unknown_key"}, lists(),
       keys=[{"id": TVM, "controller": "https://other.example/issuer", "publicKeyMultibase": TMK}])
    VV("cert-verify-wrong-key-bytes", "The trusted entry has the proof's key id but another key: the signature does not match.",
       status_cred(), {"type": "success", "status": "tampered"}, lists(),
       keys=[{"id": TVM, "publicKeyMultibase": OMK}])
    tc = status_cred(); tc["credentialStatus"][0]["statusListIndex"] = "2"
    VV("cert-verify-tampered-status-index", "Moving the status index to a clear bit changes the signed document: tampered.",
       tc, {"type": "success", "status": "tampered"}, lists(revoked=[3]))
    nc = status_cred(); del nc["proof"]
    VV("cert-verify-no-proof", "A credential without a proof cannot be verified.", nc,
       {"type": "failure", "errors": [{"code": "credential.invalid", "details": {"problem": "missing_proof"}}]})
    # tamat's own entry: one `message` entry, two bits (revoked, suspended) at 2 x index,
    # plus bit `index` for readers that read one bit (see core/src/certificates/status.rs).
    MSG = "https://status.example/message"
    MESSAGES = [{"status": "0x0", "message": "valid"}, {"status": "0x1", "message": "suspended"},
                {"status": "0x2", "message": "revoked"}, {"status": "0x3", "message": "revoked"}]
    def message_cred(index=32771, entry_extra=None, drop=()):
        entry = {"id": f"{MSG}#{index}", "type": "BitstringStatusListEntry", "statusPurpose": "message", "statusListIndex": str(index),
                 "statusListCredential": MSG, "statusSize": 2, "statusMessage": MESSAGES}
        entry.update(entry_extra or {})
        for k in drop:
            del entry[k]
        doc = {"@context": ["https://www.w3.org/ns/credentials/v2", "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json"],
               "id": "urn:uuid:00000000-0000-8000-8000-000000000003", "type": ["VerifiableCredential", "OpenBadgeCredential"],
               "name": "STTPP", "issuer": {"id": ISSUER, "type": ["Profile"], "name": "BPSDM Uji"}, "validFrom": "2025-07-18T00:00:00Z",
               "credentialSubject": {"type": ["AchievementSubject"], "achievement": {"id": "urn:tamat:achievement:x", "type": ["Achievement"], "name": "Uji", "criteria": {"narrative": "90%"}}},
               "credentialStatus": entry}
        signed = di_sign(doc, TK, TVM, "2025-07-18T00:00:00Z")
        signed["proof"] = [signed["proof"]]  # a proof set of one, as tamat writes it
        return signed
    def message_list(revoked=(), suspended=(), single=()):
        bits = [2 * i for i in revoked] + [2 * i + 1 for i in suspended] + list(revoked) + list(suspended) + list(single)
        return [status_list_cred(MSG, ISSUER, "message", bits, TK, TVM)]
    VV("cert-verify-message-valid", "A tamat entry (statusPurpose message, statusSize 2, index 32771, proof as a set of one): its two bits are clear (its neighbours' are set): valid, both purposes clear.",
       message_cred(), {"type": "success", "status": "valid", "revocation": "clear", "suspension": "clear"}, message_list(revoked=[32770], suspended=[32772]))
    VV("cert-verify-message-revoked", "The entry's bits read 0x2 (bit 65542 set): its statusMessage says revoked.",
       message_cred(), {"type": "success", "status": "revoked", "revocation": "set", "suspension": "clear"}, message_list(revoked=[32771]))
    VV("cert-verify-message-suspended", "The entry's bits read 0x1 (bit 65543 set): suspended.",
       message_cred(), {"type": "success", "status": "suspended", "revocation": "clear", "suspension": "set"}, message_list(suspended=[32771]))
    VV("cert-verify-message-pair-decides", "Only bit 32771 is set (what a one-bit reader would read), the entry's two bits are clear: the verifier reads the entry's bits, as the Bitstring Status List says: valid.",
       message_cred(), {"type": "success", "status": "valid"}, message_list(single=[32771]))
    VV("cert-verify-message-list-missing", "The message list is not given: both purposes unchecked, status_unchecked (never valid).",
       message_cred(), {"type": "success", "status": "status_unchecked", "revocation": "unchecked", "suspension": "unchecked"}, [])
    VV("cert-verify-message-unknown-meaning", "Value 0x1 whose statusMessage says `under_review`, a meaning this verifier does not know: refused, not read as valid.",
       message_cred(entry_extra={"statusMessage": [{"status": "0x0", "message": "valid"}, {"status": "0x1", "message": "under_review"},
                                                   {"status": "0x2", "message": "revoked"}, {"status": "0x3", "message": "revoked"}]}),
       {"type": "failure", "errors": [{"code": "credential.invalid", "details": {"problem": "status_message"}}]}, message_list(suspended=[32771]))
    VV("cert-verify-message-without-size", "A message entry without statusSize (so one bit): refused as a status entry.",
       message_cred(drop=("statusSize",)), {"type": "failure", "errors": [{"code": "credential.invalid", "details": {"problem": "status_entry"}}]}, message_list())
    VV("cert-verify-message-index-outside", "Index 65536: its two bits (131072, 131073) are past the end of a 131,072-bit list: refused.",
       message_cred(index=65536), {"type": "failure", "errors": [{"code": "credential.invalid", "details": {"problem": "status_entry"}}]}, message_list())
    short = lists()
    short[0] = status_list_cred(REV, ISSUER, "revocation", [], TK, TVM, size=1024)
    VV("cert-verify-status-list-too-short", "A status list shorter than 131,072 entries is refused.", status_cred(),
       {"type": "failure", "errors": [{"code": "status_list.invalid", "details": {"problem": "list_too_short"}}]}, short)
    forged = lists()
    forged[0] = status_list_cred(REV, ISSUER, "revocation", [], OTHER, f"did:key:{OMK}#{OMK}")
    VV("cert-verify-status-list-forged", "A status list signed by an untrusted key is refused.", status_cred(),
       {"type": "failure", "errors": [{"code": "status_list.invalid", "details": {"problem": "list_signature"}}]}, forged)

# Issuance on the source case and hand-made registers.
SIGNATORY = {"name": "Dr. Andi Wijaya, M.Si.", "position": "Kepala BPSDM Provinsi Kalimantan Timur",
             "rank": "Pembina Utama Muda (IV/c)", "nip": "197001011995031001", "on_behalf_of": "Gubernur Kalimantan Timur"}
KSET = {"numbering": {"template": "{N}/{unit}/{mr}/{y}"}, "place": "Samarinda", "issued_on": "2025-07-18", "signatory": SIGNATORY}
V("cert-issue-kaltim", "The source case: 30 documents numbered 00001..00030 in roster order (27 STTPP LULUS, 3 TELAH MENGIKUTI: p11, p15, p23), counter BPSDM-KALTIM/2025 at 30, status indices 0..29, issued 2025-07-18 in Samarinda. The moment of issue is the later of the last session's end (2025-07-17, afternoon WITA) and 00:00 WITA on the 18th, which is 2025-07-17T16:00Z.",
  {"course": kc, "attendance": ka, "settings": KSET},
  {"type": "success", "skipped": [], "unchanged": [],
   "certificates": [{"number": f"{i+1:05d}/BPSDM-KALTIM/VII/2025", "holder": {"id": p["id"], "name": p["name"]},
                     "status": "telah_mengikuti" if p["id"] in TM else "lulus",
                     "document": "surat_keterangan" if p["id"] in TM else "sttpp",
                     "status_index": i, "issued_on": "2025-07-18", "issued_at": "2025-07-17T16:00:00Z", "place": "Samarinda",
                     "course": {"total_jp": 10, "start_date": "2025-07-17", "end_date": "2025-07-17"},
                     "evidence": {"measure": "sessions", "attended": TM[p["id"]][0] if p["id"] in TM else (9 if p["id"] in ("p07", "p19", "p27", "p30") else 10), "total": 10, "minimum_percent": 90}}
                    for i, p in enumerate(kc["participants"])],
   "register": {"version": 1, "counters": [{"unit": "BPSDM-KALTIM", "year": 2025, "last": 30}], "next_status_index": 30}}, op="issue")

def sk_numbers():
    out, main, sk = [], 0, 0
    for p in kc["participants"]:
        if p["id"] in TM:
            sk += 1
            out.append(f"SK-{sk:03d}/BPSDM-KALTIM/VII/2025")
        else:
            main += 1
            out.append(f"{main:05d}/BPSDM-KALTIM/VII/2025")
    return out
SK_SET = dict(KSET, numbering={"template": "{N}/{unit}/{mr}/{y}", "surat_keterangan": {"template": "SK-{N}/{unit}/{mr}/{y}", "width": 3}})
V("cert-issue-series-per-document", "Surat keterangan numbered apart (numbering.surat_keterangan, width 3): the 27 STTPP take 00001..00027 of the main counter in roster order, skipping p11, p15 and p23, whose surat keterangan take SK-001, SK-002 and SK-003 of their own counter; status indices stay one sequence 0..29. The register holds two counters for BPSDM-KALTIM/2025: the main one at 27 and the surat_keterangan one at 3, and each entry names its series.",
  {"course": kc, "attendance": ka, "settings": SK_SET},
  {"type": "success",
   "certificates": [{"number": n, "holder": {"id": p["id"]}, "status_index": i} for i, (p, n) in enumerate(zip(kc["participants"], sk_numbers()))],
   "register": {"counters": [{"unit": "BPSDM-KALTIM", "year": 2025, "last": 27}, {"unit": "BPSDM-KALTIM", "year": 2025, "last": 3, "series": "surat_keterangan"}],
                "certificates": [dict({"participant": p["id"], "sequence": int(n.split("/")[0].removeprefix("SK-"))}, **({"series": "surat_keterangan"} if p["id"] in TM else {}))
                                 for p, n in zip(kc["participants"], sk_numbers())]}}, op="issue")
V("cert-issue-series-same-template", "A surat keterangan series with the main template would write the same numbers twice: refused.",
  {"course": kc, "attendance": ka, "settings": dict(KSET, numbering={"template": "{N}/{unit}/{mr}/{y}", "surat_keterangan": {"template": "{N}/{unit}/{mr}/{y}"}})},
  {"type": "failure", "errors": [{"code": "numbering.invalid_template", "details": {"template": "{N}/{unit}/{mr}/{y}", "problem": "same_as_main"}}]}, op="issue")

def small_course(**extra):
    return course(4, participants=[{"id": "p1", "name": "Peserta Satu", "nip": N1}, {"id": "p2", "name": "Peserta Dua", "nip": N2}],
                  organiser={"name": "Balai Uji", "unit_code": "BU"}, venue="Balikpapan", **extra)
SSET = {"signatory": {"name": "Kepala Balai", "position": "Kepala Balai Uji"}, "issued_on": "2025-07-20"}
def entry(i, pid, number, seq, state="active", chash="sha256:" + "0" * 64, **kw):
    e = {"id": f"00000000-0000-8000-8000-00000000000{i}", "number": number, "course": "c1", "participant": pid, "status": "lulus",
         "unit": "BU", "year": 2025, "sequence": seq, "issued_on": "2025-07-20", "issued_at": "2025-07-17T01:00:00Z",
         "content_hash": chash, "status_index": i, "state": state}
    e.update(kw)
    return e
V("cert-issue-skips-no-document", "p2 never attended: no document (policy default), so only p1 is numbered; the default template {N}/{unit}/{mr}/{y} and the venue as place.",
  {"course": small_course(), "attendance": marks("p1", H(4)), "settings": SSET},
  {"type": "success", "certificates": [{"number": "00001/BU/VII/2025", "place": "Balikpapan", "holder": {"nip_printed": N1[:8] + " " + N1[8:14] + " " + N1[14] + " " + N1[15:]}}],
   "skipped": [{"participant": "p2", "outcome": "no_document", "reason": "no_document"}]}, op="issue")
V("cert-issue-blended-jp", "A course of three classroom sessions and one e-learning session (1 JP each): the certificate prints 4 JP in all, 3 classroom and 1 e-learning.",
  {"course": course(sess=e_learning(sessions(4), {"s4"}), participants=[{"id": "p1", "name": "Peserta Satu"}], organiser={"name": "Balai Uji", "unit_code": "BU"}, venue="Balikpapan"),
   "attendance": marks("p1", H(4)), "settings": SSET},
  {"type": "success", "certificates": [{"number": "00001/BU/VII/2025", "course": {"total_jp": 4, "classroom_jp": 3, "e_learning_jp": 1}}]}, op="issue")
V("cert-issue-number-taken", "A template without the year, {N}/{unit}: the register already holds 00001/BU from 2024 (the 2024 counter at 1). Issuing on 2025-07-20 starts the 2025 counter at 1 and would write 00001/BU again: refused (number_taken), and the register is left as it was.",
  {"course": small_course(), "attendance": marks("p1", H(4)), "settings": dict(SSET, numbering={"template": "{N}/{unit}"}),
   "register": {"version": 1, "counters": [{"unit": "BU", "year": 2024, "last": 1}], "next_status_index": 1,
                "certificates": [entry(0, "px", "00001/BU", 1, course="older", year=2024, issued_on="2024-07-20")]}},
  {"type": "failure", "errors": [{"code": "numbering.invalid_template", "details": {"template": "{N}/{unit}", "problem": "number_taken"}}]}, op="issue")
V("cert-issue-course-running", "No early issuance: as of 10:00 WITA (02:00Z) the last of the four sessions (10:15-11:00 WITA) has not ended (03:00Z), so issuing is refused, naming both moments, though every mark is there.",
  {"course": small_course(), "attendance": marks("p1", H(4)), "settings": SSET, "as_of": "2025-07-17T10:00:00+08:00"},
  {"type": "failure", "errors": [{"code": "certificate.course_not_ended", "details": {"course": "c1", "ends_at": "2025-07-17T03:00:00Z", "as_of": "2025-07-17T02:00:00Z"}}]}, op="issue")
V("cert-issue-early-asked", "The same request with early: true issues as if the course had ended: p1 (4 of 4 marked hadir) is LULUS and numbered.",
  {"course": small_course(), "attendance": marks("p1", H(4)), "settings": SSET, "as_of": "2025-07-17T10:00:00+08:00", "early": True},
  {"type": "success", "certificates": [{"number": "00001/BU/VII/2025", "status": "lulus"}],
   "skipped": [{"participant": "p2", "outcome": "no_document", "reason": "no_document"}]}, op="issue")
V("cert-issue-at-the-end", "As of 11:00 WITA, the very moment the last session ends, the course is over: issued.",
  {"course": small_course(), "attendance": marks("p1", H(4)), "settings": SSET, "as_of": "2025-07-17T11:00:00+08:00"},
  {"type": "success", "certificates": [{"number": "00001/BU/VII/2025"}]}, op="issue")
V("cert-issue-start-number", "A new counter starts at the chosen start number (250), zero-padded to width 4.",
  {"course": small_course(), "attendance": marks("p1", H(4)) + marks("p2", H(4)), "settings": dict(SSET, numbering={"start": 250, "width": 4})},
  {"type": "success", "certificates": [{"number": "0250/BU/VII/2025"}, {"number": "0251/BU/VII/2025"}]}, op="issue")
V("cert-issue-continues-counter", "An existing counter (last 41) continues at 42 whatever start is asked for; the status index continues too.",
  {"course": small_course(), "attendance": marks("p1", H(4)) + marks("p2", H(4)), "settings": dict(SSET, numbering={"start": 1}),
   "register": {"counters": [{"unit": "BU", "year": 2025, "last": 41}], "next_status_index": 7}},
  {"type": "success", "certificates": [{"number": "00042/BU/VII/2025", "status_index": 7}, {"number": "00043/BU/VII/2025", "status_index": 8}],
   "register": {"counters": [{"unit": "BU", "year": 2025, "last": 43}], "next_status_index": 9}}, op="issue")
V("cert-issue-content-changed", "p1 already holds certificate #1 with other content (its hash differs): issuing again refuses rather than silently re-issue.",
  {"course": small_course(), "attendance": marks("p1", H(4)), "settings": SSET,
   "register": {"counters": [{"unit": "BU", "year": 2025, "last": 1}], "next_status_index": 1, "certificates": [entry(0, "p1", "00001/BU/VII/2025", 1)]}},
  fail("register.content_changed"), op="issue")
V("cert-reissue-links-both", "Re-issuing certificate #1 gives number 2, which supersedes it; #1 is revoked and points to it.",
  {"course": small_course(), "attendance": marks("p1", H(4)), "settings": SSET, "certificate": "00000000-0000-8000-8000-000000000000", "reason": "nama diperbaiki",
   "register": {"counters": [{"unit": "BU", "year": 2025, "last": 1}], "next_status_index": 1, "certificates": [entry(0, "p1", "00001/BU/VII/2025", 1)]}},
  {"type": "success", "certificate": {"number": "00002/BU/VII/2025", "supersedes": "00000000-0000-8000-8000-000000000000", "status_index": 1},
   "register": {"certificates": [{"state": "revoked", "reason": "nama diperbaiki", "number": "00001/BU/VII/2025"}, {"state": "active", "supersedes": "00000000-0000-8000-8000-000000000000"}]}}, op="reissue")
V("cert-reissue-no-document", "p1 now has no document (never attended): a re-issue is refused.",
  {"course": small_course(), "attendance": [], "settings": SSET, "certificate": "00000000-0000-8000-8000-000000000000",
   "register": {"counters": [{"unit": "BU", "year": 2025, "last": 1}], "next_status_index": 1, "certificates": [entry(0, "p1", "00001/BU/VII/2025", 1)]}},
  fail("certificate.no_document"), op="reissue")
V("cert-issue-bad-list-size-too-big", "A status list larger than 2^27 entries is refused (a verifier would refuse to expand it).",
  {"course": small_course(), "attendance": marks("p1", H(4)), "settings": dict(SSET, status_list_size=134217736)},
  {"type": "failure", "errors": [{"code": "certificate.invalid_settings", "details": {"field": "status_list_size"}}]}, op="issue")
CERT = {"id": "00000000-0000-8000-8000-00000000000a", "number": "00001/BU/VII/2025", "document": "sttpp",
        "title": "Surat Tanda Tamat Pendidikan dan Pelatihan", "status": "lulus", "qualification": None, "score": None,
        "holder": {"id": "p1", "name": "Peserta <Satu> & Co", "nip": N1, "nip_printed": N1[:8] + " " + N1[8:14] + " " + N1[14] + " " + N1[15:],
                   "nik": None, "birth_place": None, "birth_date": None, "rank": None, "position": None, "agency": None},
        "course": {"id": "c1", "title": "Pelatihan Uji", "organiser": "Balai Uji", "partner": None, "venue": "Balikpapan",
                   "start_date": "2025-07-17", "end_date": "2025-07-17", "total_jp": 4, "subjects": [{"title": "Materi 1", "jp": 4}]},
        "place": "Balikpapan", "issued_on": "2025-07-20", "issued_at": "2025-07-17T16:00:00Z", "valid_until": None,
        "signatory": {"name": "Kepala Balai", "position": "Kepala Balai Uji", "rank": None, "nip": None, "on_behalf_of": None},
        "evidence": {"policy_hash": "sha256:" + "0" * 64, "measure": "sessions", "attended": 4, "total": 4, "percent": 100, "minimum_percent": 90},
        "unit": "BU", "status_index": 0, "supersedes": None}
ANY_VC = {"@context": ["https://www.w3.org/ns/credentials/v2"], "id": "urn:uuid:00000000-0000-8000-8000-00000000000a", "name": "€ 1.5", "n": [1, 2.5, 1e21]}
canon = '{"@context":["https://www.w3.org/ns/credentials/v2"],"id":"urn:uuid:00000000-0000-8000-8000-00000000000a","n":[1,2.5,1e+21],"name":"€ 1.5"}'
qr_hash = base64.urlsafe_b64encode(hashlib.sha256(canon.encode()).digest()).decode().rstrip("=")
V("cert-render-qr-payload", "The QR payload is verify_url with {id} the certificate id and {hash} the base64url SHA-256 of the credential's RFC 8785 form (1e21 is written 1e+21).",
  {"certificate": CERT, "credential": ANY_VC, "settings": dict(SSET, verify_url="https://v.example/c/{id}?h={hash}")},
  {"type": "success", "qr_payload": f"https://v.example/c/00000000-0000-8000-8000-00000000000a?h={qr_hash}"}, op="render")
V("cert-issue-counter-overflow", "A counter at the largest number cannot go on.",
  {"course": small_course(), "attendance": marks("p1", H(4)), "settings": SSET,
   "register": {"counters": [{"unit": "BU", "year": 2025, "last": 18446744073709551615}]}},
  fail("numbering.counter_overflow"), op="issue")
V("cert-issue-status-list-full", "Every index of a 131,072-entry list is taken.",
  {"course": small_course(), "attendance": marks("p1", H(4)), "settings": SSET, "register": {"next_status_index": 131072}},
  fail("register.status_list_full"), op="issue")
V("cert-issue-bad-list-size", "A status list smaller than the specification's 131,072 entries.",
  {"course": small_course(), "attendance": marks("p1", H(4)), "settings": dict(SSET, status_list_size=1024)},
  {"type": "failure", "errors": [{"code": "certificate.invalid_settings", "details": {"field": "status_list_size"}}]}, op="issue")
V("cert-register-duplicate-number", "A register with one number twice is refused.",
  {"course": small_course(), "attendance": marks("p1", H(4)), "settings": SSET,
   "register": {"counters": [{"unit": "BU", "year": 2025, "last": 2}], "next_status_index": 2,
                "certificates": [entry(0, "p1", "00001/BU/VII/2025", 1), entry(1, "p2", "00001/BU/VII/2025", 2)]}},
  {"type": "failure", "errors": [{"code": "register.invalid", "details": {"problem": "duplicate_number"}}]}, op="issue")
REG1 = {"counters": [{"unit": "BU", "year": 2025, "last": 2}], "next_status_index": 2,
        "certificates": [entry(0, "p1", "00001/BU/VII/2025", 1), entry(1, "p2", "00002/BU/VII/2025", 2, state="revoked")]}
V("cert-check-register", "A register of two certificates, the second revoked: whole, and counted (1 active, 0 suspended, 1 revoked; next index 2).",
  {"register": REG1}, {"type": "success", "certificates": 2, "active": 1, "suspended": 0, "revoked": 1, "next_status_index": 2}, op="check_register")
V("cert-check-register-duplicate-number", "Two certificates of one unit with the same number: the register is refused, naming the number.",
  {"register": dict(REG1, certificates=[REG1["certificates"][0], dict(REG1["certificates"][1], number=REG1["certificates"][0]["number"])])},
  {"type": "failure", "errors": [{"code": "register.invalid", "details": {"problem": "duplicate_number", "at": "00001/BU/VII/2025"}}]}, op="check_register")
V("cert-suspend", "Suspending an active certificate.",
  {"register": REG1, "certificate": "00000000-0000-8000-8000-000000000000", "action": "suspend", "at": "2025-09-01T00:00:00Z", "reason": "pemeriksaan"},
  {"type": "success", "entry": {"state": "suspended", "changed_at": "2025-09-01T00:00:00Z", "reason": "pemeriksaan"}}, op="change_status")
V("cert-revoke-revoked", "A revoked certificate cannot be revoked, suspended or reinstated again.",
  {"register": REG1, "certificate": "00000000-0000-8000-8000-000000000001", "action": "reinstate"},
  {"type": "failure", "errors": [{"code": "register.invalid_transition", "details": {"from": "revoked", "to": "active"}}]}, op="change_status")
V("cert-unknown-certificate", "An id that is not in the register.",
  {"register": REG1, "certificate": "nope", "action": "revoke"}, fail("register.unknown_certificate"), op="change_status")

if Ed25519PrivateKey is not None:
    V("cert-status-list-message", "The default list of a register: purpose message (the list tamat's credentials name), at the default URL for it.",
      {"register": REG1, "settings": SSET, "key": {"secret": SEED_HEX}, "valid_from": "2025-09-01T00:00:00Z"},
      {"type": "success", "credential": {"id": "urn:tamat:status:message", "type": ["VerifiableCredential", "BitstringStatusListCredential"],
                                         "issuer": f"did:key:{TMK}", "validFrom": "2025-09-01T00:00:00Z",
                                         "credentialSubject": {"id": "urn:tamat:status:message#list", "type": "BitstringStatusList", "statusPurpose": "message"}}}, op="status_list")
    V("cert-status-list-revocation", "The revocation list of a register whose second certificate (status index 1) is revoked: a signed BitstringStatusListCredential at the default list URL, issued by the key's did:key, valid from and until the moments asked, with a proof set of eddsa-rdfc-2022 and eddsa-jcs-2022 (the default suites).",
      {"register": REG1, "settings": SSET, "key": {"secret": SEED_HEX}, "purpose": "revocation",
       "valid_from": "2025-09-01T00:00:00Z", "valid_until": "2025-10-01T00:00:00Z"},
      {"type": "success", "credential": {"id": "urn:tamat:status:revocation", "type": ["VerifiableCredential", "BitstringStatusListCredential"],
                                         "issuer": f"did:key:{TMK}", "validFrom": "2025-09-01T00:00:00Z", "validUntil": "2025-10-01T00:00:00Z",
                                         "credentialSubject": {"type": "BitstringStatusList", "statusPurpose": "revocation"},
                                         "proof": [{"type": "DataIntegrityProof", "cryptosuite": "eddsa-rdfc-2022", "created": "2025-09-01T00:00:00Z",
                                                    "verificationMethod": TVM, "proofPurpose": "assertionMethod"},
                                                   {"type": "DataIntegrityProof", "cryptosuite": "eddsa-jcs-2022", "created": "2025-09-01T00:00:00Z",
                                                    "verificationMethod": TVM, "proofPurpose": "assertionMethod"}]}}, op="status_list")
    V("cert-status-list-until-before-from", "A list valid until a moment before it is valid from would be stale when published: refused.",
      {"register": REG1, "settings": SSET, "key": {"secret": SEED_HEX}, "purpose": "suspension",
       "valid_from": "2025-09-01T00:00:00Z", "valid_until": "2025-08-01T00:00:00Z"},
      {"type": "failure", "errors": [{"code": "certificate.invalid_settings", "details": {"field": "valid_until", "problem": "valid_until"}}]}, op="status_list")

# --- CSV attendance sheets (read_attendance_csv) ---------------------------------------
CSV_COURSE = course(2, participants=("p1", "p2"))
CSV_COURSE["participants"][0]["nip"] = "197609172002011186"
V("csv-wide-semicolon-bom-crlf", "A wide sheet as an Indonesian spreadsheet exports it: BOM, semicolons, CRLF; one row per participant, one column per session; an empty cell is no mark; people's columns (No, Nama) are not read. Rows are lines 2 and 3.",
  {"course": CSV_COURSE, "csv": "\ufeffNo;Nama;participant;s1;s2\r\n1;Satu;p1;H;izin\r\n2;Dua;p2;;A\r\n"},
  {"type": "success", "layout": "wide", "delimiter": ";",
   "attendance": [{"participant": "p1", "session": "s1", "status": "H"}, {"participant": "p1", "session": "s2", "status": "izin"},
                  {"participant": "p2", "session": "s2", "status": "A"}],
   "sources": [{"line": 2, "column": "s1"}, {"line": 2, "column": "s2"}, {"line": 3, "column": "s2"}]}, op="read_attendance_csv")
V("csv-long-nip-and-times", "A long sheet naming the participant by NIP (spaces allowed) and giving a check-in time instead of a status.",
  {"course": CSV_COURSE, "csv": "nip,session,status,check_in\n19760917 200201 1 186,s1,,2025-07-17T08:05:00+08:00\n197609172002011186,s2,hadir,\n"},
  {"type": "success", "layout": "long", "delimiter": ",",
   "attendance": [{"participant": "p1", "session": "s1", "check_in": "2025-07-17T08:05:00+08:00"}, {"participant": "p1", "session": "s2", "status": "hadir"}],
   "sources": [{"line": 2, "column": "check_in"}, {"line": 3, "column": "status"}]}, op="read_attendance_csv")
V("csv-bad-rows-with-lines", "Every bad row is reported with its line and column, not dropped: a row with an extra field (line 3), a row without a participant (line 4), and a NIP no participant has (line 5, long layout needs a status column too so this is wide).",
  {"course": CSV_COURSE, "csv": "participant,s1,s2\np1,H,H\np2,H,H,X\n,H,H\n"},
  {"type": "failure", "errors": [
      {"code": "attendance.invalid_sheet", "details": {"line": 3, "column": "#4", "problem": "extra_field"}},
      {"code": "attendance.invalid_sheet", "details": {"line": 4, "column": "participant", "problem": "empty_participant"}}]},
  op="read_attendance_csv")
V("csv-nip-spreadsheet-damage", "NIPs as spreadsheets leave them: a leading apostrophe (kept as text) is read, line 2; one turned into a number (1.97609E+17, line 3) has lost its digits and is refused with a clear reason, not guessed.",
  {"course": CSV_COURSE, "csv": "nip,s1,s2\n'197609172002011186,H,H\n1.97609E+17,H,A\n"},
  {"type": "failure", "errors": [{"code": "attendance.invalid_sheet", "details": {"line": 3, "column": "nip", "problem": "nip_as_number", "value": "1.97609E+17"}}]}, op="read_attendance_csv")
V("csv-nip-apostrophe", "A leading apostrophe before a NIP is how a spreadsheet keeps it as text: read as the NIP.",
  {"course": CSV_COURSE, "csv": "nip,s1,s2\n'197609172002011186,H,izin\n"},
  {"type": "success", "layout": "wide", "encoding": "utf-8",
   "attendance": [{"participant": "p1", "session": "s1", "status": "H"}, {"participant": "p1", "session": "s2", "status": "izin"}]}, op="read_attendance_csv")
V("csv-local-times", "Check-in and check-out written as local times (17/07/2025 08:05 and 2025-07-17 08:40) are read in the course's zone (Asia/Makassar, +08:00): 00:05Z and 00:40Z.",
  {"course": CSV_COURSE, "csv": "participant,session,check_in,check_out\np1,s1,17/07/2025 08:05,2025-07-17 08:40\n"},
  {"type": "success", "layout": "long",
   "attendance": [{"participant": "p1", "session": "s1", "check_in": "2025-07-17T00:05:00Z", "check_out": "2025-07-17T00:40:00Z"}]}, op="read_attendance_csv")
V("csv-time-not-a-time", "A check-in that is no time is refused at its line and column.",
  {"course": CSV_COURSE, "csv": "participant,session,check_in\np1,s1,besok pagi\n"},
  {"type": "failure", "errors": [{"code": "attendance.invalid_sheet", "details": {"line": 2, "column": "check_in", "problem": "invalid_time", "value": "besok pagi"}}]}, op="read_attendance_csv")
V("csv-unknown-column", "A column that is neither a session of the course nor a known column is an error, not ignored.",
  {"course": CSV_COURSE, "csv": "participant,s1,s3\np1,H,H\n"},
  {"type": "failure", "errors": [{"code": "attendance.invalid_sheet", "details": {"line": 1, "column": "s3", "problem": "unknown_column"}}]},
  op="read_attendance_csv")
V("csv-unclosed-quote", "A quote opened on line 3 and never closed is refused, not read to the end of the file.",
  {"course": CSV_COURSE, "csv": "participant,s1\np1,H\np2,\"H\n"},
  {"type": "failure", "errors": [{"code": "attendance.invalid_sheet", "details": {"line": 3, "problem": "unclosed_quote"}}]},
  op="read_attendance_csv")

# --- CSV scores sheets (read_scores_csv) -------------------------------------------------
V("scores-csv-semicolon-comma-decimals", "A scores sheet as an Indonesian spreadsheet exports it: BOM, semicolons, CRLF, decimal commas (85,5 is 85.5); people's columns (No, Nama) are not read; an empty score (p2) gives no score, so the evaluation will say it is missing.",
  {"course": CSV_COURSE, "csv": "\ufeffNo;Nama;peserta;nilai\r\n1;Satu;p1;85,5\r\n2;Dua;p2;\r\n"},
  {"type": "success", "layout": "score", "delimiter": ";", "encoding": "utf-8", "scores": [{"participant": "p1", "score": 85.5}]}, op="read_scores_csv")
V("scores-csv-components-by-nip", "One column per assessment component (sikap, pengetahuan, proyek), the participant named by NIP with spaces: the components are read as the policy will weigh them.",
  {"course": CSV_COURSE, "csv": "nip,sikap,pengetahuan,proyek\n19760917 200201 1 186,80,90,70\n"},
  {"type": "success", "layout": "components", "scores": [{"participant": "p1", "components": {"sikap": 80, "pengetahuan": 90, "proyek": 70}}]}, op="read_scores_csv")
V("scores-csv-bad-cells", "Every bad cell is reported with its line, as a scores sheet's error: a score that is no number (line 2), a comma decimal in a comma-separated sheet is two fields, so line 3 has an extra field.",
  {"course": CSV_COURSE, "csv": "participant,score\np1,delapan puluh\np2,85,5\n"},
  {"type": "failure", "errors": [
      {"code": "assessment.invalid_sheet", "details": {"line": 2, "column": "score", "problem": "invalid_score", "value": "delapan puluh"},
       "message": "scores sheet, line 2, column `score`: not a score: a decimal such as `85.5` (or `85,5` in a sheet not separated by commas) (`delapan puluh`)"},
      {"code": "assessment.invalid_sheet", "details": {"line": 3, "column": "#3", "problem": "extra_field"}}]}, op="read_scores_csv")
V("scores-csv-unknown-column", "With a score column, any other column is refused, not ignored.",
  {"course": CSV_COURSE, "csv": "participant,score,remedial\np1,85,90\n"},
  {"type": "failure", "errors": [{"code": "assessment.invalid_sheet", "details": {"line": 1, "column": "remedial", "problem": "unknown_column"}}]}, op="read_scores_csv")
V("scores-csv-no-score-column", "A sheet with a participant column and nothing else to read is refused: no score column.",
  {"course": CSV_COURSE, "csv": "participant,nama\np1,Satu\n"},
  {"type": "failure", "errors": [{"code": "assessment.invalid_sheet", "details": {"line": 1, "column": "score", "problem": "missing_column"}}]}, op="read_scores_csv")

# --- files: workbooks and CSV bytes (read_attendance_file, read_scores_file) ------------
import base64
def fixture(name):
    with open(os.path.join(os.path.dirname(__file__), "..", "tests", "data", "workbooks", name), "rb") as fh:
        return base64.b64encode(fh.read()).decode()
V("file-xlsx-date-cells", "A workbook saved by LibreOffice Calc (tests/data/workbooks/check-in-times.xlsx): check-in and check-out are date cells, read as local times in the course's zone (17/07/2025 08:05 WITA is 00:05Z); the note that spans two lines is kept; p03's row is sheet row 4.",
  {"course": kc, "file": fixture("check-in-times.xlsx")},
  {"type": "success", "format": "xlsx", "worksheet": "times", "layout": "long", "delimiter": None, "encoding": None,
   "attendance": [{"participant": "p01", "session": "s01", "check_in": "2025-07-17T00:05:00Z", "check_out": "2025-07-17T00:50:00Z", "note": "masuk tepat waktu"},
                  {"participant": "p02", "session": "s01", "check_in": "2025-07-17T00:40:00Z", "check_out": "2025-07-17T00:52:00Z", "note": "terlambat\nkarena hujan"},
                  {"participant": "p03", "session": "s01", "check_in": "2025-07-16T23:55:00Z"}],
   "sources": [{"line": 2}, {"line": 3}, {"line": 4}]}, op="read_attendance_file")
V("file-ods-wide", "The wide sheet saved as OpenDocument (attendance-wide.ods), the NIP column kept as text, the worksheet named: read as a wide workbook sheet (the marks equal the CSV's: core/tests/workbooks.rs).",
  {"course": kc, "file": fixture("attendance-wide.ods"), "worksheet": "wide"},
  {"type": "success", "format": "ods", "worksheet": "wide", "layout": "wide", "delimiter": None}, op="read_attendance_file")
V("file-xlsx-unknown-worksheet", "A worksheet the workbook does not have is refused, naming the ones it has.",
  {"course": kc, "file": fixture("check-in-times.xlsx"), "worksheet": "Sheet1"},
  {"type": "failure", "errors": [{"code": "attendance.invalid_sheet", "details": {"problem": "unknown_worksheet", "value": "Sheet1 (times)"}}]}, op="read_attendance_file")
V("file-csv-windows-1252", "CSV bytes that are not UTF-8 (Windows-1252: 0xE9 is é) read as the CSV reader reads them, and the answer says so.",
  {"course": CSV_COURSE, "file": base64.b64encode("participant,session,status,note\np1,s1,hadir,Désirée\n".encode("cp1252")).decode()},
  {"type": "success", "format": "csv", "worksheet": None, "encoding": "windows-1252", "delimiter": ",", "attendance": [{"participant": "p1", "note": "Désirée"}]}, op="read_attendance_file")
V("file-csv-no-worksheet", "A worksheet named for a CSV file is refused: it has none.",
  {"course": CSV_COURSE, "file": base64.b64encode(b"participant,s1\np1,H\n").decode(), "worksheet": "wide"},
  {"type": "failure", "errors": [{"code": "attendance.invalid_sheet", "details": {"problem": "not_a_workbook"}}]}, op="read_attendance_file")
V("file-not-base64", "A file that is not base64 is refused.",
  {"course": CSV_COURSE, "file": "not base64!"}, fail("request.invalid_shape"), op="read_attendance_file")
V("file-scores-error-cell", "A scores workbook (scores-components.xlsx) whose p03 sikap cell is =NA(): the error cell is refused naming its worksheet, row 4 and column sikap, as a scores sheet's error.",
  {"course": kc, "file": fixture("scores-components.xlsx")},
  {"type": "failure", "errors": [{"code": "assessment.invalid_sheet", "details": {"worksheet": "scores", "line": 4, "column": "sikap", "problem": "cell_error", "value": "#N/A"}, "message": "scores sheet `scores`, line 4, column `sikap`: the cell holds a spreadsheet error or a duration, not a value (`#N/A`)"}]}, op="read_scores_file")
V("file-scores-csv", "Scores CSV bytes through the file operation: the same as read_scores_csv.",
  {"course": CSV_COURSE, "file": base64.b64encode("peserta;nilai\np1;85,5\n".encode()).decode()},
  {"type": "success", "format": "csv", "layout": "score", "scores": [{"participant": "p1", "score": 85.5}]}, op="read_scores_file")

NIK_COURSE = course(2, participants=[{"id": "p1", "name": "Satu", "nip": "197609172002011186"}, {"id": "p2", "name": "Anggota Dewan", "nik": "6472015708900002"}])
V("file-nip-or-nik", "A sheet with a NIP column and a NIK column: p1 is named by NIP, p2 (an elected council member with no NIP) by NIK.",
  {"course": NIK_COURSE, "file": base64.b64encode(b"NIP;NIK;s1;s2\n'197609172002011186;;H;H\n;6472015708900002;H;A\n").decode()},
  {"type": "success", "attendance": [{"participant": "p1", "session": "s1"}, {"participant": "p1", "session": "s2"},
                                      {"participant": "p2", "session": "s1", "status": "H"}, {"participant": "p2", "session": "s2", "status": "A"}]}, op="read_attendance_file")
V("file-nik-unknown", "A NIK no participant has is refused at its row.",
  {"course": NIK_COURSE, "file": base64.b64encode(b"nik,s1\n6472015708900009,H\n").decode()},
  {"type": "failure", "errors": [{"code": "attendance.invalid_sheet", "details": {"line": 2, "column": "nik", "problem": "unknown_nik"}}]}, op="read_attendance_file")
V("file-utf16-unicode-text", "Excel's 'Unicode text' export: UTF-16 little-endian with a byte-order mark, tab-separated: read, and the answer says utf-16le.",
  {"course": CSV_COURSE, "file": base64.b64encode(b"\xff\xfe" + "participant\ts1\ts2\r\np1\tH\tI\r\n".encode("utf-16-le")).decode()},
  {"type": "success", "encoding": "utf-16le", "delimiter": "\t", "attendance": [{"participant": "p1", "session": "s1", "status": "H"}, {"participant": "p1", "session": "s2", "status": "I"}]}, op="read_attendance_file")
V("file-encoding-unsure", "UTF-16 without a byte-order mark is neither UTF-8 nor Windows-1252 (it holds NUL bytes): refused as unknown_encoding, never read as garbage.",
  {"course": CSV_COURSE, "file": base64.b64encode("participant,s1\np1,H\n".encode("utf-16-le")).decode()},
  {"type": "failure", "errors": [{"code": "attendance.invalid_sheet", "details": {"problem": "unknown_encoding", "value": "0x00"}}]}, op="read_attendance_file")

# --- online-meeting reports (read_meeting_report) --------------------------------------
def meeting(name):
    with open(os.path.join(os.path.dirname(__file__), "..", "tests", "data", "meetings", name), "rb") as fh:
        return base64.b64encode(fh.read()).decode()
ONLINE = json.load(open(os.path.join(here, "..", "tests", "data", "meetings", "course.json")))
def cm(p, s, ci, co, note):
    return {"participant": p, "session": s, "check_in": ci, "check_out": co, "note": note}
# By hand, in WITA (+08:00): s1 08:00-09:30, s2 10:00-11:30.
#  Andi joined 07:58:03 (before s1) and left 11:31:10 (after s2): 90 min in each, checked in at each start.
#  Siti connected 08:04:40-08:50:05 and again 08:49:30-09:31:00: overlapping, merged to 08:04:40-09:31:00,
#    clipped to s1: 08:04:40-09:30:00 = 85 min 20 s (check-out written as check-in + 85:20 = 09:30:00).
#  Budi 08:45-09:00 in s1 (15 min) and 10:40-11:30 in s2 (50 min). Dewi is in no row: no mark.
ZOOM_MARKS = [cm("p1", "s1", "2025-07-21T00:00:00Z", "2025-07-21T01:30:00Z", "zoom: 1 connection(s), 90 min present"),
              cm("p1", "s2", "2025-07-21T02:00:00Z", "2025-07-21T03:30:00Z", "zoom: 1 connection(s), 90 min present"),
              cm("p2", "s1", "2025-07-21T00:04:40Z", "2025-07-21T01:30:00Z", "zoom: 2 connection(s), 85 min present"),
              cm("p3", "s1", "2025-07-21T00:45:00Z", "2025-07-21T01:00:00Z", "zoom: 1 connection(s), 15 min present"),
              cm("p3", "s2", "2025-07-21T02:40:00Z", "2025-07-21T03:30:00Z", "zoom: 1 connection(s), 50 min present")]
V("meeting-zoom", "Zoom's meeting participants report (tests/data/meetings/zoom-participants.csv: the meeting block, a blank row, then Name (Original Name), User Email, Join Time, Leave Time...; CRLF). Andi is matched by e-mail, Siti by her original name in 'Siti N (Siti Nurhaliza)', Budi by e-mail whatever its case. Intervals merged and clipped by hand (see make_vectors.py): Andi 90 + 90 min, Siti 85 min in s1 from two overlapping connections, Budi 15 + 50 min; the host (line 5) and a guest (line 11) match no participant and are listed, not dropped.",
  {"course": ONLINE, "file": meeting("zoom-participants.csv")},
  {"type": "success", "source": "zoom", "rows": 7, "attendance": ZOOM_MARKS,
   "unmatched": [{"line": 5, "name": "Admin BPSDM", "email": "host@bpsdm.kaltimprov.go.id", "reason": "no_match"},
                 {"line": 11, "name": "Tamu Luar", "email": None, "reason": "no_match"}]}, op="read_meeting_report")
V("meeting-teams", "Microsoft Teams' attendance report (tests/data/meetings/teams-attendance.csv: UTF-16 with a byte-order mark, tab-separated, sections 1. Summary, 2. Participants, 3. In-Meeting Activities; times 7/21/25, 8:04:40 AM). Every connection is read from section 3: the same presence as the Zoom report of the same meeting; the organiser (line 18) matches no participant.",
  {"course": ONLINE, "file": meeting("teams-attendance.csv")},
  {"type": "success", "source": "teams", "rows": 6, "attendance": [dict(m, note=m["note"].replace("zoom", "teams")) for m in ZOOM_MARKS],
   "unmatched": [{"line": 18, "name": "Admin BPSDM", "reason": "no_match"}]}, op="read_meeting_report")
V("meeting-meet-time-only", "Google Meet's attendance report (First name, Last name, Email, Duration, Time joined, Time exited) whose times have no date: read on the date given. Siti (no e-mail) is matched by first and last name; 8:04 AM to 9:31 AM is 86 min of s1; Budi 8:45 AM to 11:30 AM covers 45 min of s1 and all 90 of s2.",
  {"course": ONLINE, "file": meeting("meet-attendance.csv"), "date": "2025-07-21"},
  {"type": "success", "source": "meet", "rows": 3, "unmatched": [],
   "attendance": [{"participant": "p1", "session": "s1"}, {"participant": "p1", "session": "s2"},
                  cm("p2", "s1", "2025-07-21T00:04:00Z", "2025-07-21T01:30:00Z", "meet: 1 connection(s), 86 min present"),
                  cm("p3", "s1", "2025-07-21T00:45:00Z", "2025-07-21T01:30:00Z", "meet: 1 connection(s), 45 min present"),
                  cm("p3", "s2", "2025-07-21T02:00:00Z", "2025-07-21T03:30:00Z", "meet: 1 connection(s), 90 min present")]}, op="read_meeting_report")
V("meeting-time-without-date", "The same Meet report without the meeting's date: a time alone cannot be placed, and is refused at its line and column.",
  {"course": ONLINE, "file": meeting("meet-attendance.csv")},
  {"type": "failure", "errors": [{"code": "attendance.invalid_sheet", "details": {"line": 2, "column": "Time joined", "problem": "invalid_report_time", "value": "7:58 AM"}},
                                 {"code": "attendance.invalid_sheet", "details": {"line": 2, "column": "Time exited", "value": "11:31 AM"}},
                                 {"details": {"line": 3}}, {"details": {"line": 3}}, {"details": {"line": 4}}, {"details": {"line": 4}}]}, op="read_meeting_report")
ONE_ROW = b"Name (Original Name),User Email,Join Time,Leave Time,Duration (Minutes),Guest\nBudi Santoso,budi@example.com,07/21/2025 08:45:00 AM,07/21/2025 09:00:00 AM,15,Yes\n"
V("meeting-date-order-never-swapped", "A Zoom row read as day-first: 07/21/2025 would be the 7th of month 21, so both times are refused; the reader never swaps day and month on its own. Read month-first (the default), the same row is Budi's 15 minutes in s1.",
  {"course": ONLINE, "file": base64.b64encode(ONE_ROW).decode(), "date_order": "dmy"},
  {"type": "failure", "errors": [{"code": "attendance.invalid_sheet", "details": {"line": 2, "column": "Join Time", "problem": "invalid_report_time", "value": "07/21/2025 08:45:00 AM"}},
                                 {"code": "attendance.invalid_sheet", "details": {"line": 2, "column": "Leave Time", "problem": "invalid_report_time"}}]}, op="read_meeting_report")
V("meeting-date-order-mdy", "The same row month-first: Budi, 08:45 to 09:00 WITA, 15 minutes of s1.",
  {"course": ONLINE, "file": base64.b64encode(ONE_ROW).decode()},
  {"type": "success", "attendance": [cm("p3", "s1", "2025-07-21T00:45:00Z", "2025-07-21T01:00:00Z", "zoom: 1 connection(s), 15 min present")], "unmatched": []}, op="read_meeting_report")
V("meeting-day-first-24h", "A day-first report of its own (nama, email, masuk, keluar; 21.07.2025 10:40) read with date_order dmy, in the zone the report was written in, Asia/Jakarta (WIB, UTC+7), not the course's: 09:00-10:00 WIB is 02:00Z-03:00Z, 60 min of s2 (10:00-11:30 WITA); 10:40-11:30 WIB is 03:40Z-04:30Z, after s2 ends (03:30Z), so no presence.",
  {"course": ONLINE, "file": base64.b64encode("nama;email;masuk;keluar\nBudi Santoso;budi@example.com;21.07.2025 09:00;21.07.2025 10:00\nBudi Santoso;budi@example.com;21.07.2025 10:40;21.07.2025 11:30\n".encode()).decode(),
   "date_order": "dmy", "time_zone": "Asia/Jakarta"},
  {"type": "success", "source": "generic", "rows": 2, "attendance": [cm("p3", "s2", "2025-07-21T02:00:00Z", "2025-07-21T03:00:00Z", "generic: 1 connection(s), 60 min present")]}, op="read_meeting_report")
V("meeting-not-a-report", "An attendance sheet is not a meeting report: no join and leave columns.",
  {"course": ONLINE, "file": base64.b64encode(b"participant,s1,s2\np1,H,H\n").decode()},
  {"type": "failure", "errors": [{"code": "attendance.invalid_sheet", "details": {"problem": "not_a_meeting_report"}}]}, op="read_meeting_report")
V("meeting-minutes-decide", "The Zoom report's marks under measure minutes, minimum 75 % of 180 min: Andi 180/180 LULUS; Siti 85/180 = 47.22 % and Budi 65/180 = 36.11 % TELAH MENGIKUTI; Dewi, in no row, never attended: no document.",
  req(ONLINE, ZOOM_MARKS, policy={"measure": "minutes", "minimum_percent": 75}),
  ok([dec("p1", "lulus", 180, 180, (1, 1), 100), dec("p2", "telah_mengikuti", 85, 180, (17, 36), 47.22),
      dec("p3", "telah_mengikuti", 65, 180, (13, 36), 36.11), dec("p4", "no_document", 0, 180)]))
V("meeting-presence-decides-sessions", "The same marks under the sessions measure with minimum_presence_percent 50 (grace 30 min): Andi present in both (2/2) LULUS; Siti present in s1 (85 of 90 min, on time) and absent from s2: 1/2 TELAH MENGIKUTI; Budi's 15 of 90 min in s1 is below half (absent) and in s2 he checked in at 10:40, after 10:30: late but present 50 of 90 min: 1/2 TELAH MENGIKUTI.",
  req(ONLINE, ZOOM_MARKS, policy={"check_in": {"minimum_presence_percent": 50}}, trace=True),
  ok([dec("p1", "lulus", 2, 2), dec("p2", "telah_mengikuti", 1, 2),
      dec("p3", "telah_mengikuti", 1, 2, trace=[{"session": "s1", "status": "alpha", "note": "presence_below_minimum"}, {"session": "s2", "status": "terlambat", "minutes_present": 50}]),
      dec("p4", "no_document", 0, 2)]))

# --- Moodle's attendance module export (read_moodle_export) -----------------------------
def moodle(name):
    with open(os.path.join(os.path.dirname(__file__), "..", "tests", "data", "moodle", name), "rb") as fh:
        return base64.b64encode(fh.read()).decode()
# By hand from tests/data/moodle/attendance-export.txt (mod_attendance's text export with
# remarks): the columns '21 Jul 2025 08.00AM All students' and '21 Jul 2025 10.00AM ...' are
# s1 and s2 (08:00 and 10:00 WITA). Andi (by e-mail) P, P; Siti (by name, no e-mail) L with
# the remark 'jaringan putus', E with 'surat izin'; Budi A in s1 and '?' (not taken) in s2;
# Dewi's enrolment starts later ('User enrolment starts ...', then the repeat mark): no
# marks; 'Peserta Tamu' (line 9) is no participant.
MOODLE_MARKS = [{"participant": "p1", "session": "s1", "status": "hadir"}, {"participant": "p1", "session": "s2", "status": "hadir"},
                {"participant": "p2", "session": "s1", "status": "terlambat", "note": "jaringan putus"},
                {"participant": "p2", "session": "s2", "status": "izin", "note": "surat izin"},
                {"participant": "p3", "session": "s1", "status": "alpha"}]
V("moodle-text-export", "mod_attendance's text export (Course and Group rows, a blank row, the header, a remarks column after each session; cells like 'P (2/2)'), read by hand as described in make_vectors.py.",
  {"course": ONLINE, "file": moodle("attendance-export.txt")},
  {"type": "success", "format": "text", "sessions": ["s1", "s2"], "attendance": MOODLE_MARKS,
   "sources": [{"line": 5, "column": "21 Jul 2025 08.00AM All students"}, {"line": 5, "column": "21 Jul 2025 10.00AM All students"},
               {"line": 6}, {"line": 6}, {"line": 7}],
   "unmatched": [{"line": 9, "name": "Peserta Tamu"}]}, op="read_moodle_export")
V("moodle-ods-export", "The same export as a spreadsheet (tests/data/moodle/attendance-export.ods, saved by LibreOffice Calc): the same marks, lines are rows.",
  {"course": ONLINE, "file": moodle("attendance-export.ods")},
  {"type": "success", "format": "ods", "attendance": MOODLE_MARKS, "unmatched": [{"line": 9, "name": "Peserta Tamu"}]}, op="read_moodle_export")
V("moodle-decide", "The export's marks decided with the default policy (sessions, 90 %): Andi 2/2 LULUS; Siti late (full credit) and excused (absent by default) 1/2 TELAH MENGIKUTI; Budi absent and not taken (absent once the course is over): never attended, no document; Dewi, no marks: no document.",
  req(ONLINE, MOODLE_MARKS),
  ok([dec("p1", "lulus", 2, 2), dec("p2", "telah_mengikuti", 1, 2), dec("p3", "no_document", 0, 2), dec("p4", "no_document", 0, 2)]))
V("moodle-own-acronyms", "An acronym mapping of one's own (an Indonesian Moodle: H, T, I, S, A): an export whose acronyms the mapping lacks is refused at the cell; 'P' is not in this mapping.",
  {"course": ONLINE, "file": moodle("attendance-export.txt"), "statuses": {"H": "hadir", "T": "terlambat", "I": "izin", "S": "sakit", "A": "alpha"}},
  {"type": "failure", "errors": [{"code": "attendance.invalid_sheet", "details": {"line": 5, "column": "21 Jul 2025 08.00AM All students", "problem": "unknown_acronym", "value": "P (2/2)"}},
                                 {"details": {"line": 5, "problem": "unknown_acronym"}}, {"details": {"line": 6, "value": "L (1/2)"}}, {"details": {"line": 6, "value": "E (1/2)"}}]}, op="read_moodle_export")
V("moodle-unknown-session", "A session column whose start is no session of the course is refused, naming the column.",
  {"course": ONLINE, "file": base64.b64encode("Last name\tFirst name\t22 Jul 2025 08.00AM All students\nHidayat\tAndi Rahmat\tP (2/2)\n".encode()).decode()},
  {"type": "failure", "errors": [{"code": "attendance.invalid_sheet", "details": {"line": 1, "column": "22 Jul 2025 08.00AM All students", "problem": "unknown_session_column"}}]}, op="read_moodle_export")

# --- out to the personnel system (personnel_export) -------------------------------------
THREE = json.load(open(os.path.join(here, "..", "tests", "data", "certificates", "kaltim-three.json")))
C3 = THREE["certificates"]
NIP01, NIP11 = C3[0]["holder"]["nip"], C3[1]["holder"]["nip"]
ORG = "Badan Pengembangan Sumber Daya Manusia Provinsi Kalimantan Timur"
TITLE = "Pelatihan Pelayanan Publik Berbasis IT"
REC01 = {"nip": NIP01, "namaKursus": TITLE, "jenisKursusSertipikat": "STTPP", "jenisDiklatId": None, "nomorSertipikat": "00001/BPSDM-KALTIM/VII/2025",
         "tanggalKursus": "17-07-2025", "tanggalSelesaiKursus": "17-07-2025", "tahunKursus": 2025, "jumlahJam": 10, "institusiPenyelenggara": ORG}
V("personnel-siasn-records", "Three certificates of the demo: p01's STTPP (LULUS) becomes a SIASN training-history record (dates DD-MM-YYYY, 10 JP, the organiser as institusiPenyelenggara); p11's surat keterangan (TELAH MENGIKUTI) earns no JP by default and p02's holder has a NIK but no NIP: both skipped with the reason. The yearly report credits p01 10 JP in 2025: 10 short of 20.",
  {"certificates": C3},
  {"type": "success", "records": [REC01],
   "records_csv": "nip,namaKursus,jenisKursusSertipikat,jenisDiklatId,nomorSertipikat,tanggalKursus,tanggalSelesaiKursus,tahunKursus,jumlahJam,institusiPenyelenggara\n"
                  f"{NIP01},{TITLE},STTPP,,00001/BPSDM-KALTIM/VII/2025,17-07-2025,17-07-2025,2025,10,{ORG}\n",
   "skipped": [{"certificate": C3[1]["id"], "number": C3[1]["number"], "reason": "outcome"}, {"certificate": C3[2]["id"], "number": C3[2]["number"], "reason": "no_nip"}],
   "yearly": [{"nip": NIP01, "year": 2025, "jp": 10, "obligation_jp": 20, "met": False, "shortfall_jp": 10, "courses": ["bpsdm-kaltim-2025-ppbit"]}],
   "yearly_csv": f"nip,year,jp,obligation_jp,met,shortfall_jp,courses\n{NIP01},2025,10,20,false,10,bpsdm-kaltim-2025-ppbit\n"}, op="personnel_export")
V("personnel-all-outcomes", "With outcomes lulus and telah_mengikuti and SIASN's kind-of-training reference 1: p11's surat keterangan is a record too (jenisKursusSertipikat 'Surat Keterangan'), each employee 10 JP in 2025; an obligation of 10 JP is met by both.",
  {"certificates": C3, "outcomes": ["lulus", "telah_mengikuti"], "jenis_diklat_id": "1", "obligation_jp": 10},
  {"type": "success", "records": [dict(REC01, jenisDiklatId="1"), {"nip": NIP11, "jenisKursusSertipikat": "Surat Keterangan", "nomorSertipikat": C3[1]["number"], "jenisDiklatId": "1", "jumlahJam": 10}],
   "skipped": [{"reason": "no_nip"}],
   "yearly": [{"nip": min(NIP01, NIP11), "met": True, "shortfall_jp": 0}, {"nip": max(NIP01, NIP11), "met": True}]}, op="personnel_export")
CHART_COURSE = course(10, participants=("p1", "p2", "p3"))
V("chart-histogram", "The cohort picture of a finished course: p1 attended 10 of 10 (100 %, the last bin, which holds 100), p2 8 of 10 (80 %), p3 5 of 10 (50 %): one participant in each of the bins 50-60, 80-90 and 90-100; nobody is at risk once the course is over.",
  req(CHART_COURSE, marks("p1", ["hadir"] * 10) + marks("p2", ["hadir"] * 8 + ["alpha"] * 2) + marks("p3", ["hadir"] * 5 + ["alpha"] * 5)),
  {"type": "success", "histogram": [0, 0, 0, 0, 0, 1, 0, 0, 1, 1], "at_risk": []}, op="chart")
V("chart-at-risk-while-running", "As of 10:00 (s1-s2 held): p1 attended 1 of 2 (50 %) and may miss none of the 8 left, so is at risk; p2 attended both (100 %, 1 absence still allowed); p3 has no marks (0 %, 0 of 2) and can no longer reach 90 % (not at risk: unreachable).",
  req(CHART_COURSE, marks("p1", ["hadir", "alpha"]) + marks("p2", ["hadir", "hadir"]), as_of="2025-07-17T10:00:00+08:00"),
  {"type": "success", "histogram": [1, 0, 0, 0, 0, 1, 0, 0, 0, 1], "at_risk": ["p1"]}, op="chart")
V("chart-refuses-what-evaluate-refuses", "The picture is drawn from the evaluation: an unknown status is refused as evaluate refuses it.",
  req(CHART_COURSE, marks("p1", ["bolos"])), fail("attendance.unknown_status"), op="chart")
REVOKED = json.loads(json.dumps(THREE["register"]))
for e in REVOKED["certificates"]:
    if e["id"] == C3[0]["id"]:
        e["state"] = "revoked"; e["changed_at"] = "2025-08-01T00:00:00Z"; e["reason"] = "data salah"
V("personnel-revoked-left-out", "With the register, a revoked certificate is no record: p01's STTPP was revoked, so nothing is exported and the yearly report is empty.",
  {"certificates": C3, "register": REVOKED},
  {"type": "success", "records": [], "yearly": [], "skipped": [{"certificate": C3[0]["id"], "reason": "revoked"}, {"reason": "outcome"}, {"reason": "no_nip"}]}, op="personnel_export")

if __name__ == "__main__":
    for f in os.listdir(OUT):
        if f.endswith(".json"):
            os.remove(os.path.join(OUT, f))
    names = set()
    for name, v in VECTORS:
        assert name not in names, name
        names.add(name)
        with open(os.path.join(OUT, name + ".json"), "w") as fh:
            json.dump(v, fh, indent=2, ensure_ascii=False)
            fh.write("\n")
    print(len(VECTORS), "vectors")
