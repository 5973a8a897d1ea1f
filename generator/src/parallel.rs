//! Independent work spread over the machine's cores.
//!
//! Spec files parse independently, and generated files render
//! independently, so both stages map a slice of jobs on scoped threads.
//! Results come back in the jobs' order whatever thread did them, so
//! output stays a pure function of the spec. Jobs are taken one at a time
//! from a shared counter rather than split into fixed halves, because their
//! sizes differ widely (the types module is a third of the output).

use std::sync::atomic::{AtomicUsize, Ordering};

/// `f` applied to every job, in the jobs' order.
pub(crate) fn map<T: Sync, R: Send>(jobs: &[T], f: impl Fn(&T) -> R + Sync) -> Vec<R> {
    let threads = std::thread::available_parallelism().map_or(1, |n| n.get()).min(jobs.len());
    if threads <= 1 {
        return jobs.iter().map(f).collect();
    }
    let next = AtomicUsize::new(0);
    let worker = || {
        let mut done = Vec::new();
        loop {
            let i = next.fetch_add(1, Ordering::Relaxed);
            let Some(job) = jobs.get(i) else { return done };
            done.push((i, f(job)));
        }
    };
    let mut results: Vec<(usize, R)> = std::thread::scope(|scope| {
        let handles: Vec<_> = (0..threads).map(|_| scope.spawn(worker)).collect();
        // A worker only panics on a generator bug; the panic is passed on
        // unchanged rather than turned into a second, vaguer one.
        handles.into_iter().flat_map(|h| h.join().unwrap_or_else(|e| std::panic::resume_unwind(e))).collect()
    });
    results.sort_unstable_by_key(|(i, _)| *i);
    results.into_iter().map(|(_, r)| r).collect()
}

#[cfg(test)]
mod tests {
    #[test]
    fn results_keep_the_order_of_the_jobs() {
        let jobs: Vec<u64> = (0..1000).collect();
        let squares = super::map(&jobs, |n| {
            // Uneven work, so threads finish out of order.
            if n % 7 == 0 {
                std::thread::yield_now();
            }
            n * n
        });
        assert_eq!(squares, jobs.iter().map(|n| n * n).collect::<Vec<_>>());
    }

    #[test]
    fn no_jobs_no_results() {
        assert!(super::map(&[] as &[u8], |_| 0).is_empty());
    }
}
