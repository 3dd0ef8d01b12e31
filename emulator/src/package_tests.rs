//! Deployment packages built here with the zip crate's writer, then unpacked and checked.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing)]

use std::io::Write;

use zip::write::SimpleFileOptions;
use zip::{CompressionMethod, ZipWriter};

use super::*;

/// An entry of a test archive.
enum Entry<'a> {
    File(&'a str, &'a [u8], Option<u32>),
    Dir(&'a str),
    Link(&'a str, &'a str),
}

/// A zip file in a fresh scratch directory (removed on drop), holding `entries`.
struct Zip {
    dir: PathBuf,
    path: PathBuf,
}

impl Zip {
    fn new(entries: &[Entry<'_>]) -> Self {
        let dir = std::env::temp_dir().join(format!("lambkin-zip-test-{}", crate::ids::uuid()));
        fs::create_dir_all(&dir).unwrap();
        let path = dir.join("bootstrap.zip");
        let mut zip = ZipWriter::new(File::create(&path).unwrap());
        let deflated = SimpleFileOptions::default().compression_method(CompressionMethod::Deflated);
        for entry in entries {
            match *entry {
                Entry::File(name, data, mode) => {
                    let options = match mode {
                        Some(m) => deflated.unix_permissions(m),
                        None => deflated,
                    };
                    zip.start_file(name, options).unwrap();
                    zip.write_all(data).unwrap();
                }
                Entry::Dir(name) => zip.add_directory(name, deflated).unwrap(),
                Entry::Link(name, target) => zip.add_symlink(name, target, deflated).unwrap(),
            }
        }
        zip.finish().unwrap();
        Self { dir, path }
    }

    /// Rewrites every occurrence of `from` in the archive's bytes (names in the local and
    /// central headers) to `to`, of the same length: names the writer would not write.
    fn patch(self, from: &[u8], to: &[u8]) -> Self {
        let mut bytes = fs::read(&self.path).unwrap();
        let mut at = 0;
        while let Some(i) = bytes[at..].windows(from.len()).position(|w| w == from) {
            bytes[at + i..at + i + to.len()].copy_from_slice(to);
            at += i + to.len();
        }
        fs::write(&self.path, bytes).unwrap();
        self
    }
}

impl Drop for Zip {
    fn drop(&mut self) {
        let _ = fs::remove_dir_all(&self.dir);
    }
}

/// The first 20 bytes of an ELF executable for `machine` (e_machine), little-endian.
fn elf(machine: u16) -> Vec<u8> {
    let mut head = b"\x7fELF\x02\x01\x01\0\0\0\0\0\0\0\0\0\x02\0".to_vec();
    head.extend_from_slice(&machine.to_le_bytes());
    head.extend_from_slice(&[0; 44]);
    head
}

/// This machine's ELF e_machine, and another architecture's.
fn machines() -> (u16, u16) {
    if std::env::consts::ARCH == "aarch64" {
        (183, 62)
    } else {
        (62, 183)
    }
}

fn error_of(entries: &[Entry<'_>]) -> String {
    let zip = Zip::new(entries);
    match Package::extract(&zip.path) {
        Ok(p) => panic!("extracted into {}", p.root().display()),
        Err(e) => e.to_string(),
    }
}

#[test]
fn unpacks_with_permissions_and_removes_on_drop() {
    let (host, _) = machines();
    let binary = elf(host);
    let zip = Zip::new(&[
        Entry::File("bootstrap", &binary, Some(0o755)),
        Entry::Dir("config/"),
        Entry::File("config/app.json", b"{\"a\":1}", Some(0o640)),
        Entry::File("static/deep/index.html", b"<p>hi</p>", None),
    ]);
    let package = Package::extract(&zip.path).unwrap();
    let root = package.root().to_owned();
    let mode = |p: &str| fs::metadata(root.join(p)).unwrap().permissions().mode() & 0o777;
    assert_eq!(package.bootstrap(), root.join("bootstrap"));
    assert_eq!(fs::read(package.bootstrap()).unwrap(), binary);
    assert_eq!(mode("bootstrap"), 0o755);
    assert_eq!(mode("config/app.json"), 0o640);
    assert_eq!(mode("static/deep/index.html"), 0o644);
    assert_eq!(
        fs::read(root.join("config/app.json")).unwrap(),
        b"{\"a\":1}"
    );
    assert_eq!(
        fs::metadata(&root).unwrap().permissions().mode() & 0o777,
        0o700
    );
    drop(package);
    assert!(!root.exists(), "{} left behind", root.display());
}

#[test]
fn scripts_run_too() {
    let zip = Zip::new(&[Entry::File(
        "bootstrap",
        b"#!/bin/sh\necho hi\n",
        Some(0o755),
    )]);
    Package::extract(&zip.path).unwrap();
}

#[test]
fn refusals_say_why() {
    let (host, other) = machines();
    let (host, other) = (elf(host), elf(other));
    let other_name = if std::env::consts::ARCH == "aarch64" {
        "x86_64"
    } else {
        "aarch64 (arm64)"
    };
    let cases: Vec<(&str, Vec<Entry<'_>>, String)> = vec![
        (
            "empty",
            vec![],
            "no `bootstrap` file at the zip's root".into(),
        ),
        (
            "folder zipped",
            vec![Entry::File("hello/bootstrap", &host, Some(0o755))],
            "`hello/bootstrap` is deeper in it".into(),
        ),
        (
            "bootstrap is a directory",
            vec![Entry::Dir("bootstrap/")],
            "no `bootstrap` file".into(),
        ),
        (
            "not executable",
            vec![Entry::File("bootstrap", &host, Some(0o644))],
            "not executable in the zip (mode 644)".into(),
        ),
        (
            "no Unix mode",
            vec![Entry::File("bootstrap", &host, None)],
            "not executable in the zip (mode 644)".into(),
        ),
        (
            "other architecture",
            vec![Entry::File("bootstrap", &other, Some(0o755))],
            format!(
                "built for {other_name} but this machine is {}",
                std::env::consts::ARCH
            ),
        ),
        (
            "not a program",
            vec![Entry::File("bootstrap", b"MZ\x90\0", Some(0o755))],
            "neither an ELF executable nor a script".into(),
        ),
        (
            "parent escape",
            vec![
                Entry::File("bootstrap", &host, Some(0o755)),
                Entry::File("../escaped", b"x", Some(0o644)),
            ],
            "`../escaped` would be unpacked outside".into(),
        ),
        (
            "deep escape",
            vec![Entry::File("a/../../escaped", b"x", Some(0o644))],
            "`a/../../escaped` would be unpacked outside".into(),
        ),
        (
            "symlink",
            vec![Entry::Link("bootstrap", "/bin/sh")],
            "`bootstrap` is a symbolic link".into(),
        ),
    ];
    for (what, entries, want) in cases {
        let got = error_of(&entries);
        assert!(got.contains(&want), "{what}: {got}");
    }
}

#[test]
fn zip_slip_writes_nothing_outside() {
    let zip = Zip::new(&[
        Entry::File("bootstrap", b"#!/bin/sh\n", Some(0o755)),
        Entry::File("../outside", b"x", Some(0o644)),
    ]);
    assert!(matches!(
        Package::extract(&zip.path),
        Err(PackageError::Escapes(_))
    ));
    assert!(!std::env::temp_dir().join("outside").exists());
    assert!(!zip.dir.join("outside").exists());
}

#[test]
fn absolute_paths_are_refused() {
    // The writer strips a leading `/`; a hostile archive need not.
    let zip = Zip::new(&[
        Entry::File("bootstrap", b"#!/bin/sh\n", Some(0o755)),
        Entry::File("Xtmp/lambkin-absolute", b"x", Some(0o644)),
    ])
    .patch(b"Xtmp/lambkin-absolute", b"/tmp/lambkin-absolute");
    let err = Package::extract(&zip.path).unwrap_err().to_string();
    assert!(
        err.contains("`/tmp/lambkin-absolute` would be unpacked outside"),
        "{err}"
    );
    assert!(!Path::new("/tmp/lambkin-absolute").exists());
}

#[test]
fn files_that_are_not_packages() {
    let missing = std::env::temp_dir().join("lambkin-no-such-dir/bootstrap.zip");
    let err = Package::extract(&missing).unwrap_err();
    assert!(matches!(&err, PackageError::Open(..)), "{err:?}");
    assert!(
        err.to_string()
            .contains("lambkin-no-such-dir/bootstrap.zip")
    );
    assert_eq!(io::Error::from(err).kind(), io::ErrorKind::NotFound);

    let zip = Zip::new(&[]);
    fs::write(&zip.path, b"#!/bin/sh\nthis is no zip\n").unwrap();
    let err = Package::extract(&zip.path).unwrap_err().to_string();
    assert!(err.contains("is not a zip archive"), "{err}");
}

#[test]
fn the_unzipped_size_is_bounded() {
    let zeros = vec![0u8; 64 << 10];
    let zip = Zip::new(&[
        Entry::File("bootstrap", b"#!/bin/sh\n", Some(0o755)),
        Entry::File("data", &zeros, Some(0o644)),
    ]);
    assert!(matches!(
        Package::extract_limited(&zip.path, 32 << 10),
        Err(PackageError::TooLarge)
    ));
    Package::extract_limited(&zip.path, 128 << 10).unwrap();
}

#[test]
fn elf_headers() {
    let cases: [(&[u8], &str, bool); 6] = [
        (&elf(62), "x86_64", true),
        (&elf(183), "aarch64", true),
        (&elf(183), "x86_64", false),
        (&elf(62), "aarch64", false),
        (&elf(0xBEEF), "x86_64", true), // unknown machine: exec decides
        (b"\x7fELF", "x86_64", false),  // truncated header
    ];
    for (head, host, ok) in cases {
        assert_eq!(check_runnable(head, host).is_ok(), ok, "{head:?} on {host}");
    }
}

#[test]
fn packages_of_dead_emulators_are_swept() {
    // Above Linux's largest pid_max (2^22): never a live process.
    let dead = std::env::temp_dir().join(format!("{PREFIX}4999999-{}", crate::ids::uuid()));
    let live = std::env::temp_dir().join(format!(
        "{PREFIX}{}-{}",
        std::process::id(),
        crate::ids::uuid()
    ));
    for dir in [&dead, &live] {
        fs::create_dir_all(dir.join("sub")).unwrap();
    }
    let zip = Zip::new(&[Entry::File("bootstrap", b"#!/bin/sh\n", Some(0o755))]);
    let package = Package::extract(&zip.path).unwrap();
    assert!(!dead.exists(), "{} not swept", dead.display());
    assert!(live.exists(), "{} of a live emulator swept", live.display());
    assert!(package.root().exists());
    fs::remove_dir_all(&live).unwrap();
}
