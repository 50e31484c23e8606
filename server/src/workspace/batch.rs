//! Many targets at once: checked or fixed on worker threads, one per core, each result handed
//! on in the order of the targets as soon as those before it are, with a bounded window of
//! results waiting, so that memory stays that of a handful of connectors.

use super::{
    ConnectorReport, FixedReport, Target, TargetConfigs, check_target_against, fix_target_against,
};
use crate::rules::TitlesSeen;

/// Fix every target in parallel, handing each result to `deliver` in the order of `targets`
/// (see [`in_order`]).
pub fn fix_each(
    targets: &[Target],
    configs: &TargetConfigs,
    unsafe_fixes: bool,
    deliver: impl FnMut(&Target, std::io::Result<FixedReport>),
) {
    in_order(
        targets,
        |target| {
            contain_panic(|| {
                fix_target_against(target, configs.of(target), unsafe_fixes, configs.base())
            })
        },
        deliver,
    );
}

/// Check every target in parallel, handing each report to `deliver` in the order of
/// `targets` (see [`in_order`]), with the findings that need the connectors before it
/// (a title one of them has: info-title-duplicate).
pub fn check_each(
    targets: &[Target],
    configs: &TargetConfigs,
    mut deliver: impl FnMut(&Target, std::io::Result<ConnectorReport>),
) {
    let mut titles = TitlesSeen::default();
    in_order(
        targets,
        |target| contain_panic(|| check_target_against(target, configs.of(target), configs.base())),
        |target, mut result| {
            if let (Ok(report), Target::Folder(_)) = (&mut result, target) {
                titles.note(
                    &report.connector,
                    configs.of(target),
                    &mut report.diagnostics,
                );
            }
            deliver(target, result)
        },
    );
}

/// Fix every target in parallel; results keep the order of `targets`.
pub fn fix_all(
    targets: &[Target],
    configs: &TargetConfigs,
    unsafe_fixes: bool,
) -> Vec<(Target, std::io::Result<FixedReport>)> {
    let mut results = Vec::with_capacity(targets.len());
    fix_each(targets, configs, unsafe_fixes, |target, result| {
        results.push((target.clone(), result));
    });
    results
}

/// Check every target in parallel; results keep the order of `targets`.
pub fn check_all(
    targets: &[Target],
    configs: &TargetConfigs,
) -> Vec<(Target, std::io::Result<ConnectorReport>)> {
    let mut results = Vec::with_capacity(targets.len());
    check_each(targets, configs, |target, result| {
        results.push((target.clone(), result));
    });
    results
}

/// How many results may wait, per worker, for an earlier one to be delivered: enough that a
/// large connector does not stall the others, few enough that memory stays that of a handful
/// of connectors, whatever the number checked.
pub(super) const AHEAD_PER_WORKER: usize = 2;

/// Run `work` on every item on worker threads (one per core) and hand each result
/// to `deliver` on this thread, in the order of `items`, as soon as the results before it have
/// been delivered. A worker does not start an item more than a bounded window ahead of the
/// next one to deliver, so that a batch run holds a few analysed connectors at a time, not all.
pub fn in_order<I: Sync, T: Send>(
    items: &[I],
    work: impl Fn(&I) -> T + Sync,
    mut deliver: impl FnMut(&I, T),
) {
    use std::sync::atomic::{AtomicUsize, Ordering};
    use std::sync::{Condvar, Mutex, mpsc};

    let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
    let workers = cores.clamp(1, items.len().max(1));
    let window = workers * AHEAD_PER_WORKER;
    let next = AtomicUsize::new(0);
    // The index of the next result to deliver; workers wait on it to stay in the window.
    let delivered = (Mutex::new(0usize), Condvar::new());
    let (send, receive) = mpsc::channel::<(usize, T)>();
    std::thread::scope(|scope| {
        for _ in 0..workers {
            let send = send.clone();
            let (next, delivered, work) = (&next, &delivered, &work);
            scope.spawn(move || {
                loop {
                    let index = next.fetch_add(1, Ordering::Relaxed);
                    let Some(item) = items.get(index) else { break };
                    let (lock, moved) = delivered;
                    let mut done = lock.lock().unwrap_or_else(|e| e.into_inner());
                    while index >= *done + window {
                        done = moved.wait(done).unwrap_or_else(|e| e.into_inner());
                    }
                    drop(done);
                    if send.send((index, work(item))).is_err() {
                        break;
                    }
                }
            });
        }
        drop(send);
        // Should `deliver` panic, the workers waiting for the window must not wait forever.
        let _release = ReleaseOnDrop(&delivered);
        let mut waiting = std::collections::BTreeMap::new();
        let mut expected = 0;
        for (index, result) in receive {
            waiting.insert(index, result);
            while let Some(result) = waiting.remove(&expected) {
                deliver(&items[expected], result);
                expected += 1;
                let (lock, moved) = &delivered;
                *lock.lock().unwrap_or_else(|e| e.into_inner()) = expected;
                moved.notify_all();
            }
        }
    });
}

/// Opens the window of [`in_order`] completely when delivery stops.
struct ReleaseOnDrop<'a>(&'a (std::sync::Mutex<usize>, std::sync::Condvar));

impl Drop for ReleaseOnDrop<'_> {
    fn drop(&mut self) {
        let (lock, moved) = self.0;
        *lock.lock().unwrap_or_else(|e| e.into_inner()) = usize::MAX / 2;
        moved.notify_all();
    }
}

/// Run one target's work, turning a panic (a bug) into an error for that target, so that
/// `check` still reports the other connectors and exits with 2, never with a panic's 101.
pub(super) fn contain_panic<T>(work: impl FnOnce() -> std::io::Result<T>) -> std::io::Result<T> {
    std::panic::catch_unwind(std::panic::AssertUnwindSafe(work)).unwrap_or_else(|_| {
        Err(std::io::Error::other(
            "internal error while analysing (a bug in connector-ls; please report it)",
        ))
    })
}
