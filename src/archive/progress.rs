//! Progress on stderr: reports done/total, throughput in MB/s, ETA and
//! errors so far. Drawn only when asked for (a terminal, not quiet); the
//! counters are kept either way so the bar costs nothing when hidden.

use std::sync::atomic::{AtomicU64, AtomicUsize, Ordering};
use std::time::Instant;

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};

/// Shared progress state of one run.
pub(super) struct Progress {
    bar: ProgressBar,
    started: Instant,
    bytes: AtomicU64,
    errors: AtomicUsize,
}

impl Progress {
    /// A progress display over `total` reports, drawn on stderr if `visible`.
    pub fn new(total: usize, visible: bool) -> Progress {
        let target = if visible {
            ProgressDrawTarget::stderr()
        } else {
            ProgressDrawTarget::hidden()
        };
        let bar = ProgressBar::with_draw_target(Some(total as u64), target);
        let style = ProgressStyle::with_template(
            "{elapsed_precise} [{wide_bar}] {pos}/{len} reports, {msg}, ETA {eta}",
        );
        // The template is a constant; should it ever fail to parse, the
        // default style still shows done/total.
        if let Ok(style) = style {
            bar.set_style(style.progress_chars("=> "));
        }
        bar.set_message("0.0 MB/s, 0 errors");
        Progress {
            bar,
            started: Instant::now(),
            bytes: AtomicU64::new(0),
            errors: AtomicUsize::new(0),
        }
    }

    /// Counts one finished report that read `bytes` of input.
    pub fn report_done(&self, bytes: u64, failed: bool) {
        let total_bytes = self.bytes.fetch_add(bytes, Ordering::Relaxed) + bytes;
        let errors = self
            .errors
            .fetch_add(usize::from(failed), Ordering::Relaxed)
            + usize::from(failed);
        if self.bar.is_hidden() {
            return;
        }
        let seconds = self.started.elapsed().as_secs_f64().max(1e-3);
        let mb_per_s = total_bytes as f64 / 1e6 / seconds;
        self.bar
            .set_message(format!("{mb_per_s:.1} MB/s, {errors} errors"));
        self.bar.inc(1);
    }

    /// Removes the bar, so the summary line starts on a clean line.
    pub fn finish(&self) {
        self.bar.finish_and_clear();
    }
}
