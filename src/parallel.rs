//! Work on every core with results in input order: the driver under `extract`, `build` and
//! `quads`.
//!
//! Worker threads pull the next item themselves (so a slow article never leaves a core idle
//! behind it, as fixed chunks would), and the calling thread hands results to the sink in input
//! order while the workers go on. At most `in_flight` items are taken and not yet sunk, so memory
//! is bounded by that window whatever the input's size.

use std::collections::BTreeMap;
use std::panic::{self, AssertUnwindSafe};
use std::sync::mpsc;
use std::sync::{Condvar, Mutex, MutexGuard};

/// Worker threads: `ZHKG_THREADS` if set, else the machine's parallelism.
pub fn threads() -> usize {
    std::env::var("ZHKG_THREADS")
        .ok()
        .and_then(|n| n.parse().ok())
        .filter(|&n: &usize| n > 0)
        .unwrap_or_else(|| std::thread::available_parallelism().map_or(1, |n| n.get()))
}

/// Maps `f` over `items` on `threads` threads and hands each result to `sink` in the order of
/// `items`. Stops at the first error of `sink` and returns it. A panic in `f` is re-raised here
/// after the other workers have stopped.
pub(crate) fn for_each_ordered<T: Send, R: Send, E>(
    items: impl Iterator<Item = T> + Send,
    threads: usize,
    in_flight: usize,
    f: impl Fn(T) -> R + Sync,
    mut sink: impl FnMut(R) -> Result<(), E>,
) -> Result<(), E> {
    if threads <= 1 {
        for item in items {
            sink(f(item))?;
        }
        return Ok(());
    }
    let source = Mutex::new(Some(items.enumerate()));
    let permits = Permits::new(in_flight.max(threads));
    let (done, results) = mpsc::channel::<(usize, R)>();
    std::thread::scope(|scope| {
        for _ in 0..threads {
            let done = done.clone();
            let (source, permits, f) = (&source, &permits, &f);
            scope.spawn(move || work(source, permits, f, done));
        }
        drop(done);
        let mut waiting = BTreeMap::new();
        let mut next = 0;
        let mut outcome = Ok(());
        for (index, result) in results {
            waiting.insert(index, result);
            while let Some(result) = waiting.remove(&next) {
                next += 1;
                permits.release();
                if outcome.is_ok() {
                    outcome = sink(result);
                    if outcome.is_err() {
                        // Stop the workers: nothing more is read.
                        *lock(&source) = None;
                        permits.close();
                    }
                }
            }
        }
        outcome
    })
}

/// One worker: takes a permit, then the next item, until the items or the permits run out.
fn work<I: Iterator<Item = (usize, T)>, T, R>(
    source: &Mutex<Option<I>>,
    permits: &Permits,
    f: &(impl Fn(T) -> R + Sync),
    done: mpsc::Sender<(usize, R)>,
) {
    while permits.acquire() {
        let next = lock(source).as_mut().and_then(Iterator::next);
        let Some((index, item)) = next else {
            permits.close();
            return;
        };
        match panic::catch_unwind(AssertUnwindSafe(|| f(item))) {
            Ok(result) => {
                if done.send((index, result)).is_err() {
                    return;
                }
            }
            Err(panic) => {
                permits.close();
                panic::resume_unwind(panic);
            }
        }
    }
}

/// A lock that a panicking worker cannot poison for the others: the data (an iterator, a count)
/// stays usable.
fn lock<T>(mutex: &Mutex<T>) -> MutexGuard<'_, T> {
    mutex
        .lock()
        .unwrap_or_else(|poisoned| poisoned.into_inner())
}

/// A counting semaphore that can be closed: items taken but not yet sunk.
struct Permits {
    state: Mutex<(usize, bool)>,
    changed: Condvar,
}

impl Permits {
    fn new(count: usize) -> Permits {
        Permits {
            state: Mutex::new((count, false)),
            changed: Condvar::new(),
        }
    }

    /// Waits for a permit; false once closed.
    fn acquire(&self) -> bool {
        let mut state = lock(&self.state);
        while state.0 == 0 && !state.1 {
            state = self
                .changed
                .wait(state)
                .unwrap_or_else(|poisoned| poisoned.into_inner());
        }
        if state.1 {
            return false;
        }
        state.0 -= 1;
        true
    }

    fn release(&self) {
        lock(&self.state).0 += 1;
        self.changed.notify_one();
    }

    fn close(&self) {
        lock(&self.state).1 = true;
        self.changed.notify_all();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Work that takes longer for some items than others, so they finish out of order.
    fn uneven(n: u64) -> u64 {
        std::thread::sleep(std::time::Duration::from_micros((n * 7919) % 500));
        n * n
    }

    #[test]
    fn results_come_in_input_order_whatever_the_threads() {
        for threads in [1, 2, 4] {
            let mut seen = Vec::new();
            let result: Result<(), ()> = for_each_ordered(0..200u64, threads, 8, uneven, |r| {
                seen.push(r);
                Ok(())
            });
            assert!(result.is_ok());
            assert_eq!(seen, (0..200u64).map(|n| n * n).collect::<Vec<_>>());
        }
    }

    #[test]
    fn a_sink_error_stops_the_reading() {
        let read = std::sync::atomic::AtomicUsize::new(0);
        let items = (0..10_000u64).inspect(|_| {
            read.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        });
        let mut sunk = 0;
        let result = for_each_ordered(items, 2, 16, uneven, |_| {
            sunk += 1;
            if sunk == 5 {
                Err("disk full")
            } else {
                Ok(())
            }
        });
        assert_eq!(result, Err("disk full"));
        let read = read.load(std::sync::atomic::Ordering::Relaxed);
        assert!(
            read <= 5 + 16 + 2,
            "read {read} items after the sink failed"
        );
    }

    #[test]
    fn a_panic_in_the_work_reaches_the_caller() {
        let outcome = std::panic::catch_unwind(|| {
            for_each_ordered(
                0..100u64,
                2,
                4,
                |n| if n == 37 { panic!("bad item") } else { n },
                |_| Ok::<(), ()>(()),
            )
        });
        assert!(outcome.is_err());
    }
}
