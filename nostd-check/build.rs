// Link args for the binary only (not RUSTFLAGS, which would also hit build scripts).
fn main() {
    for arg in ["-nostartfiles", "-nostdlib", "-static", "-no-pie"] {
        println!("cargo:rustc-link-arg-bins={arg}");
    }
}
