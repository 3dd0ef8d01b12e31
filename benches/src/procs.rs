//! What Linux says about a process, for the load sections: open files, threads, children
//! (memory is [`measure::peak_kib`](crate::measure::peak_kib)).

use std::path::Path;

/// Open file descriptors of `pid` (entries of `/proc/PID/fd`).
pub fn open_fds(pid: u32) -> Option<usize> {
    std::fs::read_dir(format!("/proc/{pid}/fd"))
        .ok()
        .map(Iterator::count)
}

/// Threads of `pid` (`Threads:` of `/proc/PID/status`).
pub fn threads(pid: u32) -> Option<usize> {
    status_field(pid, "Threads:")
}

/// VmRSS of `pid`, KiB.
pub fn rss_kib(pid: u32) -> Option<usize> {
    status_field(pid, "VmRSS:")
}

fn status_field(pid: u32, name: &str) -> Option<usize> {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).ok()?;
    status
        .lines()
        .find_map(|l| l.strip_prefix(name))?
        .split_whitespace()
        .next()?
        .parse()
        .ok()
}

/// The children of `pid`, from every thread's `/proc/PID/task/TID/children` (a thread that
/// spawned a process is its parent there).
pub fn children(pid: u32) -> Vec<u32> {
    let Ok(tasks) = std::fs::read_dir(format!("/proc/{pid}/task")) else {
        return Vec::new();
    };
    let mut found: Vec<u32> = tasks
        .flatten()
        .filter_map(|t| std::fs::read_to_string(t.path().join("children")).ok())
        .flat_map(|list| {
            list.split_whitespace()
                .filter_map(|p| p.parse().ok())
                .collect::<Vec<u32>>()
        })
        .collect();
    found.sort_unstable();
    found.dedup();
    found
}

/// Whether `pid` is still a process (a zombie counts as gone: it holds nothing but its entry).
pub fn alive(pid: u32) -> bool {
    let stat = Path::new("/proc").join(pid.to_string()).join("stat");
    std::fs::read_to_string(stat).is_ok_and(|s| {
        // The state follows the parenthesised name, which may itself hold spaces.
        s.rsplit_once(')')
            .and_then(|(_, rest)| rest.split_whitespace().next())
            .is_some_and(|state| state != "Z" && state != "X")
    })
}
