//! `RESULTS.md` has two writers: the end-to-end runner (`lambkin-benches`) owns the top, the
//! `micro` runner a marked section at the end. Each rewrites only its own part.

/// Opens the micro-benchmark section.
pub const MICRO_BEGIN: &str = "<!-- micro:begin (written by `--bin micro`) -->";
/// Closes it.
pub const MICRO_END: &str = "<!-- micro:end -->";

/// `(everything outside the micro section, the section with its markers)`.
pub fn split(doc: &str) -> (String, Option<&str>) {
    let Some(start) = doc.find(MICRO_BEGIN) else {
        return (doc.to_owned(), None);
    };
    let end = doc[start..]
        .find(MICRO_END)
        .map_or(doc.len(), |i| start + i + MICRO_END.len());
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

/// The end-to-end report `top`, followed by the micro section `old` had, if any.
pub fn keep_micro(top: &str, old: &str) -> String {
    match split(old).1 {
        Some(section) => format!("{}\n\n{section}\n", top.trim_end()),
        None => top.to_owned(),
    }
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
        let rerun = keep_micro("# Benchmarks\n\nnew table\n", &again);
        assert!(rerun.starts_with("# Benchmarks\n\nnew table"));
        assert!(rerun.contains("new figures"));
        assert_eq!(keep_micro(e2e, e2e), e2e);
    }
}
