//! Progress on stderr for long runs: a bar over the input's bytes with the articles done, their
//! rate and the time left (`extract`, `build`, `quads`), and a count of bytes written (`export`).
//! Shown only when stderr is a terminal and `--quiet` is not given, so scripts and logs see
//! nothing of it; messages printed meanwhile go above the bar.

use std::cell::{Cell, RefCell};
use std::collections::HashMap;
use std::io::{IsTerminal, Write};
use std::time::{Duration, Instant};

use indicatif::{ProgressBar, ProgressStyle};
use zhkg::input::Source;

/// How often the bar is redrawn, and its rate recomputed.
const TICK: Duration = Duration::from_millis(200);

/// Whether to show progress: on a terminal, unless told to be quiet.
pub fn wanted(quiet: bool) -> bool {
    !quiet && std::io::stderr().is_terminal()
}

/// Progress through the inputs of a run; does nothing when hidden.
pub struct Progress {
    shown: Option<Shown>,
}

struct Shown {
    bar: ProgressBar,
    /// The size of each input file, by the name records carry.
    sizes: RefCell<HashMap<String, u64>>,
    /// Bytes of the files done before the one being read, and that one's name.
    finished: Cell<u64>,
    current: RefCell<String>,
    articles: Cell<u64>,
    started: Instant,
    drawn: Cell<Instant>,
}

impl Progress {
    /// A bar over the bytes of the inputs, its total set when the pipeline has found them
    /// ([`Progress::sources`]), or nothing unless `show`.
    pub fn of_inputs(show: bool) -> Progress {
        if !show {
            return Progress { shown: None };
        }
        Progress::shown(styled(ProgressBar::new_spinner(), SPINNER))
    }

    /// The inputs of the run: a bar over their bytes, or a spinner when standard input is among
    /// them (its size unknown).
    pub fn sources(&self, sources: &[Source]) {
        let Some(shown) = &self.shown else { return };
        if sources.contains(&Source::Stdin) {
            return;
        }
        let sizes: HashMap<String, u64> = sources
            .iter()
            .filter_map(|source| match source {
                Source::File(path) => Some((source.name(), std::fs::metadata(path).ok()?.len())),
                Source::Stdin => None,
            })
            .collect();
        shown.bar.set_length(sizes.values().sum());
        shown.bar.set_style(style(
            "{elapsed:>4} [{bar:30}] {bytes}/{total_bytes} · {msg} · {eta} left",
        ));
        *shown.sizes.borrow_mut() = sizes;
    }

    /// A counter of bytes written, or nothing unless `show`.
    pub fn of_output(show: bool) -> Progress {
        if !show {
            return Progress { shown: None };
        }
        let bar = styled(
            ProgressBar::new_spinner(),
            "{spinner} {elapsed:>4} {bytes} written ({bytes_per_sec})",
        );
        Progress::shown(bar)
    }

    fn shown(bar: ProgressBar) -> Progress {
        bar.enable_steady_tick(TICK);
        let now = Instant::now();
        Progress {
            shown: Some(Shown {
                bar,
                sizes: RefCell::default(),
                finished: Cell::new(0),
                current: RefCell::new(String::new()),
                articles: Cell::new(0),
                started: now,
                drawn: Cell::new(now),
            }),
        }
    }

    /// One more article, which ends at byte `byte_end` of input `path`.
    pub fn article(&self, path: &str, byte_end: usize) {
        let Some(shown) = &self.shown else { return };
        shown.articles.set(shown.articles.get() + 1);
        if *shown.current.borrow() != path {
            let done = std::mem::replace(&mut *shown.current.borrow_mut(), path.to_owned());
            let size = shown.sizes.borrow().get(&done).copied().unwrap_or(0);
            shown.finished.set(shown.finished.get() + size);
        }
        shown
            .bar
            .set_position(shown.finished.get() + byte_end as u64);
        if shown.articles.get() == 1 || shown.drawn.get().elapsed() >= TICK {
            shown.drawn.set(Instant::now());
            let seconds = shown.started.elapsed().as_secs_f64();
            let articles = shown.articles.get();
            shown.bar.set_message(format!(
                "{articles} articles, {:.0}/s",
                articles as f64 / seconds
            ));
        }
    }

    /// More bytes written.
    pub fn wrote(&self, bytes: usize) {
        if let Some(shown) = &self.shown {
            shown.bar.inc(bytes as u64);
        }
    }

    /// Prints a message above the bar.
    pub fn say(&self, message: &str) {
        match &self.shown {
            Some(shown) => shown.bar.suspend(|| eprintln!("{message}")),
            None => eprintln!("{message}"),
        }
    }

    /// Takes the bar away and leaves a line of what was done in its place.
    pub fn finish(&self) {
        let Some(shown) = &self.shown else { return };
        if shown.bar.is_finished() {
            return;
        }
        shown.bar.finish_and_clear();
        let seconds = shown.started.elapsed().as_secs_f64();
        let megabytes = shown.bar.position() as f64 / 1048576.0;
        match shown.articles.get() {
            0 => eprintln!("zhkg: {megabytes:.1} MB in {seconds:.1} s"),
            articles => eprintln!(
                "zhkg: {articles} articles ({megabytes:.1} MB) in {seconds:.1} s, {:.0} articles/s",
                articles as f64 / seconds
            ),
        }
    }
}

/// A spinner's look: for standard input, and until the inputs are known.
const SPINNER: &str = "{spinner} {elapsed:>4} {msg}";

fn styled(bar: ProgressBar, template: &str) -> ProgressBar {
    bar.with_style(style(template))
}

fn style(template: &str) -> ProgressStyle {
    ProgressStyle::with_template(template)
        .unwrap_or_else(|_| ProgressStyle::default_bar())
        .progress_chars("=> ")
}

/// A writer that counts what goes through it into a [`Progress`].
pub struct Counted<'p, W> {
    pub inner: W,
    pub progress: &'p Progress,
}

impl<W: Write> Write for Counted<'_, W> {
    fn write(&mut self, data: &[u8]) -> std::io::Result<usize> {
        let n = self.inner.write(data)?;
        self.progress.wrote(n);
        Ok(n)
    }

    fn flush(&mut self) -> std::io::Result<()> {
        self.inner.flush()
    }
}
