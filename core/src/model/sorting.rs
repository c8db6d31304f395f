//! One small stable sort for the core's short lists (a course's sessions, an object's
//! members, a participant's late or droppable sessions). Binary insertion: `n log n`
//! comparisons and moves of at most the list, in about a hundred bytes of code per use,
//! where the standard library's sort (quicker on long lists) adds several kilobytes to
//! the WebAssembly package for each element type and comparison it is used with.

use std::cmp::Ordering;

/// Sorts `v` by `compare`, keeping equal elements in their order.
pub(crate) fn sort_by<T>(v: &mut [T], mut compare: impl FnMut(&T, &T) -> Ordering) {
    for i in 1..v.len() {
        let (sorted, rest) = v.split_at(i);
        let Some(item) = rest.first() else { break };
        let at = sorted.partition_point(|e| compare(e, item) != Ordering::Greater);
        v[at..=i].rotate_right(1);
    }
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    proptest! {
        /// The same order as the standard library's stable sort, equal keys included.
        #[test]
        fn sorts_as_the_standard_stable_sort(items in proptest::collection::vec((0u8..8, any::<u16>()), 0..200)) {
            let mut ours = items.clone();
            super::sort_by(&mut ours, |a, b| a.0.cmp(&b.0));
            let mut std = items;
            std.sort_by_key(|a| a.0);
            prop_assert_eq!(ours, std);
        }
    }
}
