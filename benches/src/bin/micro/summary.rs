//! Reads gungraun's `summary.json` files (`--save-summary=json`): one per benchmark, under
//! `<home>/lambkin-benches/micro/<group>/<function>.<id>/`.

use std::collections::BTreeMap;
use std::path::Path;

use serde_json::Value;

/// What one benchmark cost.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Figures {
    /// Callgrind `Ir`: instructions executed inside the benchmark function.
    pub instructions: u64,
    /// DHAT total blocks: heap allocations made inside it.
    pub allocations: u64,
    /// DHAT total bytes allocated.
    pub bytes: u64,
}

/// Figures by `(function, id)`, e.g. `("lambkin", "sqs")`.
pub type All = BTreeMap<(String, String), Figures>;

pub fn read_all(home: &Path) -> Result<All, String> {
    let dir = home.join("lambkin-benches/micro");
    let mut all = All::new();
    for group in read_dir(&dir)? {
        for bench in read_dir(&group)? {
            let file = bench.join("summary.json");
            let text =
                std::fs::read_to_string(&file).map_err(|e| format!("{}: {e}", file.display()))?;
            let doc: Value =
                serde_json::from_str(&text).map_err(|e| format!("{}: {e}", file.display()))?;
            let (function, id, figures) =
                parse(&doc).ok_or_else(|| format!("{}: unexpected layout", file.display()))?;
            all.insert((function, id), figures);
        }
    }
    if all.is_empty() {
        return Err(format!("no summaries under {}", dir.display()));
    }
    Ok(all)
}

fn read_dir(dir: &Path) -> Result<Vec<std::path::PathBuf>, String> {
    let mut v: Vec<_> = std::fs::read_dir(dir)
        .map_err(|e| format!("{}: {e}", dir.display()))?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.is_dir())
        .collect();
    v.sort();
    Ok(v)
}

fn parse(doc: &Value) -> Option<(String, String, Figures)> {
    let function = doc.get("function_name")?.as_str()?.to_owned();
    let id = doc.get("id")?.as_str()?.to_owned();
    let mut f = Figures::default();
    let mut seen = (false, false);
    for profile in doc.get("profiles")?.as_array()? {
        let metrics = profile.pointer("/data/total/metrics")?;
        let metric = |name: &str| metrics.get(name)?.pointer("/values/new")?.as_u64();
        match profile.get("tool")?.as_str()? {
            "Callgrind" => {
                f.instructions = metric("Ir")?;
                seen.0 = true;
            }
            "DHAT" => {
                f.allocations = metric("TotalBlocks")?;
                f.bytes = metric("TotalBytes")?;
                seen.1 = true;
            }
            _ => {}
        }
    }
    (seen == (true, true)).then_some((function, id, f))
}
