//! RESULTS.md and the ratio chart.

use std::fmt::Write as _;

use lambkin_benches::sections::thousands;

/// One row of figures for one binary; `None` where not measured.
#[derive(Clone, Debug, Default)]
pub struct Row {
    pub name: String,
    pub stripped_release: f64,
    /// `None` where the size-profile build was skipped.
    pub stripped_size_profile: Option<f64>,
    pub clean_build_s: Option<f64>,
    pub cold_start_ms: f64,
    pub peak_rss_mib: f64,
    pub throughput: f64,
    /// Invocations per second with a backlog queued ahead of the function.
    pub throughput_backlog: f64,
    pub cpu_us: f64,
    pub allocs: Option<f64>,
    pub instructions: Option<f64>,
}

/// The same row as ratios to the baseline (pairwise medians where rounds allow).
#[derive(Clone, Debug, Default)]
pub struct Ratios {
    pub name: String,
    pub values: Vec<(&'static str, Option<f64>)>,
}

pub fn opt(v: Option<f64>, digits: usize) -> String {
    v.map_or_else(|| "–".to_owned(), |v| format!("{v:.digits$}"))
}

pub fn markdown(rows: &[Row], ratios: &[Ratios], context: &str) -> String {
    let mut md = String::from("# Benchmarks: lambkin against the official runtime\n\n");
    let _ = writeln!(md, "{context}\n");
    md.push_str("| binary | stripped (release) | stripped (size profile) | clean build | cold start (median) | peak RSS | throughput | backlog throughput | CPU / invocation | allocations / invocation | instructions / invocation |\n");
    md.push_str("|---|---|---|---|---|---|---|---|---|---|---|\n");
    for r in rows {
        let _ = writeln!(
            md,
            "| {} | {:.0} KiB | {} KiB | {} s | {:.2} ms | {:.1} MiB | {:.0} /s | {:.0} /s | {:.1} µs | {} | {} |",
            r.name,
            r.stripped_release / 1024.0,
            opt(r.stripped_size_profile.map(|b| b / 1024.0), 0),
            opt(r.clean_build_s, 1),
            r.cold_start_ms,
            r.peak_rss_mib,
            r.throughput,
            r.throughput_backlog,
            r.cpu_us,
            opt(r.allocs, 1),
            opt(r.instructions, 0),
        );
    }
    md.push_str("\nRatios to the official runtime (lower is better, except throughput):\n\n");
    if let Some(first) = ratios.first() {
        md.push_str("| binary |");
        for (k, _) in &first.values {
            let _ = write!(md, " {k} |");
        }
        md.push_str("\n|---|");
        md.push_str(&"---|".repeat(first.values.len()));
        md.push('\n');
    }
    for r in ratios {
        let _ = write!(md, "| {} |", r.name);
        for (_, v) in &r.values {
            let _ = write!(
                md,
                " {} |",
                v.map_or_else(|| "–".to_owned(), |v| format!("{v:.2}×"))
            );
        }
        md.push('\n');
    }
    md
}

/// One row of the feature size table.
#[derive(Clone, Debug)]
pub struct Size {
    pub name: String,
    /// Source and features.
    pub recipe: String,
    /// Stripped release binary, bytes.
    pub bytes: u64,
}

/// The size table: each row's stripped release size and its difference to `base`'s.
pub fn sizes(rows: &[Size], base: &str, command: &str) -> String {
    let mut md = String::from("## Size each facade feature adds to hello\n\n");
    let _ = writeln!(
        md,
        "Stripped release binaries (the profile of the first table's \"stripped (release)\" column), each built as a user crate depending on the facade with no default features and the features named. hello uses none of the features it is built with here, so its rows show what enabling a feature costs before any of it is used. Command: `{command}`.\n"
    );
    md.push_str(&format!(
        "| binary | built from | stripped (release) | difference to {base} |\n|---|---|---|---|\n"
    ));
    let base_bytes = rows.iter().find(|r| r.name == base).map(|r| r.bytes);
    for r in rows {
        let diff = base_bytes.filter(|_| r.name != base).map_or_else(
            || "–".to_owned(),
            |b| {
                let (sign, d) = if r.bytes >= b {
                    ("+", r.bytes - b)
                } else {
                    ("−", b - r.bytes)
                };
                format!(
                    "{sign}{:.1} KiB ({sign}{} B)",
                    d as f64 / 1024.0,
                    thousands(d)
                )
            },
        );
        let _ = writeln!(
            md,
            "| {} | {} | {:.0} KiB ({} B) | {diff} |",
            r.name,
            r.recipe,
            r.bytes as f64 / 1024.0,
            thousands(r.bytes),
        );
    }
    md
}

/// A horizontal bar chart of the ratios, one group per metric, a line at 1×.
pub fn svg(ratios: &[Ratios]) -> String {
    let colors = [
        "#2b7bb9", "#e07b39", "#5aa05a", "#b94a8b", "#8c6d31", "#17becf",
    ];
    let metrics: Vec<&str> = ratios
        .first()
        .map(|r| r.values.iter().map(|(k, _)| *k).collect())
        .unwrap_or_default();
    let bar = 14.0;
    let group = bar * ratios.len() as f64 + 14.0;
    let (left, width) = (190.0, 420.0);
    let max = ratios
        .iter()
        .flat_map(|r| r.values.iter().filter_map(|(_, v)| *v))
        .fold(1.5_f64, f64::max)
        .min(8.0);
    let scale = width / max;
    let height = 40.0 + group * metrics.len() as f64 + 20.0 * ratios.len() as f64;
    let mut s = format!(
        r#"<svg xmlns="http://www.w3.org/2000/svg" width="{:.0}" height="{height:.0}" font-family="sans-serif" font-size="11">"#,
        left + width + 80.0
    );
    let _ = write!(
        s,
        r#"<text x="10" y="18" font-size="13">ratio to the official runtime (1× = equal)</text>"#
    );
    for (m, metric) in metrics.iter().enumerate() {
        let y0 = 32.0 + group * m as f64;
        let _ = write!(s, r#"<text x="10" y="{:.1}">{metric}</text>"#, y0 + bar);
        for (i, r) in ratios.iter().enumerate() {
            let Some(Some(v)) = r.values.get(m).map(|(_, v)| *v) else {
                continue;
            };
            let y = y0 + bar * i as f64;
            let w = (v.min(max) * scale).max(1.0);
            let color = colors.get(i % colors.len()).copied().unwrap_or("#888");
            let _ = write!(
                s,
                r#"<rect x="{left}" y="{y:.1}" width="{w:.1}" height="{:.1}" fill="{color}"/><text x="{:.1}" y="{:.1}">{v:.2}×</text>"#,
                bar - 2.0,
                left + w + 4.0,
                y + bar - 4.0
            );
        }
    }
    let one = left + scale;
    let _ = write!(
        s,
        r##"<line x1="{one:.1}" y1="26" x2="{one:.1}" y2="{:.1}" stroke="#444" stroke-dasharray="3,3"/>"##,
        32.0 + group * metrics.len() as f64
    );
    for (i, r) in ratios.iter().enumerate() {
        let y = 44.0 + group * metrics.len() as f64 + 18.0 * i as f64;
        let color = colors.get(i % colors.len()).copied().unwrap_or("#888");
        let _ = write!(
            s,
            r#"<rect x="10" y="{:.1}" width="10" height="10" fill="{color}"/><text x="26" y="{y:.1}">{}</text>"#,
            y - 9.0,
            r.name
        );
    }
    s.push_str("</svg>\n");
    s
}
