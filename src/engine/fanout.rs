//! Work spread over at most N threads, the results in the order of the input; a worker's panic
//! is the run's (re-raised, so the panic hook reports it once), never a silently empty result.

pub fn in_parallel<T: Sync, R: Send>(
    items: &[T],
    concurrency: usize,
    work: impl Fn(&T) -> R + Sync,
) -> Vec<R> {
    let per_thread = items.len().div_ceil(concurrency.max(1)).max(1);
    let work = &work;
    std::thread::scope(|scope| {
        let handles: Vec<_> = items
            .chunks(per_thread)
            .map(|group| scope.spawn(move || group.iter().map(work).collect::<Vec<R>>()))
            .collect();
        handles
            .into_iter()
            .flat_map(|h| {
                h.join()
                    .unwrap_or_else(|panic| std::panic::resume_unwind(panic))
            })
            .collect()
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn results_keep_the_input_order_whatever_the_threads() {
        let items: Vec<u32> = (0..23).collect();
        for concurrency in [0, 1, 4, 64] {
            assert_eq!(
                in_parallel(&items, concurrency, |i| i * 2),
                (0..23).map(|i| i * 2).collect::<Vec<_>>()
            );
        }
        assert!(in_parallel(&[] as &[u32], 4, |i| *i).is_empty());
    }
}
