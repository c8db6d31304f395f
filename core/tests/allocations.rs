//! "A cohort call is linear in the number of marks and does not allocate per mark": counted
//! with a global allocator that tallies the allocations of the calling thread only (the
//! test harness allocates on other threads at any time).

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // test code
#![allow(unsafe_code)] // a GlobalAlloc wrapper is unsafe by definition; it only counts

use std::alloc::{GlobalAlloc, Layout, System};
use std::cell::Cell;

use tamat::{Course, EvaluateOptions, Evaluator, Mark, StatusGrid};

struct Counting;

thread_local! {
    // `const` initialisation: reading it never allocates, so the allocator may use it.
    static ALLOCATIONS: Cell<usize> = const { Cell::new(0) };
}

unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        // `try_with`: during thread teardown the counter may be gone; then don't count.
        let _ = ALLOCATIONS.try_with(|n| n.set(n.get() + 1));
        unsafe { System.alloc(layout) }
    }
    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        unsafe { System.dealloc(ptr, layout) }
    }
}

#[global_allocator]
static GLOBAL: Counting = Counting;

fn counted<T>(f: impl FnOnce() -> T) -> (T, usize) {
    let before = ALLOCATIONS.with(Cell::get);
    let out = f();
    (out, ALLOCATIONS.with(Cell::get) - before)
}

fn course(participants: usize, sessions: usize) -> Course {
    let sessions: Vec<serde_json::Value> = (0..sessions)
        .map(|i| {
            let (day, hour) = (1 + i / 10, 8 + i % 10);
            serde_json::json!({"id": format!("s{i}"), "start": format!("2025-07-{day:02}T{hour:02}:00"), "end": format!("2025-07-{day:02}T{hour:02}:50")})
        })
        .collect();
    let participants: Vec<serde_json::Value> = (0..participants)
        .map(|i| serde_json::json!({"id": format!("p{i}"), "name": "x"}))
        .collect();
    serde_json::from_value(serde_json::json!({"id": "c", "title": "t", "time_zone": "Asia/Makassar", "sessions": sessions, "participants": participants})).unwrap()
}

fn marks(participants: usize, sessions: usize) -> Vec<Mark> {
    let words = ["hadir", "Terlambat", "izin", "SAKIT", "alpha"];
    (0..participants)
        .flat_map(|p| (0..sessions).map(move |s| Mark::status(&format!("p{p}"), &format!("s{s}"), words[(p + s) % 5])))
        .collect()
}

#[test]
fn reading_marks_allocates_nothing_per_mark() {
    let ev = Evaluator::new(&course(50, 20), None).unwrap();
    let few = marks(50, 2);
    let many = marks(50, 20);
    let (_, a_few) = counted(|| ev.grid(&few).unwrap());
    let (_, a_many) = counted(|| ev.grid(&many).unwrap());
    // 100 marks or 1,000 marks: the same handful of buffers (the grid, and the buffers
    // of the last participant, session and status word remembered).
    assert_eq!(a_few, a_many, "{a_few} allocations for 100 marks, {a_many} for 1000");
    assert!(a_many <= 6, "{a_many}");
}

#[test]
fn counting_a_cohort_allocates_nothing_per_participant_or_mark() {
    for (p, s) in [(10, 5), (1_000, 40)] {
        let ev = Evaluator::new(&course(p, s), None).unwrap();
        let sheet: StatusGrid = ev.grid(&marks(p, s)).unwrap();
        let (summary, n) = counted(|| ev.summarize(&sheet, &[], None).unwrap());
        assert_eq!(summary.participants, p);
        assert!(n <= 2, "{p} x {s}: {n} allocations");
    }
}

#[test]
fn decisions_allocate_per_participant_not_per_mark() {
    let per_participant = |sessions: usize| {
        let ev = Evaluator::new(&course(100, sessions), None).unwrap();
        let sheet = ev.grid(&marks(100, sessions)).unwrap();
        let (e, n) = counted(|| {
            ev.evaluate(
                &sheet,
                &[],
                &EvaluateOptions {
                    as_of: None,
                    trace: false,
                },
            )
            .unwrap()
        });
        assert_eq!(e.decisions.len(), 100);
        n / 100
    };
    assert_eq!(per_participant(4), per_participant(30));
}
