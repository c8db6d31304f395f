//! One small stable sort for the core's lists (a course's sessions, an object's members,
//! a participant's late or droppable sessions), instead of the standard library's sort
//! instantiated for each element type and comparison: each instantiation adds several
//! kilobytes to the WebAssembly package. Short lists (the usual case) are sorted by binary
//! insertion; longer ones by a merge sort of their indices, then moving the elements
//! into place.

use std::cmp::Ordering;

/// Lists up to this long are sorted by binary insertion (at most 32 x 32 moves).
const SHORT: usize = 32;

/// Sorts `v` in its natural order.
pub(crate) fn sort<T: Ord>(v: &mut [T]) {
    sort_by(v, T::cmp);
}

/// Sorts `v` by `compare`, keeping equal elements in their order.
pub(crate) fn sort_by<T>(v: &mut [T], mut compare: impl FnMut(&T, &T) -> Ordering) {
    if v.len() <= SHORT {
        for i in 1..v.len() {
            let (sorted, rest) = v.split_at(i);
            let Some(item) = rest.first() else { break };
            let at = sorted.partition_point(|e| compare(e, item) != Ordering::Greater);
            v[at..=i].rotate_right(1);
        }
        return;
    }
    let mut order: Vec<usize> = (0..v.len()).collect();
    sort_indices(&mut order, &mut |a, b| compare(&v[a], &v[b]));
    // Position `i` takes the element at `order[i]`: follow each cycle once, marking the
    // positions done as fixed points.
    for i in 0..order.len() {
        let mut j = i;
        while order[j] != i {
            let k = order[j];
            v.swap(j, k);
            order[j] = j;
            j = k;
        }
        order[j] = j;
    }
}

/// A stable bottom-up merge sort of indices compared through `compare`: `n log n`
/// comparisons, one buffer, and one copy of its code for every use above.
fn sort_indices(order: &mut Vec<usize>, compare: &mut dyn FnMut(usize, usize) -> Ordering) {
    let n = order.len();
    let mut merged = vec![0; n];
    let mut width = 1;
    while width < n {
        let mut start = 0;
        while start < n {
            let mid = (start + width).min(n);
            let end = (start + 2 * width).min(n);
            let (mut a, mut b, mut k) = (start, mid, start);
            while a < mid && b < end {
                // The left run's element first unless the right one is strictly less.
                if compare(order[b], order[a]) == Ordering::Less {
                    merged[k] = order[b];
                    b += 1;
                } else {
                    merged[k] = order[a];
                    a += 1;
                }
                k += 1;
            }
            let rest = mid - a;
            merged[k..k + rest].copy_from_slice(&order[a..mid]);
            merged[k + rest..end].copy_from_slice(&order[b..end]);
            start = end;
        }
        std::mem::swap(order, &mut merged);
        width *= 2;
    }
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    proptest! {
        /// The same order as the standard library's stable sort, equal keys included.
        #[test]
        fn sorts_as_the_standard_stable_sort(items in proptest::collection::vec((0u8..8, any::<u16>()), 0..300)) {
            let mut ours = items.clone();
            super::sort_by(&mut ours, |a, b| a.0.cmp(&b.0));
            let mut std = items;
            std.sort_by_key(|a| a.0);
            prop_assert_eq!(ours, std);
        }
    }
}
