//! `RESULTS.md` has two writers: the end-to-end runner (`lambkin-benches`) owns the top and
//! the marked HTTP, logs, cores, stream, extension, soak, crowd and faults sections after it, the `micro` runner a marked
//! section at the end.
//! Each rewrites only its own part, and the end-to-end runner only the sections it ran
//! (`--section`).

/// Opens the micro-benchmark section.
pub const MICRO_BEGIN: &str = "<!-- micro:begin (written by `--bin micro`) -->";
/// Closes it.
pub const MICRO_END: &str = "<!-- micro:end -->";
/// Opens the HTTP section (lambkin-http against lambda_http).
pub const HTTP_BEGIN: &str = "<!-- http:begin (written by `lambkin-benches --section http`) -->";
/// Closes it.
pub const HTTP_END: &str = "<!-- http:end -->";
/// Opens the logs section (the cost of a JSON log line).
pub const LOGS_BEGIN: &str = "<!-- logs:begin (written by `lambkin-benches --section logs`) -->";
/// Closes it.
pub const LOGS_END: &str = "<!-- logs:end -->";
/// Opens the cores section (concurrency on every core, idle workers).
pub const CORES_BEGIN: &str = "<!-- cores:begin (written by `lambkin-benches --section cores`) -->";
/// Closes it.
pub const CORES_END: &str = "<!-- cores:end -->";
/// Opens the stream section (streamed responses against the official `StreamResponse`).
pub const STREAM_BEGIN: &str =
    "<!-- stream:begin (written by `lambkin-benches --section stream`) -->";
/// Closes it.
pub const STREAM_END: &str = "<!-- stream:end -->";
/// Opens the extension section (a telemetry extension against `lambda-extension`).
pub const EXTENSION_BEGIN: &str =
    "<!-- extension:begin (written by `lambkin-benches --section extension`) -->";
/// Closes it.
pub const EXTENSION_END: &str = "<!-- extension:end -->";

/// Opens the soak section (a million invocations per transport).
pub const SOAK_BEGIN: &str = "<!-- soak:begin (written by `lambkin-benches --section soak`) -->";
/// Closes it.
pub const SOAK_END: &str = "<!-- soak:end -->";
/// Opens the crowd section (1,000 callers of `serve --concurrency 8`).
pub const CROWD_BEGIN: &str = "<!-- crowd:begin (written by `lambkin-benches --section crowd`) -->";
/// Closes it.
pub const CROWD_END: &str = "<!-- crowd:end -->";
/// Opens the faults section (signals, resets and bad callers under load).
pub const FAULTS_BEGIN: &str =
    "<!-- faults:begin (written by `lambkin-benches --section faults`) -->";
/// Closes it.
pub const FAULTS_END: &str = "<!-- faults:end -->";

/// Where the marked section opened by `begin` and closed by `end` sits in `doc`, markers
/// included (to the end of `doc` if it was never closed).
fn find(doc: &str, begin: &str, end: &str) -> Option<core::ops::Range<usize>> {
    let start = doc.find(begin)?;
    let stop = doc[start..]
        .find(end)
        .map_or(doc.len(), |i| start + i + end.len());
    Some(start..stop)
}

/// `doc` with everything before its first marked section replaced by `top` (all of it, if it
/// has none): what the hello run rewrites.
pub fn with_top(doc: &str, top: &str) -> String {
    let first = [
        HTTP_BEGIN,
        LOGS_BEGIN,
        CORES_BEGIN,
        STREAM_BEGIN,
        EXTENSION_BEGIN,
        SOAK_BEGIN,
        CROWD_BEGIN,
        FAULTS_BEGIN,
        MICRO_BEGIN,
    ]
    .iter()
    .filter_map(|m| doc.find(m))
    .min();
    match first {
        Some(at) => format!("{}\n\n{}", top.trim_end(), &doc[at..]),
        None => top.to_owned(),
    }
}

/// `doc` with its HTTP section replaced by `section` (markers added), inserted in front of the
/// micro section (or at the end) if it had none.
pub fn with_http(doc: &str, section: &str) -> String {
    with_marked(doc, (HTTP_BEGIN, HTTP_END), section)
}

/// `doc` with its logs section replaced by `section` (markers added), inserted in front of the
/// micro section (or at the end) if it had none.
pub fn with_logs(doc: &str, section: &str) -> String {
    with_marked(doc, (LOGS_BEGIN, LOGS_END), section)
}

/// `doc` with its cores section replaced by `section` (markers added), inserted in front of
/// the micro section (or at the end) if it had none.
pub fn with_cores(doc: &str, section: &str) -> String {
    with_marked(doc, (CORES_BEGIN, CORES_END), section)
}

/// `doc` with its stream section replaced by `section` (markers added), inserted in front of
/// the micro section (or at the end) if it had none.
pub fn with_stream(doc: &str, section: &str) -> String {
    with_marked(doc, (STREAM_BEGIN, STREAM_END), section)
}

/// `doc` with its extension section replaced by `section` (markers added), inserted in front
/// of the micro section (or at the end) if it had none.
pub fn with_extension(doc: &str, section: &str) -> String {
    with_marked(doc, (EXTENSION_BEGIN, EXTENSION_END), section)
}

/// `doc` with its soak section replaced by `section` (markers added), inserted in front of
/// the micro section (or at the end) if it had none.
pub fn with_soak(doc: &str, section: &str) -> String {
    with_marked(doc, (SOAK_BEGIN, SOAK_END), section)
}

/// `doc` with its crowd section replaced by `section`, as [`with_soak`].
pub fn with_crowd(doc: &str, section: &str) -> String {
    with_marked(doc, (CROWD_BEGIN, CROWD_END), section)
}

/// `doc` with its faults section replaced by `section`, as [`with_soak`].
pub fn with_faults(doc: &str, section: &str) -> String {
    with_marked(doc, (FAULTS_BEGIN, FAULTS_END), section)
}

/// `doc` with the section between `begin` and `end` replaced, or inserted before the micro
/// section (or at the end).
fn with_marked(doc: &str, (begin, end): (&str, &str), section: &str) -> String {
    let block = format!("{begin}\n{}\n{end}", section.trim());
    let (before, after) = match find(doc, begin, end) {
        Some(at) => (&doc[..at.start], &doc[at.end..]),
        None => match doc.find(MICRO_BEGIN) {
            Some(at) => (&doc[..at], &doc[at..]),
            None => (doc, ""),
        },
    };
    let before = before.trim_end();
    let after = after.trim_start();
    let mut out = String::new();
    if !before.is_empty() {
        out.push_str(before);
        out.push_str("\n\n");
    }
    out.push_str(&block);
    out.push('\n');
    if !after.is_empty() {
        out.push('\n');
        out.push_str(after);
    }
    out
}

/// `(everything outside the micro section, the section with its markers)`.
pub fn split(doc: &str) -> (String, Option<&str>) {
    let Some(core::ops::Range { start, end }) = find(doc, MICRO_BEGIN, MICRO_END) else {
        return (doc.to_owned(), None);
    };
    let mut rest = String::from(doc[..start].trim_end());
    rest.push_str(&doc[end..]);
    (rest, Some(&doc[start..end]))
}

/// `doc` with its micro section replaced by `section` (markers added), appended if it had none.
pub fn with_micro(doc: &str, section: &str) -> String {
    let (rest, _) = split(doc);
    let mut out = rest.trim_end().to_owned();
    if !out.is_empty() {
        out.push_str("\n\n");
    }
    out.push_str(MICRO_BEGIN);
    out.push('\n');
    out.push_str(section.trim());
    out.push('\n');
    out.push_str(MICRO_END);
    out.push('\n');
    out
}

/// `1234567` → `1,234,567`: how both sections print counts.
pub fn thousands(n: u64) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn groups_thousands() {
        assert_eq!(thousands(0), "0");
        assert_eq!(thousands(999), "999");
        assert_eq!(thousands(1000), "1,000");
        assert_eq!(thousands(1_234_567), "1,234,567");
    }

    #[test]
    fn each_writer_keeps_the_other_part() {
        let e2e = "# Benchmarks\n\ntable\n";
        let doc = with_micro(e2e, "## Micro\n\nfigures");
        assert!(doc.starts_with(e2e.trim_end()));
        assert!(doc.contains("figures"));
        let again = with_micro(&doc, "## Micro\n\nnew figures");
        assert_eq!(again.matches(MICRO_BEGIN).count(), 1);
        assert!(again.contains("new figures") && !again.contains("\nfigures"));
        let rerun = with_top(&again, "# Benchmarks\n\nnew table\n");
        assert!(rerun.starts_with("# Benchmarks\n\nnew table"));
        assert!(rerun.contains("new figures"));
        assert_eq!(with_top(e2e, e2e), e2e);
    }

    #[test]
    fn the_http_section_sits_between_top_and_micro() {
        let doc = with_micro("# Benchmarks\n\ntable\n", "## Micro\n\nfigures");
        let doc = with_http(&doc, "## HTTP\n\nfirst");
        let (top, http, micro) = (
            doc.find("table").unwrap_or(usize::MAX),
            doc.find("first").unwrap_or(usize::MAX),
            doc.find("figures").unwrap_or(usize::MAX),
        );
        assert!(top < http && http < micro && micro < usize::MAX, "{doc}");
        // Each writer replaces its own part in place and keeps the others.
        let doc = with_http(&doc, "## HTTP\n\nsecond");
        assert!(!doc.contains("first") && doc.contains("second"));
        assert_eq!(doc.matches(HTTP_BEGIN).count(), 1);
        let doc = with_top(&doc, "# Benchmarks\n\nnew table\n");
        assert!(doc.contains("new table") && doc.contains("second") && doc.contains("figures"));
        let doc = with_micro(&doc, "## Micro\n\nnew figures");
        assert!(doc.contains("new table") && doc.contains("second") && doc.contains("new figures"));
        assert!(doc.find("second") < doc.find("new figures"));
        // Twice the same writes give the same document.
        assert_eq!(with_http(&doc, "## HTTP\n\nsecond"), doc);
        assert_eq!(with_top(&doc, "# Benchmarks\n\nnew table\n"), doc);
        // Alone, and with only a top.
        assert!(with_http("", "## HTTP").starts_with(HTTP_BEGIN));
        assert!(with_http("# Top\n", "## HTTP").starts_with("# Top\n\n<!-- http"));
    }

    #[test]
    fn the_logs_section_keeps_the_others() {
        let doc = with_micro("# Benchmarks\n\ntable\n", "## Micro\n\nfigures");
        let doc = with_http(&doc, "## HTTP\n\nhttp figures");
        let doc = with_logs(&doc, "## Logs\n\nfirst");
        assert!(doc.find("http figures") < doc.find("first"), "{doc}");
        assert!(doc.find("first") < doc.find("## Micro"), "{doc}");
        let again = with_logs(&doc, "## Logs\n\nsecond");
        assert!(!again.contains("first") && again.contains("second"));
        assert_eq!(again.matches(LOGS_BEGIN).count(), 1);
        let top = with_top(&again, "# Benchmarks\n\nnew table\n");
        assert!(top.contains("second") && top.contains("http figures") && top.contains("figures"));
        assert_eq!(with_logs(&again, "## Logs\n\nsecond"), again);
    }

    #[test]
    fn the_cores_section_keeps_the_others() {
        let doc = with_micro("# Benchmarks\n\ntable\n", "## Micro\n\nfigures");
        let doc = with_http(&doc, "## HTTP\n\nweb");
        let doc = with_cores(&doc, "## Cores\n\nfirst");
        let at = |s: &str| doc.find(s).unwrap_or(usize::MAX);
        assert!(at("table") < at("web") && at("web") < at("first") && at("first") < at("figures"));
        let doc = with_cores(&doc, "## Cores\n\nsecond");
        assert!(!doc.contains("first") && doc.contains("second"));
        assert_eq!(doc.matches(CORES_BEGIN).count(), 1);
        let doc = with_http(&doc, "## HTTP\n\nweb2");
        let doc = with_top(&doc, "# Benchmarks\n\nnew table\n");
        assert!(doc.contains("new table") && doc.contains("web2") && doc.contains("second"));
        assert!(doc.contains("figures") && !doc.contains("\ntable"));
        assert_eq!(with_cores(&doc, "## Cores\n\nsecond"), doc);
    }

    #[test]
    fn the_stream_section_keeps_the_others() {
        let doc = with_micro("# Benchmarks\n\ntable\n", "## Micro\n\nfigures");
        let doc = with_cores(&doc, "## Cores\n\nbusy");
        let doc = with_stream(&doc, "## Streaming\n\nfirst");
        let at = |d: &str, s: &str| d.find(s).unwrap_or(usize::MAX);
        assert!(at(&doc, "busy") < at(&doc, "first") && at(&doc, "first") < at(&doc, "figures"));
        let doc = with_stream(&doc, "## Streaming\n\nsecond");
        assert!(!doc.contains("first") && doc.contains("second"));
        assert_eq!(doc.matches(STREAM_BEGIN).count(), 1);
        // The hello run rewrites the top only, even when streaming is the first marked section.
        let alone = with_stream("# Benchmarks\n\ntable\n", "## Streaming\n\nsecond");
        let top = with_top(&alone, "# Benchmarks\n\nnew table\n");
        assert!(top.contains("new table") && top.contains("second") && !top.contains("\ntable"));
        assert_eq!(with_stream(&doc, "## Streaming\n\nsecond"), doc);
    }

    #[test]
    fn the_extension_section_keeps_the_others() {
        let doc = with_micro("# Benchmarks\n\ntable\n", "## Micro\n\nfigures");
        let doc = with_stream(&doc, "## Streaming\n\nflow");
        let doc = with_extension(&doc, "## Extension\n\nfirst");
        let at = |d: &str, s: &str| d.find(s).unwrap_or(usize::MAX);
        assert!(at(&doc, "flow") < at(&doc, "first") && at(&doc, "first") < at(&doc, "figures"));
        let doc = with_extension(&doc, "## Extension\n\nsecond");
        assert!(!doc.contains("first") && doc.contains("second") && doc.contains("flow"));
        assert_eq!(doc.matches(EXTENSION_BEGIN).count(), 1);
        // The hello run rewrites the top only, even when the extension is the first marked section.
        let alone = with_extension("# Benchmarks\n\ntable\n", "## Extension\n\nsecond");
        let top = with_top(&alone, "# Benchmarks\n\nnew table\n");
        assert!(top.contains("new table") && top.contains("second") && !top.contains("\ntable"));
        assert_eq!(with_extension(&doc, "## Extension\n\nsecond"), doc);
    }
}
