//! End-to-end tests of the archive stage with a processor-like closure:
//! directory trees, zips (hostile entry names included), failing and
//! panicking reports, resume, force, fingerprints, thread-count determinism
//! and a run killed with SIGKILL.

use std::collections::BTreeMap;
use std::error::Error;
use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use reportmine::archive::{
    self, ArchiveError, Input, Processed, RunOptions, Summary, MANIFEST_FILE,
};
use serde_json::{json, Value};

type TestResult = Result<(), Box<dyn Error>>;

/// Stands in for the extractor: uppercases the text into a JSON document;
/// fails on empty input and on "CORRUPT", panics on "PANIC".
fn processor(input: &Input) -> Result<Processed, String> {
    if input.bytes.is_empty() {
        return Err("empty input".to_string());
    }
    let text = String::from_utf8_lossy(&input.bytes);
    if text.contains("CORRUPT") {
        return Err("corrupt report: no table header".to_string());
    }
    if text.contains("PANIC") {
        panic!("grammar bug on purpose");
    }
    let document = json!({
        "source": {"path": input.rel_path, "sha256": input.sha256},
        "text": text.to_uppercase(),
    });
    Ok(Processed {
        json: serde_json::to_vec_pretty(&document).map_err(|e| e.to_string())?,
        tables: 1,
        rows: text.lines().count(),
        warnings: usize::from(text.contains('?')),
    })
}

fn options(out: &Path, jobs: usize) -> RunOptions {
    RunOptions {
        out_dir: out.to_path_buf(),
        jobs: Some(jobs),
        force: false,
        quiet: true,
        fingerprint: "reportmine-test@1".to_string(),
    }
}

fn write_files(root: &Path, files: &[(&str, &str)]) -> TestResult {
    for (path, content) in files {
        let path = root.join(path);
        if let Some(parent) = path.parent() {
            fs::create_dir_all(parent)?;
        }
        fs::write(path, content)?;
    }
    Ok(())
}

fn write_zip(path: &Path, entries: &[(&str, &str)]) -> TestResult {
    let mut writer = zip::ZipWriter::new(fs::File::create(path)?);
    let options = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated);
    for (name, content) in entries {
        if name.ends_with('/') {
            writer.add_directory(*name, options)?;
        } else {
            writer.start_file(*name, options)?;
            writer.write_all(content.as_bytes())?;
        }
    }
    writer.finish()?;
    Ok(())
}

/// Every file under `dir`, by `/`-separated relative path, with its bytes.
fn files_under(dir: &Path) -> Result<BTreeMap<String, Vec<u8>>, Box<dyn Error>> {
    let mut files = BTreeMap::new();
    let mut pending = vec![dir.to_path_buf()];
    while let Some(current) = pending.pop() {
        for entry in fs::read_dir(&current)? {
            let entry = entry?;
            let path = entry.path();
            if entry.file_type()?.is_dir() {
                pending.push(path);
            } else {
                let rel = path.strip_prefix(dir)?.to_string_lossy().replace('\\', "/");
                files.insert(rel, fs::read(&path).unwrap_or_default());
            }
        }
    }
    Ok(files)
}

/// The output JSON files under `out` (not the manifest, not temporaries).
fn outputs(out: &Path) -> Result<Vec<String>, Box<dyn Error>> {
    Ok(files_under(out)?
        .into_keys()
        .filter(|name| name.ends_with(".json"))
        .collect())
}

/// How many outputs a running batch over a flat directory has finished so
/// far; tolerant of files appearing and vanishing while it looks.
fn finished_outputs(out: &Path) -> usize {
    fs::read_dir(out).map_or(0, |entries| {
        entries
            .filter_map(Result::ok)
            .filter(|entry| entry.file_name().to_string_lossy().ends_with(".json"))
            .count()
    })
}

fn manifest(out: &Path) -> Result<Vec<Value>, Box<dyn Error>> {
    let text = fs::read_to_string(out.join(MANIFEST_FILE))?;
    Ok(text
        .lines()
        .map(serde_json::from_str)
        .collect::<Result<_, _>>()?)
}

fn line_for<'a>(lines: &'a [Value], output: &str) -> Option<&'a Value> {
    lines.iter().find(|line| line["output"] == output)
}

#[test]
fn nested_tree_mirrors_into_out_skipping_hidden_and_out_itself() -> TestResult {
    let dir = tempfile::tempdir()?;
    let root = dir.path().join("in");
    write_files(
        &root,
        &[
            ("a.txt", "REF\tPriority\n1\tRoads"),
            ("sub/b.txt", "b"),
            ("sub/deeper/c.txt", "c"),
            (".hidden/x.txt", "hidden dir"),
            ("sub/.h.txt", "hidden file"),
        ],
    )?;
    let single = dir.path().join("single.txt");
    fs::write(&single, "given directly")?;
    // The output directory lives inside the input tree and must be skipped.
    let out = root.join("out");

    let summary = archive::run(&[root.clone(), single], &options(&out, 2), processor)?;

    assert_eq!((summary.ok, summary.failed, summary.skipped), (4, 0, 0));
    assert_eq!((summary.tables, summary.rows), (4, 5));
    assert_eq!(summary.exit_code(), 0);
    assert_eq!(
        outputs(&out)?,
        [
            "a.txt.json",
            "single.txt.json",
            "sub/b.txt.json",
            "sub/deeper/c.txt.json"
        ]
    );
    let document: Value = serde_json::from_slice(&fs::read(out.join("sub/deeper/c.txt.json"))?)?;
    assert_eq!(document["text"], "C");
    assert_eq!(document["source"]["path"], "sub/deeper/c.txt");

    let lines = manifest(&out)?;
    assert_eq!(lines.len(), 4);
    let a = line_for(&lines, "a.txt.json").ok_or("no manifest line for a.txt")?;
    assert_eq!(a["status"], "ok");
    assert_eq!(a["input"], root.join("a.txt").display().to_string());
    assert_eq!(a["entry"], Value::Null);
    assert_eq!(a["rows"], 2);
    assert_eq!(a["sha256"].as_str().map(str::len), Some(64));
    assert_eq!(a["fingerprint"], "reportmine-test@1");
    Ok(())
}

#[test]
fn zip_entries_are_sanitised_and_nothing_escapes_out() -> TestResult {
    let dir = tempfile::tempdir()?;
    let input = dir.path().join("in");
    let out = dir.path().join("work/out");
    fs::create_dir_all(input.join("tree/sub"))?;
    fs::create_dir_all(&out)?;
    write_zip(
        &input.join("x.zip"),
        &[
            ("a/", ""),
            ("a/b.txt", "b"),
            ("a/deep/c.txt", "c"),
            ("../evil.txt", "evil"),
            ("../../../../../../evil2.txt", "evil2"),
            ("/abs/evil3.txt", "evil3"),
            ("C:\\win\\evil4.txt", "evil4"),
            ("__MACOSX/._b.txt", "resource fork"),
            ("bad.txt", "CORRUPT"),
        ],
    )?;
    write_zip(&input.join("tree/sub/y.zip"), &[("r.txt", "r")])?;
    // Detected by its magic when given directly, whatever its name.
    write_zip(&input.join("bundle.bin"), &[("m.txt", "m")])?;
    fs::write(input.join("tree/broken.zip"), "not a zip at all")?;

    let inputs = [
        input.join("x.zip"),
        input.join("tree"),
        input.join("bundle.bin"),
    ];
    let summary = archive::run(&inputs, &options(&out, 2), processor)?;

    for path in files_under(dir.path())?.keys() {
        assert!(
            path.starts_with("in/") || path.starts_with("work/out/"),
            "{path} escaped"
        );
    }
    assert_eq!(
        outputs(&out)?,
        [
            "bundle.bin/m.txt.json",
            "sub/y.zip/r.txt.json",
            "x.zip/C_/win/evil4.txt.json",
            "x.zip/a/b.txt.json",
            "x.zip/a/deep/c.txt.json",
            "x.zip/abs/evil3.txt.json",
            "x.zip/evil.txt.json",
            "x.zip/evil2.txt.json",
        ]
    );
    assert_eq!((summary.ok, summary.failed), (8, 2));

    let lines = manifest(&out)?;
    let evil = line_for(&lines, "x.zip/evil.txt.json").ok_or("no line for ../evil.txt")?;
    assert_eq!(evil["entry"], "../evil.txt");
    assert_eq!(evil["input"], input.join("x.zip").display().to_string());
    let bad = line_for(&lines, "x.zip/bad.txt.json").ok_or("no line for bad.txt")?;
    assert_eq!(bad["status"], "error");
    assert_eq!(bad["error"], "corrupt report: no table header");
    let broken = lines
        .iter()
        .find(|line| line["input"] == input.join("tree/broken.zip").display().to_string())
        .ok_or("no line for broken.zip")?;
    assert_eq!(broken["status"], "error");
    assert_eq!(broken["output"], Value::Null);
    assert!(broken["error"]
        .as_str()
        .is_some_and(|e| e.starts_with("cannot open zip archive")));
    Ok(())
}

#[test]
fn bad_reports_are_recorded_and_the_batch_completes() -> TestResult {
    let dir = tempfile::tempdir()?;
    let input = dir.path().join("in");
    write_files(
        &input,
        &[
            ("good1.txt", "fine"),
            ("good2.txt", "also fine"),
            ("corrupt.txt", "header CORRUPT"),
            ("empty.txt", ""),
            ("panic.txt", "PANIC"),
        ],
    )?;
    #[cfg(unix)]
    std::os::unix::fs::symlink(input.join("gone.txt"), input.join("dangling.txt"))?;
    let out = dir.path().join("out");

    let summary = archive::run(&[input], &options(&out, 2), processor)?;

    assert_eq!(summary.ok, 2);
    assert_eq!(summary.failed, if cfg!(unix) { 4 } else { 3 });
    assert_eq!(summary.exit_code(), 1);
    assert_eq!(outputs(&out)?, ["good1.txt.json", "good2.txt.json"]);
    let lines = manifest(&out)?;
    let error_of = |output: &str| {
        line_for(&lines, output)
            .filter(|line| line["status"] == "error")
            .and_then(|line| line["error"].as_str())
            .map(str::to_string)
    };
    assert_eq!(
        error_of("corrupt.txt.json").as_deref(),
        Some("corrupt report: no table header")
    );
    assert_eq!(error_of("empty.txt.json").as_deref(), Some("empty input"));
    assert_eq!(
        error_of("panic.txt.json").as_deref(),
        Some("processor panicked: grammar bug on purpose")
    );
    #[cfg(unix)]
    assert!(error_of("dangling.txt.json").is_some_and(|e| e.starts_with("cannot read input")));
    Ok(())
}

#[test]
fn rerun_skips_force_redoes_and_changes_are_noticed() -> TestResult {
    let dir = tempfile::tempdir()?;
    let input = dir.path().join("in");
    write_files(
        &input,
        &[
            ("a.txt", "a"),
            ("b/b.txt", "b"),
            ("c.txt", "c"),
            ("bad.txt", "CORRUPT"),
        ],
    )?;
    let out = dir.path().join("out");
    let mut opts = options(&out, 2);
    let inputs = [input.clone()];

    let first = archive::run(&inputs, &opts, processor)?;
    assert_eq!((first.ok, first.failed, first.skipped), (3, 1, 0));
    let before = files_under(&out)?;

    // A torn line left by a crash is ignored and dropped by the rewrite.
    fs::OpenOptions::new()
        .append(true)
        .open(out.join(MANIFEST_FILE))?
        .write_all(b"{\"input\":\"torn")?;
    let rerun = archive::run(&inputs, &opts, processor)?;
    assert_eq!(
        (rerun.ok, rerun.failed, rerun.skipped),
        (0, 1, 3),
        "failures are retried"
    );
    assert_eq!((rerun.tables, rerun.rows), (0, 0));
    let lines = manifest(&out)?;
    assert_eq!(lines.len(), 4);
    let a = line_for(&lines, "a.txt.json").ok_or("no line for a.txt")?;
    assert_eq!(
        (a["status"].as_str(), a["rows"].as_u64()),
        (Some("skipped"), Some(1))
    );
    let after = files_under(&out)?;
    for (name, bytes) in &before {
        if name.ends_with(".json") {
            assert_eq!(after.get(name), Some(bytes), "{name} changed");
        }
    }

    opts.force = true;
    let forced = archive::run(&inputs, &opts, processor)?;
    assert_eq!((forced.ok, forced.failed, forced.skipped), (3, 1, 0));

    opts.force = false;
    fs::write(input.join("c.txt"), "c changed")?;
    let changed = archive::run(&inputs, &opts, processor)?;
    assert_eq!((changed.ok, changed.skipped), (1, 2));

    opts.fingerprint = "reportmine-test@2".to_string();
    let refingerprinted = archive::run(&inputs, &opts, processor)?;
    assert_eq!((refingerprinted.ok, refingerprinted.skipped), (3, 0));
    let lines = manifest(&out)?;
    assert_eq!(lines.len(), 4);
    assert!(lines
        .iter()
        .all(|line| line["fingerprint"] == "reportmine-test@2"));

    // Outputs without a manifest cannot be trusted: they are redone.
    fs::remove_file(out.join(MANIFEST_FILE))?;
    let without_manifest = archive::run(&inputs, &opts, processor)?;
    assert_eq!((without_manifest.ok, without_manifest.skipped), (3, 0));
    Ok(())
}

#[test]
fn a_failing_rerun_removes_the_stale_output() -> TestResult {
    let dir = tempfile::tempdir()?;
    let input = dir.path().join("a.txt");
    fs::write(&input, "fine")?;
    let out = dir.path().join("out");
    archive::run(std::slice::from_ref(&input), &options(&out, 1), processor)?;
    assert!(out.join("a.txt.json").is_file());
    fs::write(&input, "now CORRUPT")?;
    let summary = archive::run(&[input], &options(&out, 1), processor)?;
    assert_eq!(summary.failed, 1);
    assert!(!out.join("a.txt.json").exists());
    Ok(())
}

#[test]
fn outputs_and_manifest_do_not_depend_on_the_thread_count() -> TestResult {
    let dir = tempfile::tempdir()?;
    let input = dir.path().join("in");
    let mut files: Vec<(String, String)> = (0..40)
        .map(|i| {
            (
                format!("y{}/r{i:02}.txt", 2002 + i % 4),
                format!("report {i}\nrow?\n"),
            )
        })
        .collect();
    files.push(("y2002/bad.txt".into(), "CORRUPT".into()));
    files.push(("y2003/boom.txt".into(), "PANIC".into()));
    let borrowed: Vec<(&str, &str)> = files
        .iter()
        .map(|(p, c)| (p.as_str(), c.as_str()))
        .collect();
    write_files(&input, &borrowed)?;
    write_zip(
        &input.join("y2004/pack.zip"),
        &[("p/1.txt", "one"), ("p/2.txt", "two")],
    )?;

    let mut trees = Vec::new();
    for jobs in [1, 2] {
        let out = dir.path().join(format!("out{jobs}"));
        let summary = archive::run(
            std::slice::from_ref(&input),
            &options(&out, jobs),
            processor,
        )?;
        assert_eq!((summary.ok, summary.failed), (42, 2));
        let mut tree = files_under(&out)?;
        let mut lines = manifest(&out)?;
        for line in &mut lines {
            line.as_object_mut()
                .ok_or("manifest line is no object")?
                .remove("elapsed_ms");
        }
        tree.insert(MANIFEST_FILE.to_string(), serde_json::to_vec(&lines)?);
        trees.push(tree);
    }
    assert_eq!(trees[0], trees[1]);
    Ok(())
}

#[test]
fn usage_errors_name_the_problem() -> TestResult {
    let dir = tempfile::tempdir()?;
    let missing = dir.path().join("no-such-appendix.txt");
    let out = dir.path().join("out");
    let error = archive::run(&[missing], &options(&out, 1), processor).err();
    assert!(matches!(error, Some(ArchiveError::Input { .. })));
    let message = error.map(|e| (e.to_string(), e.exit_code()));
    assert!(message.is_some_and(|(m, code)| m.contains("no-such-appendix.txt") && code == 2));

    let empty = dir.path().join("empty");
    fs::create_dir_all(empty.join(".git"))?;
    fs::write(empty.join(".git/HEAD"), "hidden")?;
    let error = archive::run(std::slice::from_ref(&empty), &options(&out, 1), processor).err();
    assert!(matches!(error, Some(ArchiveError::NoInputs)));

    // A second run on a busy output directory is refused, not interleaved.
    fs::write(empty.join("a.txt"), "a")?;
    let lock = fs::File::create(out.join(".reportmine.lock"))?;
    lock.lock()?;
    let error = archive::run(&[empty], &options(&out, 1), processor).err();
    assert!(matches!(error, Some(ArchiveError::Busy(_))));
    Ok(())
}

#[test]
fn summary_line_reads_well() {
    let summary = Summary {
        ok: 9,
        failed: 1,
        skipped: 2,
        tables: 30,
        rows: 400,
        warnings: 5,
        elapsed: Duration::from_millis(1500),
    };
    assert_eq!(
        summary.to_string(),
        "9 ok, 1 failed, 2 skipped; 30 tables, 400 rows, 5 warnings; 1.5s"
    );
}

/// Environment variable that turns `kill_child_helper` into the slow batch
/// run that `killed_run_resumes_cleanly` kills: "<input dir>\n<out dir>".
const KILL_CHILD: &str = "REPORTMINE_ARCHIVE_KILL_CHILD";

/// Not a test on its own: a no-op unless started by
/// `killed_run_resumes_cleanly` as a child process.
#[test]
fn kill_child_helper() -> TestResult {
    let Ok(spec) = std::env::var(KILL_CHILD) else {
        return Ok(());
    };
    let (input, out) = spec.split_once('\n').ok_or("bad child spec")?;
    archive::run(
        &[PathBuf::from(input)],
        &options(Path::new(out), 2),
        |input| {
            std::thread::sleep(Duration::from_millis(10));
            processor(input)
        },
    )?;
    Ok(())
}

#[test]
fn killed_run_resumes_cleanly() -> TestResult {
    const REPORTS: usize = 300;
    let dir = tempfile::tempdir()?;
    let input = dir.path().join("in");
    let out = dir.path().join("out");
    fs::create_dir_all(&input)?;
    for i in 0..REPORTS {
        fs::write(
            input.join(format!("r{i:03}.txt")),
            format!("report {i}\n{}", "row\n".repeat(i % 7)),
        )?;
    }

    let mut child = Command::new(std::env::current_exe()?)
        .args([
            "kill_child_helper",
            "--exact",
            "--nocapture",
            "--test-threads=1",
        ])
        .env(
            KILL_CHILD,
            format!("{}\n{}", input.display(), out.display()),
        )
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()?;
    // Kill once some reports are done; the deadline only keeps a broken
    // child from hanging the test, it is not a timing assertion.
    let deadline = Instant::now() + Duration::from_secs(120);
    while Instant::now() < deadline && child.try_wait()?.is_none() {
        if finished_outputs(&out) >= 30 {
            break;
        }
        std::thread::sleep(Duration::from_millis(5));
    }
    child.kill()?;
    child.wait()?;
    let done_before_kill = outputs(&out)?.len();

    let summary = archive::run(std::slice::from_ref(&input), &options(&out, 2), processor)?;

    assert_eq!(summary.ok + summary.skipped, REPORTS);
    assert_eq!(summary.failed, 0);
    if done_before_kill < REPORTS {
        assert!(
            summary.ok > 0,
            "the rerun should finish what the kill interrupted"
        );
    }
    // Each output's manifest line follows its rename, so at most one output
    // per worker (2) lacked its line when the child died; the rest resume.
    assert!(summary.skipped + 2 >= done_before_kill);
    let names = outputs(&out)?;
    let expected: Vec<String> = (0..REPORTS).map(|i| format!("r{i:03}.txt.json")).collect();
    assert_eq!(names, expected);
    for name in &names {
        let document: Value = serde_json::from_slice(&fs::read(out.join(name))?)?;
        assert!(
            document["text"].is_string(),
            "{name} is not a finished document"
        );
    }
    let leftovers: Vec<String> = files_under(&out)?
        .into_keys()
        .filter(|name| name.ends_with(".tmp"))
        .collect();
    assert!(leftovers.is_empty(), "temporary files left: {leftovers:?}");
    let lines = manifest(&out)?;
    assert_eq!(lines.len(), REPORTS);
    let mut listed: Vec<&str> = lines
        .iter()
        .filter_map(|line| line["output"].as_str())
        .collect();
    listed.dedup();
    assert_eq!(
        listed,
        expected.iter().map(String::as_str).collect::<Vec<_>>()
    );
    assert!(lines
        .iter()
        .all(|line| line["status"] == "ok" || line["status"] == "skipped"));
    Ok(())
}
