//! What a user sizing a function needs from a run of many invocations: Max Memory Used over
//! the run (first, median, maximum) and how fast it grows, printed after the last REPORT.

use crate::Report;

/// Invocations before growth is measured: the first ones still fill caches and pools.
const WARM_UP: usize = 100;
/// Fewest invocations for a growth figure: over fewer, a page or two reads as a trend.
const MIN_GROWTH: usize = 100;

/// Max Memory Used of each invocation of a run, in order.
#[derive(Debug, Default)]
pub struct MemorySummary {
    kib: Vec<u64>,
}

impl MemorySummary {
    /// Notes one invocation's figures.
    pub fn add(&mut self, report: &Report) {
        self.kib.push(report.max_memory_used_kib);
    }

    /// The summary line (tab-separated, as REPORT is), or `None` for fewer than two
    /// invocations. Growth (from 100 invocations on) is KiB per 1,000 invocations between the
    /// end of the warm-up (the first tenth of the run, at most 100 invocations) and the last:
    /// Max Memory Used is a peak, so a leak shows as a steady rise and a cache filled once
    /// does not.
    pub fn line(&self) -> Option<String> {
        let n = self.kib.len();
        let (&first, &last) = (self.kib.first()?, self.kib.last()?);
        if n < 2 {
            return None;
        }
        let mut sorted = self.kib.clone();
        sorted.sort_unstable();
        let median = sorted.get(n / 2).copied().unwrap_or(last);
        let maximum = sorted.last().copied().unwrap_or(last);
        let mb = |kib: u64| kib.div_ceil(1024);
        let mut line = format!(
            "MEMORY Invocations: {n}\tMax Memory Used: first {} MB\tmedian {} MB\tmaximum {} MB",
            mb(first),
            mb(median),
            mb(maximum),
        );
        if n >= MIN_GROWTH {
            let warm = (n / 10).clamp(1, WARM_UP);
            let base = self.kib.get(warm - 1).copied().unwrap_or(first);
            let span = (n - warm) as f64;
            let growth = last.saturating_sub(base) as f64 * 1000.0 / span;
            line.push_str(&format!(
                "\tGrowth: {growth:.1} KiB per 1,000 invocations (after the first {warm})"
            ));
        }
        Some(line)
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;
    use crate::Outcome;
    use std::time::Duration;

    fn report(kib: u64) -> Report {
        Report {
            request_id: "r".into(),
            outcome: Outcome::TimedOut,
            duration: Duration::ZERO,
            init_duration: None,
            restore_duration: None,
            memory_mb: 128,
            max_memory_used_mb: kib.div_ceil(1024),
            max_memory_used_kib: kib,
            timeout: Duration::from_secs(3),
            stream: None,
        }
    }

    fn summary(kib: impl IntoIterator<Item = u64>) -> Option<String> {
        let mut s = MemorySummary::default();
        for k in kib {
            s.add(&report(k));
        }
        s.line()
    }

    #[test]
    fn one_invocation_has_no_summary() {
        assert_eq!(summary([5000]), None);
        assert_eq!(summary([]), None);
    }

    #[test]
    fn a_flat_run_grows_by_nothing() {
        // Warm-up rises from 10 to 12 MiB, then stays.
        let run = (0..1000).map(|i| if i < 50 { 10240 + 40 * i } else { 12288 });
        assert_eq!(
            summary(run).unwrap(),
            "MEMORY Invocations: 1000\tMax Memory Used: first 10 MB\tmedian 12 MB\tmaximum 12 MB\tGrowth: 0.0 KiB per 1,000 invocations (after the first 100)"
        );
    }

    #[test]
    fn a_leak_shows_as_growth_per_thousand() {
        // 2 KiB per invocation after a 10-invocation warm-up of 100.
        let run = (0..100u64).map(|i| 20_000 + 2 * i);
        let line = summary(run).unwrap();
        assert!(
            !summary((0..99u64).map(|i| 20_000 + 2 * i))
                .unwrap()
                .contains("Growth")
        );
        assert!(
            line.contains("Growth: 2000.0 KiB per 1,000 invocations (after the first 10)"),
            "{line}"
        );
        assert!(
            line.contains("first 20 MB\tmedian 20 MB\tmaximum 20 MB"),
            "{line}"
        );
    }
}
