//! The driver: inputs (files, directories, standard input) in, records out to a sink, in input
//! order. `zhkg extract`, `build` and `quads` differ only in their sink (JSON Lines, the store's
//! bulk loader, N-Quads).
//!
//! JSON Lines stream a line at a time and their articles are extracted on every core (see
//! [`crate::parallel`]); text is read a page at a time (pages end at form feeds, see
//! [`input::Pages`]) and extracted up to `PAGES_AT_ONCE` (64) pages or 1 MB at a time, one
//! page per core.
//! Memory is bounded by the articles in flight, not by the corpus. A bad input or line is a
//! [`Notice::Problem`] and the run goes on; only the sink can stop it.

use std::cell::OnceCell;
use std::path::PathBuf;

use crate::error::Error;
use crate::extract::{Extractor, Options};
use crate::input::{self, Document, Encoding, Format, Opened, Source};
use crate::record::Record;

/// Text documents read before they are extracted together, one per core at a time.
pub(crate) const PAGES_AT_ONCE: usize = 64;

/// Bytes of text read before they are extracted, however few pages hold them (a long text
/// without form feeds comes in parts of [`input::PART_BYTES`]).
const TEXT_AT_ONCE: usize = 4 * input::PART_BYTES;

/// What to read.
#[derive(Debug, Clone, Default)]
pub struct Inputs {
    /// Files, directories (searched for `*.txt` and `*.jsonl`) and `-` for standard input.
    pub paths: Vec<PathBuf>,
    /// How to read the inputs ([`Format::Auto`]: by file extension, sniffing standard input).
    pub format: Format,
    /// The name standard input stands for in records (`-` without it).
    pub stdin_name: Option<String>,
}

/// What the driver tells its caller besides records.
#[derive(Debug)]
pub enum Notice<'a> {
    /// The inputs found (directories searched), before any is read: what a progress bar needs
    /// to know its total without searching the directories again.
    Sources(&'a [Source]),
    /// An input, or a line of one, that could not be used; the others are still read.
    Problem(&'a Error),
    /// An input that holds nothing.
    Empty(&'a str),
    /// An input (or some lines of it) decoded from another encoding than UTF-8.
    Transcoded(&'a str, Encoding),
    /// An input done, with the number of records it gave.
    Done(&'a str, usize),
}

/// The driver, holding the extractor once it is loaded: one `Pipeline` serves any number of
/// runs, and the lexicons load when the first article needs them, so a run over empty inputs
/// costs nothing.
#[derive(Default)]
pub struct Pipeline {
    extractor: Lazy,
}

impl Pipeline {
    /// A pipeline with nothing loaded yet; the lexicons load when the first article needs them.
    pub fn new() -> Pipeline {
        Pipeline::default()
    }

    /// Reads every input and hands each record to `sink` in input order, and everything else
    /// to `notice`. Returns how many problems there were, or the first error of `sink` (or of
    /// loading the lexicons), which stops the run.
    pub fn for_each_record<E: From<Error>>(
        &self,
        inputs: &Inputs,
        options: &Options,
        mut notice: impl FnMut(Notice),
        mut sink: impl FnMut(&Record) -> Result<(), E>,
    ) -> Result<usize, E> {
        let mut run = Run {
            extractor: &self.extractor,
            options,
            notice: &mut notice,
            sink: &mut sink,
            problems: 0,
            pages: Vec::new(),
        };
        let (sources, errors) = input::expand_paths(&inputs.paths);
        for error in &errors {
            run.problem(error);
        }
        (run.notice)(Notice::Sources(&sources));
        for source in &sources {
            match input::open(source, inputs.format) {
                Ok(opened) => run.input(source, opened, inputs.stdin_name.as_deref())?,
                Err(error) => run.problem(&error),
            }
        }
        run.extract_pages()?;
        Ok(run.problems)
    }
}

/// One run's state: the pages waiting to be extracted together, the problems counted.
struct Run<'r, N, S> {
    extractor: &'r Lazy,
    options: &'r Options,
    notice: &'r mut N,
    sink: &'r mut S,
    problems: usize,
    pages: Vec<Document>,
}

impl<N: FnMut(Notice), S: FnMut(&Record) -> Result<(), E>, E: From<Error>> Run<'_, N, S> {
    fn problem(&mut self, error: &Error) {
        self.problems += 1;
        (self.notice)(Notice::Problem(error));
    }

    /// One opened input: pages wait to be extracted together; JSON Lines go after the pages
    /// before them.
    fn input(
        &mut self,
        source: &Source,
        opened: Opened,
        stdin_name: Option<&str>,
    ) -> Result<(), E> {
        let renamed = stdin_name.filter(|_| *source == Source::Stdin);
        match opened {
            Opened::Whole(mut doc) => {
                if let Some(name) = renamed {
                    doc.name = name.to_owned();
                }
                if doc.decoded.encoding.is_transcoded() {
                    (self.notice)(Notice::Transcoded(&doc.name, doc.decoded.encoding));
                }
                if doc.format == Format::Jsonl && !doc.is_blank() {
                    self.extract_pages()?;
                    self.whole_jsonl(doc)?;
                } else {
                    self.page(doc)?;
                }
            }
            Opened::Pages(pages) => {
                let mut transcoded = false;
                for page in pages {
                    let mut page = match page {
                        Ok(page) => page,
                        Err(error) => {
                            self.problem(&error);
                            continue;
                        }
                    };
                    if let Some(name) = renamed {
                        page.name = name.to_owned();
                    }
                    // (Once a file: its pages are decoded one by one, alike.)
                    if page.decoded.encoding.is_transcoded() && !transcoded {
                        transcoded = true;
                        (self.notice)(Notice::Transcoded(&page.name, page.decoded.encoding));
                    }
                    self.page(page)?;
                }
            }
            Opened::Lines(lines) => {
                self.extract_pages()?;
                let lines = match renamed {
                    Some(name) => lines.renamed(name),
                    None => lines,
                };
                self.lines(lines)?;
            }
        }
        Ok(())
    }

    /// A page of text waits to be extracted with others; a blank one is only noticed.
    fn page(&mut self, doc: Document) -> Result<(), E> {
        if doc.is_blank() {
            (self.notice)(Notice::Empty(&doc.label()));
            return Ok(());
        }
        self.pages.push(doc);
        let text: usize = self.pages.iter().map(|page| page.decoded.text.len()).sum();
        if self.pages.len() >= PAGES_AT_ONCE || text >= TEXT_AT_ONCE {
            self.extract_pages()?;
        }
        Ok(())
    }

    /// JSON Lines that had to be decoded whole (UTF-16).
    fn whole_jsonl(&mut self, doc: Document) -> Result<(), E> {
        let mut records = 0;
        let sink = &mut *self.sink;
        let errors = self
            .extractor
            .get()?
            .extract_each(&doc, self.options, |record| {
                records += 1;
                sink(&record)
            })?;
        self.done(&doc.name, records, errors);
        Ok(())
    }

    /// JSON Lines read a line at a time.
    fn lines(
        &mut self,
        mut lines: input::jsonl::Lines<Box<dyn std::io::BufRead + Send>>,
    ) -> Result<(), E> {
        let name = lines.name().to_owned();
        let mut ahead = (&mut lines).peekable();
        let mut records = 0;
        let errors = match ahead.peek() {
            None => Vec::new(),
            Some(_) => {
                let sink = &mut *self.sink;
                self.extractor
                    .get()?
                    .extract_lines(&name, ahead, self.options, |record| {
                        records += 1;
                        sink(&record)
                    })?
            }
        };
        if lines.transcoded() {
            (self.notice)(Notice::Transcoded(&name, Encoding::Gb18030));
        }
        if records == 0 && errors.is_empty() {
            (self.notice)(Notice::Empty(&name));
        }
        self.done(&name, records, errors);
        Ok(())
    }

    /// Extracts the waiting pages together and hands their records on.
    fn extract_pages(&mut self) -> Result<(), E> {
        if self.pages.is_empty() {
            return Ok(());
        }
        let pages = std::mem::take(&mut self.pages);
        let extractions = self.extractor.get()?.extract_pages(&pages, self.options);
        for (doc, extraction) in pages.iter().zip(extractions) {
            for record in &extraction.records {
                (self.sink)(record)?;
            }
            self.done(&doc.label(), extraction.records.len(), extraction.errors);
        }
        Ok(())
    }

    fn done(&mut self, name: &str, records: usize, errors: Vec<Error>) {
        for error in &errors {
            self.problem(error);
        }
        (self.notice)(Notice::Done(name, records));
    }
}

/// The extractor, loaded when the first article needs it.
#[derive(Default)]
struct Lazy(OnceCell<Extractor>);

impl Lazy {
    fn get(&self) -> Result<&Extractor, Error> {
        if self.0.get().is_none() {
            let _ = self.0.set(Extractor::new()?);
        }
        Ok(self.0.get().expect("set just above"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A directory with a page, JSON Lines with a bad line, and an empty file.
    fn corpus() -> tempfile::TempDir {
        let dir = tempfile::tempdir().unwrap();
        let write = |name: &str, text: &str| std::fs::write(dir.path().join(name), text).unwrap();
        write("a-page.txt", "本报讯 焦作市召开会议。\n");
        write(
            "b-news.jsonl",
            "{\"id\":\"n1\",\"text\":\"王家鹏调研。\"}\nnot json\n{\"id\":\"n2\",\"text\":\"示范区开会。\"}\n",
        );
        write("c-empty.txt", "\n");
        dir
    }

    /// The inputs of a run over `dir`.
    fn all_of(dir: &tempfile::TempDir) -> Inputs {
        Inputs {
            paths: vec![dir.path().to_owned()],
            ..Inputs::default()
        }
    }

    /// The last part of a path or an id (the temporary directory differs between runs).
    fn base(s: &str) -> &str {
        s.rsplit('/').next().unwrap_or(s)
    }

    #[test]
    fn records_come_in_input_order_and_problems_as_notices() {
        let dir = corpus();
        let inputs = all_of(&dir);
        let (mut ids, mut notices) = (Vec::new(), Vec::new());
        let problems = Pipeline::new()
            .for_each_record(
                &inputs,
                &Options::default(),
                |notice| {
                    notices.push(match notice {
                        Notice::Sources(sources) => format!("{} inputs", sources.len()),
                        Notice::Problem(e) => format!("problem {}", base(&e.to_string())),
                        Notice::Empty(name) => format!("empty {}", base(name)),
                        Notice::Done(name, n) => format!("{} {n}", base(name)),
                        Notice::Transcoded(..) => "transcoded".into(),
                    })
                },
                |record| {
                    ids.push(base(&record.id).to_owned());
                    Ok::<(), Error>(())
                },
            )
            .unwrap();
        assert_eq!(ids, ["a-page.txt#1", "n1", "n2"]);
        assert_eq!(problems, 1);
        assert_eq!(
            notices,
            [
                "3 inputs",
                "a-page.txt 1",
                "problem b-news.jsonl:2: invalid JSON: expected ident at line 1 column 2",
                "b-news.jsonl 2",
                "empty c-empty.txt",
            ]
        );
    }

    #[test]
    fn the_sink_can_stop_the_run() {
        let dir = corpus();
        let inputs = all_of(&dir);
        let mut seen = 0;
        let stopped = Pipeline::new().for_each_record(
            &inputs,
            &Options::default(),
            |_| {},
            |_| {
                seen += 1;
                Err(Error::Invalid("disk full".into()))
            },
        );
        assert!(matches!(stopped, Err(Error::Invalid(_))));
        assert_eq!(seen, 1);
    }
}
